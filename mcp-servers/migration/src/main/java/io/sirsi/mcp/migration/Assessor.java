package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Percentiles;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import io.sirsi.mcp.inventory.Utilization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides each workload's 7R strategy from the estate data, with the rule that fired as the rationale,
 * the alternatives, a confidence that says what it rests on, readiness from the findings, and a sizing
 * for every resource that lands on the target.
 *
 * <p>The rules, in order: the landing zone is rebuilt natively; parts attached to nothing are retired;
 * bastions and jump boxes are replaced by the target's managed access, self-run monitoring by its
 * managed monitoring; a disaster-recovery copy is retained until its primary has moved; an
 * out-of-support OS is retained until upgraded; compute idle at the 95th percentile (at most 5% CPU)
 * that nothing depends on is retired; functions are refactored; workloads with managed databases or
 * object storage are replatformed; the rest is rehosted.
 */
final class Assessor {
    /** AWS Prescriptive Guidance calls average CPU under 5% a zombie; this uses the 95th percentile. */
    static final double IDLE_P95 = 5.0;

    private final Inventory inventory;
    private final Map<String, Resource> byId;
    private final Reachability reachability;
    private final Rightsizer sizer;

    Assessor(Inventory inventory, Rightsizer sizer) {
        this.inventory = inventory;
        this.byId = inventory.byId();
        this.reachability = new Reachability(inventory);
        this.sizer = sizer;
    }

    Decision assess(Workload w, Set<String> dependedOn) {
        List<Resource> resources = w.resourceIds().stream().map(byId::get).toList();
        List<Resource> compute =
                resources.stream().filter(r -> Roles.of(r).equals("vm")).toList();
        List<Blocker> blockers = new ArrayList<>(Findings.of(resources, reachability, sizer.target()));
        Rule rule = rule(w, resources, compute, blockers, dependedOn.contains(w.id()));
        List<Sizing> sizings = new ArrayList<>();
        if (rule.strategy().buildsOnTarget()) {
            for (Resource r : resources) {
                if (!Roles.of(r).equals("other")) {
                    sizings.add(sizer.size(r));
                }
            }
        }
        Readiness readiness = readiness(blockers, compute, rule.strategy());
        Confidence confidence = confidence(w, resources, compute, rule, sizings);
        return new Decision(
                w.id(),
                rule.strategy(),
                rule.rationale(),
                confidence.value(),
                confidence.basis(),
                rule.alternatives(),
                readiness,
                blockers,
                sizings,
                "proposed",
                java.util.Optional.empty(),
                List.of());
    }

    /** The decision a user's choice of strategy leads to, with the same findings and fresh sizings. */
    Decision assessAs(Workload w, Strategy strategy, String rationale, String status) {
        Decision proposed = assess(w, Set.of());
        List<Sizing> sizings = new ArrayList<>();
        if (strategy.buildsOnTarget()) {
            for (String id : w.resourceIds()) {
                Resource r = byId.get(id);
                if (!Roles.of(r).equals("other")) {
                    sizings.add(sizer.size(r));
                }
            }
        }
        List<Strategy> alternatives = new ArrayList<>();
        alternatives.add(proposed.strategy());
        proposed.alternatives().stream()
                .filter(s -> s != strategy && !alternatives.contains(s))
                .forEach(alternatives::add);
        alternatives.remove(strategy);
        return new Decision(
                w.id(),
                strategy,
                rationale,
                proposed.confidence(),
                proposed.confidenceBasis(),
                alternatives,
                proposed.readiness(),
                proposed.blockers(),
                sizings,
                status,
                java.util.Optional.empty(),
                List.of());
    }

    record Rule(Strategy strategy, String rationale, List<Strategy> alternatives, boolean heuristic) {}

    private Rule rule(
            Workload w, List<Resource> resources, List<Resource> compute, List<Blocker> blockers, boolean dependedOn) {
        Cloud target = sizer.target();
        if (w.foundation()) {
            return new Rule(
                    Strategy.REPLATFORM,
                    "The landing zone (" + resources.size() + " networks, firewalls, identities, keys and logs) is "
                            + "rebuilt natively on " + target.displayName()
                            + " from the generated IaC, first; firewall "
                            + "rules are translated, and world-open admin ports are closed",
                    List.of(Strategy.REHOST),
                    false);
        }
        if (resources.stream().allMatch(Workloads::isPart)) {
            return new Rule(
                    Strategy.RETIRE,
                    resources.size() + " resources (" + describeTypes(resources) + ") are attached to nothing; they "
                            + "cost money and serve no workload. Snapshot what must be kept, then delete",
                    List.of(Strategy.RETAIN),
                    false);
        }
        String names = String.join(
                " ",
                resources.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        if (!compute.isEmpty()
                && compute.stream()
                        .allMatch(r -> r.name().toLowerCase(Locale.ROOT).matches(".*(bastion|jump).*"))) {
            return new Rule(
                    Strategy.REPURCHASE,
                    "An administrative entry point (" + names(compute) + "): replaced by "
                            + TargetServices.adminAccess(target) + ", so no host listens on SSH or RDP at all",
                    List.of(Strategy.REHOST, Strategy.RETIRE),
                    true);
        }
        if (w.name().matches("(?i).*(monitoring|prometheus|grafana|nagios|zabbix).*")
                || names.matches(".*(monitoring|prometheus|grafana|nagios|zabbix).*")) {
            return new Rule(
                    Strategy.REPURCHASE,
                    "Self-run monitoring (" + names(resources) + "): replaced by " + TargetServices.monitoring(target)
                            + ", which watches the new estate from day one",
                    List.of(Strategy.REHOST),
                    true);
        }
        if (w.environment().equals("dr")) {
            return new Rule(
                    Strategy.RETAIN,
                    "A disaster-recovery copy (environment dr): kept until its primary has moved, then rebuilt as "
                            + "the target's own recovery setup",
                    List.of(Strategy.RETIRE, Strategy.REHOST),
                    false);
        }
        List<Blocker> osBlockers = blockers.stream()
                .filter(b -> b.code().equals("os-unsupported-by-migration-tools"))
                .toList();
        if (!osBlockers.isEmpty()) {
            return new Rule(
                    Strategy.RETAIN,
                    "Runs an OS no migration tool moves ("
                            + osBlockers.get(0).message().replace("the operating system ", "")
                            + "): retained until it is rebuilt on a supported one, then rehosted",
                    List.of(Strategy.REHOST, Strategy.REFACTOR, Strategy.RETIRE),
                    false);
        }
        if (!compute.isEmpty()
                && !dependedOn
                && compute.stream().allMatch(r -> p95(r).map(p -> p <= IDLE_P95).orElse(false))) {
            String owner = resources.stream()
                    .map(r -> r.tag("owner").or(() -> r.tag("team")))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .map(o -> "; confirm with " + o + " first")
                    .orElse("; confirm with its owner first");
            return new Rule(
                    Strategy.RETIRE,
                    "Idle: " + names(compute) + " peak at "
                            + compute.stream()
                                    .map(r -> p95(r).map(Rightsizer::fmt).orElse("?"))
                                    .distinct()
                                    .sorted()
                                    .reduce((a, b) -> a + "/" + b)
                                    .orElse("?")
                            + "% CPU at the 95th percentile over "
                            + compute.get(0)
                                    .utilization()
                                    .map(Utilization::windowDays)
                                    .orElse(30)
                            + " days, and no other workload depends on it" + owner,
                    List.of(Strategy.REHOST, Strategy.RETAIN),
                    false);
        }
        if (resources.stream().anyMatch(r -> Roles.of(r).equals("function"))) {
            return new Rule(
                    Strategy.REFACTOR,
                    "Functions ("
                            + names(resources.stream()
                                    .filter(r -> Roles.of(r).equals("function"))
                                    .toList()) + ") " + "are ported to " + TargetServices.function(target)
                            + ": triggers, permissions and SDK calls change",
                    List.of(Strategy.RETAIN),
                    false);
        }
        List<Resource> databases =
                resources.stream().filter(r -> Roles.of(r).equals("database")).toList();
        List<Resource> buckets =
                resources.stream().filter(r -> Roles.of(r).equals("bucket")).toList();
        if (!databases.isEmpty()) {
            List<String> moves = new ArrayList<>();
            for (Resource db : databases) {
                String engine = Roles.engine(db);
                String version = Roles.engineVersion(db);
                String to = Roles.targetVersion(engine, version);
                moves.add(db.name() + " (" + engine + " " + version + ") to " + TargetServices.database(target, engine)
                        + (Roles.major(version) > 0 && Roles.major(version) != Roles.major(to)
                                ? " with an engine upgrade to " + to
                                : ""));
            }
            return new Rule(
                    Strategy.REPLATFORM,
                    "Managed databases move to the target's managed service: " + String.join("; ", moves)
                            + (compute.isEmpty() ? "" : "; its " + compute.size() + " servers are rehosted alongside"),
                    List.of(Strategy.REHOST, Strategy.REFACTOR),
                    false);
        }
        if (compute.isEmpty() && !buckets.isEmpty()) {
            return new Rule(
                    Strategy.REPLATFORM,
                    "Object storage (" + names(buckets) + ") moves to " + TargetServices.bucket(target)
                            + "; applications switch to its API or an S3-compatible endpoint",
                    List.of(Strategy.RETAIN),
                    false);
        }
        if (compute.isEmpty()) {
            return new Rule(
                    Strategy.REPLATFORM,
                    "Managed services (" + describeTypes(resources) + ") move to their " + target.displayName()
                            + " equivalents",
                    List.of(Strategy.RETAIN),
                    true);
        }
        String detail = compute.size() == 1
                ? describeServer(compute.get(0))
                : compute.size() + " servers (" + names(compute) + ")";
        return new Rule(
                Strategy.REHOST,
                "Servers move as they are: " + detail + ", replicated with " + TargetServices.vmMigration(target)
                        + " and sized from their utilization",
                List.of(Strategy.REPLATFORM, Strategy.REFACTOR),
                false);
    }

    private static String describeServer(Resource r) {
        String detail = Roles.osDetail(r).replaceAll("(?i)\\s+windows$", "").trim();
        String os = Roles.os(r).equals("windows")
                ? (detail.toLowerCase(Locale.ROOT).startsWith("windows server") ? detail : "Windows Server")
                : "Linux";
        String util = p95(r).map(p -> ", p95 CPU " + Rightsizer.fmt(p) + "%").orElse("");
        String licence = r.tag("license").map(l -> ", licence tag " + l).orElse("");
        return r.name() + " (" + os + " on " + Roles.sku(r) + util + licence + ")";
    }

    private static Optional<Double> p95(Resource r) {
        return r.utilization().flatMap(Utilization::cpuPercent).map(Percentiles::p95);
    }

    private static String names(List<Resource> resources) {
        List<String> names = resources.stream().map(Resource::name).toList();
        return names.size() <= 4
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    private static String describeTypes(List<Resource> resources) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        resources.forEach(r -> counts.merge(r.type(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((t, n) -> parts.add(n + " " + t));
        return String.join(", ", parts);
    }

    private static Readiness readiness(List<Blocker> blockers, List<Resource> compute, Strategy strategy) {
        if (!strategy.buildsOnTarget() && strategy != Strategy.REPURCHASE) {
            return blockers.stream().anyMatch(b -> b.severity().equals("blocker"))
                    ? Readiness.NOT_READY
                    : Readiness.READY;
        }
        if (blockers.stream().anyMatch(b -> b.severity().equals("blocker"))) {
            return Readiness.NOT_READY;
        }
        if (compute.stream().anyMatch(r -> p95(r).isEmpty())) {
            return Readiness.UNKNOWN;
        }
        if (blockers.stream().anyMatch(b -> b.severity().equals("condition"))) {
            return Readiness.READY_WITH_CONDITIONS;
        }
        return Readiness.READY;
    }

    record Confidence(double value, String basis) {}

    /** Confidence rests on the data behind the decision, as Azure Migrate rates its assessments. */
    private Confidence confidence(
            Workload w, List<Resource> resources, List<Resource> compute, Rule rule, List<Sizing> sizings) {
        double c = 0.6;
        List<String> why = new ArrayList<>();
        List<Resource> measured = resources.stream()
                .filter(r -> Roles.of(r).equals("vm") || Roles.of(r).equals("database"))
                .toList();
        long withData = measured.stream().filter(r -> p95(r).isPresent()).count();
        if (!measured.isEmpty() && withData == measured.size()) {
            c += 0.2;
            why.add("utilization for all " + measured.size() + " servers and databases");
        } else if (!measured.isEmpty()) {
            c -= 0.25 * (measured.size() - withData) / measured.size();
            why.add("utilization for " + withData + " of " + measured.size() + " servers and databases");
        }
        if (w.basis().startsWith("tag")) {
            c += 0.1;
            why.add("grouped by its " + w.basis());
        } else if (!w.foundation()) {
            c -= 0.05;
            why.add("grouped by " + w.basis() + ", not by a tag");
        }
        if (rule.heuristic()) {
            c -= 0.15;
            why.add("the rule reads names, not data");
        }
        long unsized = sizings.stream()
                .filter(s -> s.basis().contains("not in the size catalog"))
                .count();
        if (unsized > 0) {
            c -= 0.1 * unsized;
            why.add(unsized + " sizes unknown to the catalog");
        }
        c = Math.max(0.2, Math.min(0.95, c));
        return new Confidence(Math.round(c * 100) / 100.0, why.isEmpty() ? "the estate data" : String.join("; ", why));
    }

    /** Monitoring and backup agents: they connect to everything, and nothing needs them to. */
    static boolean isObserver(Resource r) {
        String text = (r.name() + " " + Workloads.appTag(r).orElse("")).toLowerCase(Locale.ROOT);
        return text.matches(".*(monitoring|prometheus|grafana|nagios|zabbix|datadog).*");
    }

    /** The workloads that other workloads depend on (connect to, store data in, are exposed by). */
    static Set<String> dependedOn(Inventory inventory, List<Workload> workloads) {
        Map<String, String> owner = new java.util.HashMap<>();
        workloads.forEach(w -> w.resourceIds().forEach(id -> owner.put(id, w.id())));
        Set<String> out = new HashSet<>();
        Map<String, Resource> byId = inventory.byId();
        for (Relationship e : inventory.relationships()) {
            if (!Set.of(RelationshipType.CONNECTS_TO, RelationshipType.STORES_DATA_IN, RelationshipType.EXPOSES)
                    .contains(e.type())) {
                continue;
            }
            Resource source = byId.get(e.from());
            if (source != null && isObserver(source)) {
                continue; // monitoring reaches everything; being watched is not being needed
            }
            String from = owner.get(e.from());
            String to = owner.get(e.to());
            if (from != null && to != null && !from.equals(to)) {
                out.add(to);
            }
        }
        return out;
    }
}
