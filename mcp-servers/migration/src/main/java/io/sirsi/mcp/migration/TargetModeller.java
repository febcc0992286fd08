package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a plan's decisions into the target model the IaC writers read: one landing zone (a network with
 * public, application and data subnets), a firewall per workload whose rules are the source's rules as
 * the reachability model reads them (sources in other workloads become references to their firewalls,
 * world-open admin ports become {@code var.admin_cidr}), and a VM, database, bucket, load balancer and
 * role for every resource that is built on the target, at its planned size.
 */
final class TargetModeller {
    private static final String NETWORK_CIDR = "10.20.0.0/16";

    private TargetModeller() {}

    static TargetModel of(
            Inventory inventory,
            List<Workload> workloads,
            Map<String, Decision> decisions,
            Cloud target,
            String region,
            Map<String, String> existing) {
        Map<String, Resource> byId = inventory.byId();
        Reachability reachability = new Reachability(inventory);
        Names names = new Names();
        List<TargetResource> out = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        variables.add(Variable.of("environment", "prod", "Prefix of every name: the environment being built"));
        variables.add(Variable.of("region", region, "The " + target.displayName() + " region"));
        variables.add(new Variable(
                "admin_cidr",
                "string",
                java.util.Optional.empty(),
                "The only address range allowed to reach admin ports (SSH, RDP); there is no default on purpose",
                false));
        String network = names.of("main_network");
        out.add(withExisting(
                TargetResource.builder(network, "network", Workloads.FOUNDATION).with("cidr", NETWORK_CIDR), existing));
        Map<String, String> subnets = new LinkedHashMap<>();
        String[][] tiers = {
            {"public", "10.20.0.0/22", "true"}, {"app", "10.20.4.0/22", "false"}, {"data", "10.20.8.0/22", "false"}
        };
        for (String[] t : tiers) {
            String name = names.of(t[0] + "_subnet");
            subnets.put(t[0], name);
            out.add(withExisting(
                    TargetResource.builder(name, "subnet", Workloads.FOUNDATION)
                            .with("network", Ref.to(network))
                            .with("cidr", t[1])
                            .with("public", Boolean.parseBoolean(t[2])),
                    existing));
        }
        Map<String, String> owner = new HashMap<>();
        workloads.forEach(w -> w.resourceIds().forEach(id -> owner.put(id, w.id())));
        List<Workload> built = workloads.stream()
                .filter(w -> !w.foundation() && decisions.get(w.id()).strategy().buildsOnTarget())
                .filter(w -> !decisions.get(w.id()).sizings().isEmpty())
                .toList();
        Map<String, String> firewallOf = new LinkedHashMap<>();
        for (Workload w : built) {
            firewallOf.put(w.id(), names.of(w.id() + "_fw"));
        }
        Set<String> assumesRole = new java.util.HashSet<>();
        Map<String, List<String>> exposed = new HashMap<>();
        for (Relationship e : inventory.relationships()) {
            if (e.type().equals(RelationshipType.ASSUMES_ROLE)) {
                assumesRole.add(e.from());
            } else if (e.type().equals(RelationshipType.EXPOSES)) {
                exposed.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            }
        }
        Map<String, String> vmNames = new HashMap<>();
        for (Workload w : built) {
            for (Sizing s : decisions.get(w.id()).sizings()) {
                if (s.role().equals("vm")) {
                    vmNames.put(s.sourceId(), names.of(byId.get(s.sourceId()).name()));
                }
            }
        }
        for (Workload w : built) {
            out.add(withExisting(
                    TargetResource.builder(firewallOf.get(w.id()), "firewall", w.id())
                            .with("network", Ref.to(network))
                            .with("rules", rules(w, decisions.get(w.id()), reachability, owner, firewallOf, byId)),
                    existing));
        }
        for (Workload w : built) {
            Decision d = decisions.get(w.id());
            String fw = firewallOf.get(w.id());
            boolean hasRole = w.resourceIds().stream().anyMatch(assumesRole::contains);
            String role = null;
            if (hasRole && d.sizings().stream().anyMatch(s -> s.role().equals("vm"))) {
                role = names.of(w.id() + "_role");
                out.add(withExisting(
                        TargetResource.builder(role, "role", w.id())
                                .with("assumedBy", "compute")
                                .with("policies", rolePolicies(target)),
                        existing));
            }
            for (Sizing s : d.sizings()) {
                Resource r = byId.get(s.sourceId());
                switch (s.role()) {
                    case "vm" -> {
                        for (int i = 1; i <= s.count(); i++) {
                            String name = s.count() == 1 ? vmNames.get(r.id()) : names.of(r.name() + "_" + i);
                            var b = TargetResource.builder(name, "vm", w.id())
                                    .replaces(r.id())
                                    .with("size", s.targetSku())
                                    .with("os", s.os())
                                    .with("image", s.os().equals("windows") ? "windows-2022" : "ubuntu-22.04")
                                    .with("subnet", Ref.to(subnets.get("app")))
                                    .with("firewalls", List.of(Ref.to(fw)))
                                    .with("diskGb", 64);
                            if (role != null) {
                                b.with("role", Ref.to(role));
                            }
                            out.add(withExisting(b, existing));
                        }
                    }
                    case "database" -> {
                        String name = names.of(r.name());
                        String password = name + "_password";
                        variables.add(
                                Variable.secret(password, "Administrator password of " + r.name() + "'s replacement"));
                        out.add(withExisting(
                                TargetResource.builder(name, "database", w.id())
                                        .replaces(r.id())
                                        .with("engine", s.engine().orElse("postgres"))
                                        .with("version", s.version().orElse(""))
                                        .with("size", s.targetSku())
                                        .with("storageGb", Math.max(20, (long) Math.ceil(s.storageGb())))
                                        .with(
                                                "subnets",
                                                List.of(Ref.to(subnets.get("data")), Ref.to(subnets.get("app"))))
                                        .with("firewalls", List.of(Ref.to(fw)))
                                        .with("encrypted", true)
                                        .with(
                                                "highAvailability",
                                                // Burstable sizes offer no high availability on Azure (and little
                                                // elsewhere).
                                                Workloads.environment(r).equals("prod")
                                                        && !Rightsizer.dbFamily(s.targetSku())
                                                                .equals("burstable"))
                                        .with("password", VarRef.to(password)),
                                existing));
                    }
                    case "bucket" ->
                        out.add(withExisting(
                                TargetResource.builder(names.of(r.name()), "bucket", w.id())
                                        .replaces(r.id())
                                        .with("bucketName", bucketName(r.name()))
                                        .with("versioning", true)
                                        .with("encrypted", true),
                                existing));
                    case "load-balancer" -> {
                        List<Ref> targets = new ArrayList<>();
                        // Through intermediaries too: a GCP forwarding rule exposes a backend service,
                        // which exposes the instances.
                        java.util.Deque<String> todo =
                                new java.util.ArrayDeque<>(exposed.getOrDefault(r.id(), List.of()));
                        Set<String> seen = new java.util.HashSet<>();
                        while (!todo.isEmpty()) {
                            String to = todo.pop();
                            if (!seen.add(to)) {
                                continue;
                            }
                            if (vmNames.containsKey(to)) {
                                targets.add(Ref.to(vmNames.get(to)));
                            } else {
                                todo.addAll(exposed.getOrDefault(to, List.of()));
                            }
                        }
                        boolean internal = r.property("scheme").asString("").equals("internal");
                        out.add(withExisting(
                                TargetResource.builder(names.of(r.name()), "load-balancer", w.id())
                                        .replaces(r.id())
                                        .with("public", !internal)
                                        .with("subnets", List.of(Ref.to(subnets.get(internal ? "app" : "public"))))
                                        .with("firewalls", List.of(Ref.to(fw)))
                                        .with("port", 443)
                                        .with("protocol", "tcp")
                                        .with("targets", new ArrayList<>(new LinkedHashSet<>(targets))),
                                existing));
                    }
                    default -> {}
                }
            }
        }
        return new TargetModel(target, region, out, variables);
    }

    private static TargetResource withExisting(TargetResource.Builder b, Map<String, String> existing) {
        TargetResource r = b.build();
        String id = existing.get(r.name());
        return id == null
                ? r
                : new TargetResource(
                        r.name(), r.kind(), r.workload(), r.sourceIds(), r.properties(), java.util.Optional.of(id));
    }

    /** A workload's inbound rules, read from the source's rules through the reachability model. */
    private static List<Map<String, Object>> rules(
            Workload w,
            Decision d,
            Reachability reachability,
            Map<String, String> owner,
            Map<String, String> firewallOf,
            Map<String, Resource> byId) {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Sizing s : d.sizings()) {
            Resource r = byId.get(s.sourceId());
            if (!s.role().equals("vm")
                    && !s.role().equals("database")
                    && !s.role().equals("load-balancer")) {
                continue;
            }
            List<Reachability.Grant> grants;
            try {
                grants = reachability.inbound(r.id(), "any", -1);
            } catch (RuntimeException e) {
                continue; // not behind network rules in the source (a managed database outside a network)
            }
            for (Reachability.Grant g : grants) {
                if (g.protocol().equals("icmp")
                        || (g.fromPort() == 0
                                && g.toPort() == 65535
                                && !g.peerKind().equals("resource"))) {
                    continue; // whole-range allowances (defaults, no NSG) are not copied: the target starts closed
                }
                Object source;
                boolean admin = g.fromPort() <= 22 && g.toPort() >= 22 || g.fromPort() <= 3389 && g.toPort() >= 3389;
                switch (g.peerKind()) {
                    case Reachability.INTERNET -> source = admin ? VarRef.to("admin_cidr") : "0.0.0.0/0";
                    case "resource" -> {
                        String other = owner.get(g.peer());
                        if (other == null || other.equals(w.id())) {
                            source = NETWORK_CIDR;
                        } else if (firewallOf.containsKey(other)) {
                            source = Ref.to(firewallOf.get(other));
                        } else {
                            continue; // the peer does not move: nothing to allow on the target
                        }
                    }
                    case "cidr" -> source = admin ? VarRef.to("admin_cidr") : g.peer();
                    default -> source = NETWORK_CIDR; // service tags such as VirtualNetwork
                }
                String key = g.protocol() + "/" + g.fromPort() + "-" + g.toPort() + "/" + source;
                rules.computeIfAbsent(key, k -> {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("protocol", g.protocol().equals("all") ? "all" : g.protocol());
                    rule.put("fromPort", g.fromPort());
                    rule.put("toPort", g.toPort());
                    rule.put("sources", List.of(source));
                    return rule;
                });
            }
        }
        return new ArrayList<>(rules.values());
    }

    /**
     * What a workload's machines may do, in each cloud's own vocabulary: publish metrics and logs, read
     * their secrets, be managed without SSH. The source role's own policies are not copied: they name
     * the source cloud's resources.
     */
    static List<String> rolePolicies(Cloud target) {
        return switch (target) {
            case AWS -> List.of("CloudWatchAgentServerPolicy", "AmazonSSMManagedInstanceCore");
            case AZURE -> List.of("Monitoring Metrics Publisher", "Key Vault Secrets User");
            case GCP ->
                List.of(
                        "roles/logging.logWriter",
                        "roles/monitoring.metricWriter",
                        "roles/secretmanager.secretAccessor");
        };
    }

    /** A bucket name every cloud accepts: lower case, digits and dashes, 3 to 63 characters. */
    static String bucketName(String source) {
        String s =
                source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() < 3) {
            s = s + "-bucket";
        }
        return s.length() > 55 ? s.substring(0, 55) : s;
    }

    /** Unique logical names, [a-z][a-z0-9_]*. */
    private static final class Names {
        private final Set<String> used = new java.util.HashSet<>();

        String of(String text) {
            String base =
                    text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("(^_+|_+$)", "");
            if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
                base = "r_" + base;
            }
            String name = base;
            for (int n = 2; !used.add(name); n++) {
                name = base + "_" + n;
            }
            return name;
        }
    }
}
