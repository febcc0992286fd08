package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Plans a migration: workloads, an assessment of each, waves with runbooks, and the cost comparison;
 * and re-plans from an edited plan, keeping what the user accepted, changed, rejected or pinned.
 */
public final class Planner {
    /** What the user can set: the target, its region, the comfort factor, the wave size, the day rate. */
    public record Options(
            Cloud target,
            Optional<String> region,
            double comfortFactor,
            int waveSize,
            double dayRate,
            Map<String, String> existing) {
        /** Requires a target; checks the numbers. */
        public Options {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(region, "region");
            existing = Map.copyOf(existing);
            if (comfortFactor < 1 || comfortFactor > 3) {
                throw new MigrationException("The comfort factor is between 1.0 and 3.0, not " + comfortFactor);
            }
            if (waveSize < 1 || waveSize > 1000) {
                throw new MigrationException("The wave size is between 1 and 1000 move groups, not " + waveSize);
            }
            if (dayRate < 0) {
                throw new MigrationException("The day rate is not negative");
            }
        }

        /** The defaults for a target. */
        public static Options of(Cloud target) {
            return new Options(
                    target, Optional.empty(), Rightsizer.DEFAULT_COMFORT, 3, Costing.DEFAULT_DAY_RATE, Map.of());
        }
    }

    private final PriceBook book;

    /** A planner pricing from {@code book}. */
    public Planner(PriceBook book) {
        this.book = book;
    }

    /** The price book. */
    public PriceBook book() {
        return book;
    }

    /**
     * A plan for {@code inventory}, or a re-plan from {@code edited}.
     *
     * @throws MigrationException for an empty estate, a replication cycle, an unknown region, SKU,
     *     workload or status in the edited plan, or a wave pin against a dependency
     */
    public Plan plan(Inventory inventory, String estate, Options options, Optional<JsonNode> edited) {
        check(inventory);
        Cloud source = Cloud.of(inventory.provider());
        Cloud target = options.target();
        String region = region(inventory, target, options.region());
        List<Workload> workloads = Workloads.of(inventory);
        Rightsizer sizer = new Rightsizer(book, source, target, region, options.comfortFactor());
        Assessor assessor = new Assessor(inventory, sizer);
        Set<String> dependedOn = Assessor.dependedOn(inventory, workloads);
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (Workload w : workloads) {
            decisions.put(w.id(), assessor.assess(w, dependedOn));
        }
        List<String> notes = new ArrayList<>();
        Map<String, Integer> pinned = new HashMap<>();
        if (edited.isPresent()) {
            applyEdits(edited.get(), workloads, decisions, assessor, pinned, notes, target);
        }
        List<Wave> waves = Waves.plan(inventory, workloads, decisions, options.waveSize(), pinned, target);
        CostComparison cost = Costing.of(inventory, workloads, decisions, book, target, region, options.dayRate());
        if (source == target) {
            notes.add("The target is the source's own cloud: the plan moves workloads into a new landing zone there");
        }
        return new Plan(
                Plan.SCHEMA_VERSION,
                estate,
                source,
                target,
                region,
                options.comfortFactor(),
                options.waveSize(),
                workloads,
                new ArrayList<>(decisions.values()),
                waves,
                cost,
                notes);
    }

    /** What the plan builds on its target, for the IaC writers. */
    public TargetModel targetModel(Inventory inventory, Plan plan, Map<String, String> existing) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        plan.decisions().forEach(d -> decisions.put(d.workload(), d));
        return TargetModeller.of(inventory, plan.workloads(), decisions, plan.target(), plan.region(), existing);
    }

    private static void check(Inventory inventory) {
        long movable = inventory.resources().stream()
                .filter(r -> !r.type().equals(io.sirsi.mcp.inventory.EstateBuilder.tenantType(inventory.provider())))
                .count();
        if (movable == 0) {
            throw new MigrationException("The estate is empty: it has no resources to migrate besides its "
                    + inventory.accounts().size() + " tenants");
        }
        Map<String, String> replicaOf = new java.util.TreeMap<>();
        for (Relationship e : inventory.relationships()) {
            if (e.type().equals(RelationshipType.REPLICA_OF)) {
                replicaOf.put(e.from(), e.to());
            }
        }
        Map<String, Resource> byId = inventory.byId();
        for (String start : replicaOf.keySet()) {
            List<String> chain = new ArrayList<>(List.of(start));
            String at = replicaOf.get(start);
            while (at != null && chain.size() <= replicaOf.size()) {
                if (at.equals(start)) {
                    List<String> names =
                            chain.stream().map(id -> byId.get(id).name()).toList();
                    throw new MigrationException("The estate has a replication cycle: "
                            + String.join(" is a replica of ", names) + " is a replica of "
                            + byId.get(start).name() + "; a replica needs a primary outside the cycle");
                }
                chain.add(at);
                at = replicaOf.get(at);
            }
        }
    }

    private String region(Inventory inventory, Cloud target, Optional<String> asked) {
        List<String> regions = book.regions(target);
        if (asked.isPresent()) {
            if (!regions.contains(asked.get())) {
                throw new MigrationException("Unknown " + target.displayName() + " region '" + asked.get()
                        + "'; the price snapshots cover " + String.join(", ", regions));
            }
            return asked.get();
        }
        Map<String, Long> counts = new HashMap<>();
        inventory.resources().stream()
                .map(Resource::region)
                .filter(r -> !r.equalsIgnoreCase("global"))
                .forEach(r -> counts.merge(r.toLowerCase(Locale.ROOT), 1L, Long::sum));
        String main = counts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse("us-east-1");
        String geography = geography(main);
        return regions.stream()
                .filter(r -> geography(r).equals(geography))
                .findFirst()
                .orElse(regions.get(0));
    }

    private static String geography(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("eu")
                || r.contains("europe")
                || r.startsWith("uk")
                || r.contains("westeurope")
                || r.contains("northeurope")
                || r.contains("france")
                || r.contains("germany")) {
            return "eu";
        }
        if (r.startsWith("ap") || r.startsWith("asia") || r.contains("japan") || r.contains("australia")) {
            return "ap";
        }
        return "us";
    }

    private void applyEdits(
            JsonNode edited,
            List<Workload> workloads,
            Map<String, Decision> decisions,
            Assessor assessor,
            Map<String, Integer> pinned,
            List<String> notes,
            Cloud target) {
        Map<String, Workload> byId = new HashMap<>();
        workloads.forEach(w -> byId.put(w.id(), w));
        if (!edited.path("decisions").isArray()) {
            throw new MigrationException(
                    "The edited plan has no \"decisions\" list; pass the plan this server returned");
        }
        for (JsonNode item : edited.path("decisions")) {
            String id = item.path("workload").asString("");
            Workload w = byId.get(id);
            if (w == null) {
                throw new MigrationException("The edited plan names workload '" + id
                        + "', which this estate does not have; " + "workloads are " + String.join(", ", byId.keySet()));
            }
            String status = item.path("status").asString("proposed");
            List<Strategy> rejected = new ArrayList<>();
            item.path("rejected").forEach(s -> rejected.add(Strategy.of(s.asString())));
            Optional<Integer> wave =
                    item.hasNonNull("wave") ? Optional.of(item.path("wave").asInt()) : Optional.empty();
            if (wave.isPresent() && wave.get() < 1) {
                throw new MigrationException("Workload " + id + " is pinned to wave " + wave.get()
                        + "; wave 0 is the landing zone, so pins start at 1");
            }
            Decision d =
                    switch (status) {
                        case "proposed" -> decisions.get(id);
                        case "accepted", "changed" -> {
                            Strategy strategy =
                                    Strategy.of(item.path("strategy").asString(""));
                            String rationale = status.equals("accepted")
                                    ? item.path("rationale")
                                            .asString(decisions.get(id).rationale())
                                    : "Changed by you to " + strategy.id()
                                            + item.path("note")
                                                    .asString("")
                                                    .transform(n -> n.isBlank() ? "" : ": " + n);
                            Decision kept = assessor.assessAs(w, strategy, rationale, status);
                            yield kept.withSizings(userSizes(item, kept, target));
                        }
                        case "rejected" -> {
                            Strategy no = Strategy.of(item.path("strategy").asString(""));
                            if (!rejected.contains(no)) {
                                rejected.add(no);
                            }
                            yield decisions.get(id);
                        }
                        default ->
                            throw new MigrationException("Workload " + id + " has status '" + status
                                    + "'; use proposed, accepted, changed or rejected");
                    };
            if (!rejected.isEmpty() && rejected.contains(d.strategy())) {
                Strategy next = d.alternatives().stream()
                        .filter(s -> !rejected.contains(s))
                        .findFirst()
                        .orElse(Strategy.RETAIN);
                d = assessor.assessAs(
                        w,
                        next,
                        "You rejected " + rejected.stream().map(Strategy::id).toList() + "; the next option is "
                                + next.id() + " (was: " + d.rationale() + ")",
                        "proposed");
                notes.add(id + ": re-planned as " + next.id() + " after you rejected "
                        + rejected.get(rejected.size() - 1).id());
            }
            d = new Decision(
                    d.workload(),
                    d.strategy(),
                    d.rationale(),
                    d.confidence(),
                    d.confidenceBasis(),
                    d.alternatives().stream().filter(s -> !rejected.contains(s)).toList(),
                    d.readiness(),
                    d.blockers(),
                    d.sizings(),
                    d.status(),
                    wave,
                    rejected);
            wave.ifPresent(n -> pinned.put(id, n));
            decisions.put(id, d);
        }
    }

    /** The target sizes the user set in an accepted or changed decision, each checked against the catalog. */
    private List<Sizing> userSizes(JsonNode item, Decision kept, Cloud target) {
        Map<String, String> asked = new HashMap<>();
        item.path("sizings").forEach(s -> {
            if (s.hasNonNull("sourceId") && s.hasNonNull("targetSku")) {
                asked.put(s.path("sourceId").asString(), s.path("targetSku").asString());
            }
        });
        List<Sizing> out = new ArrayList<>();
        for (Sizing s : kept.sizings()) {
            String sku = asked.get(s.sourceId());
            if (sku == null || sku.equals(s.targetSku())) {
                out.add(s);
                continue;
            }
            switch (s.role()) {
                case "vm" -> {
                    ComputeSku c = book.computeSkus(target).stream()
                            .filter(x -> x.name().equals(sku))
                            .findFirst()
                            .orElseThrow(
                                    () -> new MigrationException("Unknown " + target.displayName() + " VM size '" + sku
                                            + "' for " + s.sourceName() + "; sizes include "
                                            + examples(book.computeSkus(target).stream()
                                                    .map(ComputeSku::name)
                                                    .toList())));
                    out.add(s.withTarget(c.name(), c.vcpus(), c.memoryGib(), "Set by you to " + c.name()));
                }
                case "database" -> {
                    DatabaseSku c = book.databaseSkus(target).stream()
                            .filter(x -> x.name().equals(sku))
                            .findFirst()
                            .orElseThrow(
                                    () -> new MigrationException("Unknown " + target.displayName() + " database size '"
                                            + sku + "' for " + s.sourceName() + "; sizes include "
                                            + examples(book.databaseSkus(target).stream()
                                                    .map(DatabaseSku::name)
                                                    .toList())));
                    out.add(s.withTarget(c.name(), c.vcpus(), c.memoryGib(), "Set by you to " + c.name()));
                }
                default -> out.add(s);
            }
        }
        return out;
    }

    private static String examples(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names) : String.join(", ", names.subList(0, 8)) + ", ...";
    }

    /** An estate by name: a demo estate or generated:SIZE. */
    public static Inventory estate(String name) {
        if (name.startsWith("generated:")) {
            int size;
            try {
                size = Integer.parseInt(name.substring("generated:".length()));
            } catch (NumberFormatException e) {
                throw new MigrationException(
                        "A generated estate is generated:SIZE, such as generated:10000, not " + name);
            }
            if (size > 200_000) {
                throw new MigrationException(
                        "A generated estate for planning holds at most 200000 resources, not " + size);
            }
            try {
                return io.sirsi.mcp.inventory.GeneratedEstate.aws(size, 42);
            } catch (RuntimeException e) {
                throw new MigrationException(e.getMessage());
            }
        }
        try {
            return Estates.load(name);
        } catch (RuntimeException e) {
            throw new MigrationException("Unknown estate '" + name + "'; the demo estates are "
                    + String.join(", ", Estates.names()) + ", or generated:SIZE");
        }
    }
}
