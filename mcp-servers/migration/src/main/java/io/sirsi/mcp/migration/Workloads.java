package io.sirsi.mcp.migration;

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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups an inventory's resources into workloads.
 *
 * <ol>
 *   <li>The landing zone (networks, subnets, firewalls, gateways, identities, keys, trails and log
 *       groups) is one foundation workload, built first on the target.
 *   <li>A resource with an application tag ({@code app}, {@code application}, {@code workload},
 *       {@code service}) belongs to that application's workload.
 *   <li>Attached parts (volumes, disks, NICs, addresses, snapshots, target groups, containers) follow
 *       what they are attached to.
 *   <li>An untagged resource joins the one tagged workload it exposes, replicates or stores data for;
 *       otherwise untagged resources tagged with the same non-production environment form one workload
 *       (a dev environment moves as a whole), and the rest stand alone, joined when they depend on one
 *       another.
 * </ol>
 */
final class Workloads {
    static final Set<String> APP_TAGS = Set.of("app", "application", "workload", "service");
    static final String FOUNDATION = "foundation";

    private static final Set<String> FOUNDATION_TYPES = Set.of(
            "aws.account",
            "aws.ec2.vpc",
            "aws.ec2.subnet",
            "aws.ec2.security-group",
            "aws.ec2.internet-gateway",
            "aws.ec2.nat-gateway",
            "aws.iam.role",
            "aws.iam.policy",
            "aws.iam.user",
            "aws.kms.key",
            "aws.cloudtrail.trail",
            "aws.logs.log-group",
            "aws.rds.db-subnet-group",
            "azure.subscription",
            "azure.resources.resource-group",
            "azure.network.vnet",
            "azure.network.subnet",
            "azure.network.nsg",
            "azure.keyvault.vault",
            "gcp.project",
            "gcp.compute.network",
            "gcp.compute.subnetwork",
            "gcp.compute.firewall",
            "gcp.iam.service-account");

    /** Parts that follow what they are attached to (by an attached-to edge from the part, or to it). */
    private static final Set<String> PART_TYPES = Set.of(
            "aws.ec2.volume",
            "aws.ec2.elastic-ip",
            "aws.ec2.snapshot",
            "aws.elbv2.target-group",
            "azure.network.nic",
            "azure.compute.disk",
            "azure.network.public-ip",
            "azure.compute.vmss-instance",
            "azure.storage.container",
            "azure.sql.firewall-rule",
            "azure.cdn.endpoint",
            "gcp.compute.disk",
            "gcp.compute.address",
            "gcp.compute.snapshot");

    private Workloads() {}

    static boolean isFoundation(Resource r) {
        return FOUNDATION_TYPES.contains(r.type());
    }

    static boolean isPart(Resource r) {
        return PART_TYPES.contains(r.type());
    }

    /** The application tag of a resource, lower case. */
    static Optional<String> appTag(Resource r) {
        for (String key : List.of("app", "application", "workload", "service")) {
            Optional<String> value = r.tag(key);
            if (value.isPresent() && !value.get().isBlank()) {
                return Optional.of(value.get().trim().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** The environment of a resource from its tags, normalized (prod, dev, test, dr, ...), or "prod". */
    static String environment(Resource r) {
        String env = r.tag("environment")
                .or(() -> r.tag("env"))
                .orElse("prod")
                .trim()
                .toLowerCase(Locale.ROOT);
        return switch (env) {
            case "production", "prd", "live" -> "prod";
            case "development" -> "dev";
            case "staging", "stage" -> "staging";
            default -> env;
        };
    }

    static List<Workload> of(Inventory inventory) {
        Map<String, Resource> byId = inventory.byId();
        Map<String, String> owner = new LinkedHashMap<>(); // resource id -> workload key
        Map<String, String> basis = new HashMap<>();
        for (Resource r : inventory.resources()) {
            if (isFoundation(r)) {
                owner.put(r.id(), FOUNDATION);
            } else if (!isPart(r) && appTag(r).isPresent()) {
                owner.put(r.id(), "app:" + appTag(r).get());
                basis.put(
                        "app:" + appTag(r).get(),
                        "tag " + tagKey(r) + "=" + appTag(r).get());
            }
        }
        Map<String, List<Relationship>> edges = new HashMap<>();
        for (Relationship e : inventory.relationships()) {
            if (e.type().equals(RelationshipType.RESOURCE_OF)) {
                continue;
            }
            edges.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            edges.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
        // Untagged anchors join the one tagged workload they expose, replicate or store data for.
        for (Resource r : inventory.resources()) {
            if (owner.containsKey(r.id()) || isPart(r)) {
                continue;
            }
            Set<String> tagged = new java.util.TreeSet<>();
            for (Relationship e : edges.getOrDefault(r.id(), List.of())) {
                boolean joins = e.type().equals(RelationshipType.REPLICA_OF)
                        || (e.type().equals(RelationshipType.EXPOSES)
                                && e.from().equals(r.id()))
                        || (e.type().equals(RelationshipType.STORES_DATA_IN) && e.to().equals(r.id()));
                String other = e.from().equals(r.id()) ? e.to() : e.from();
                String key = owner.get(other);
                if (joins && key != null && key.startsWith("app:")) {
                    tagged.add(key);
                }
            }
            if (tagged.size() == 1) {
                owner.put(r.id(), tagged.iterator().next());
            }
        }
        // Untagged non-production resources form one workload per environment.
        for (Resource r : inventory.resources()) {
            if (!owner.containsKey(r.id()) && !isPart(r) && !environment(r).equals("prod")) {
                String key = "env:" + environment(r);
                owner.put(r.id(), key);
                basis.put(key, "environment " + environment(r) + " (untagged)");
            }
        }
        // The rest stand alone, joined when one connects to or replicates another.
        var joined = new UnionFind();
        for (Resource r : inventory.resources()) {
            if (!owner.containsKey(r.id()) && !isPart(r)) {
                joined.add(r.id());
            }
        }
        for (Relationship e : inventory.relationships()) {
            if ((e.type().equals(RelationshipType.CONNECTS_TO) || e.type().equals(RelationshipType.REPLICA_OF))
                    && joined.contains(e.from())
                    && joined.contains(e.to())) {
                joined.union(e.from(), e.to());
            }
        }
        for (String id : joined.members()) {
            String root = joined.find(id);
            String key = "res:" + byId.get(root).name();
            owner.put(id, key);
            basis.putIfAbsent(key, joined.size(root) > 1 ? "dependencies" : "single resource");
        }
        // Parts follow what they are attached to; parts of nothing (an unattached volume) stand alone.
        for (int pass = 0; pass < 3; pass++) {
            for (Resource r : inventory.resources()) {
                if (!isPart(r) || owner.containsKey(r.id())) {
                    continue;
                }
                for (Relationship e : edges.getOrDefault(r.id(), List.of())) {
                    String other = e.from().equals(r.id()) ? e.to() : e.from();
                    String key = owner.get(other);
                    if (key != null && !key.equals(FOUNDATION)) {
                        owner.put(r.id(), key);
                        break;
                    }
                }
            }
        }
        for (Resource r : inventory.resources()) {
            if (!owner.containsKey(r.id())) {
                String key = "orphans";
                owner.put(r.id(), key);
                basis.put(key, "attached to nothing that moves");
            }
        }
        basis.put(FOUNDATION, "landing zone: networks, firewalls, identities, keys, logging");
        Map<String, List<String>> members = new TreeMap<>();
        owner.forEach((id, key) ->
                members.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
        List<Workload> out = new ArrayList<>();
        for (var entry : members.entrySet()) {
            String key = entry.getKey();
            String name = key.contains(":") ? key.substring(key.indexOf(':') + 1) : key;
            String env = entry.getValue().stream()
                    .map(id -> environment(byId.get(id)))
                    .filter(e -> !e.equals("prod"))
                    .findFirst()
                    .orElse("prod");
            out.add(new Workload(
                    slug(name),
                    name,
                    basis.getOrDefault(key, "dependencies"),
                    key.equals(FOUNDATION),
                    entry.getValue(),
                    env));
        }
        // Two keys can slug to one id ("app:web" and "res:web"): keep ids unique.
        Map<String, Integer> seen = new HashMap<>();
        List<Workload> unique = new ArrayList<>();
        for (Workload w : out) {
            int n = seen.merge(w.id(), 1, Integer::sum);
            unique.add(
                    n == 1
                            ? w
                            : new Workload(
                                    w.id() + "-" + n,
                                    w.name(),
                                    w.basis(),
                                    w.foundation(),
                                    w.resourceIds(),
                                    w.environment()));
        }
        return unique;
    }

    private static String tagKey(Resource r) {
        for (String key : r.tags().keySet()) {
            if (APP_TAGS.contains(key.toLowerCase(Locale.ROOT))) {
                return key;
            }
        }
        return "app";
    }

    /** A lower-case id of letters, digits and dashes. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "workload" : s;
    }

    /** Disjoint sets of resource ids. */
    private static final class UnionFind {
        private final Map<String, String> parent = new LinkedHashMap<>();
        private final Map<String, Integer> size = new HashMap<>();

        void add(String id) {
            parent.putIfAbsent(id, id);
            size.putIfAbsent(id, 1);
        }

        boolean contains(String id) {
            return parent.containsKey(id);
        }

        List<String> members() {
            return new ArrayList<>(parent.keySet());
        }

        String find(String id) {
            String root = id;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            String at = id;
            while (!parent.get(at).equals(root)) {
                String next = parent.get(at);
                parent.put(at, root);
                at = next;
            }
            return root;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            // The lexically smaller root wins, so names do not depend on edge order.
            String root = ra.compareTo(rb) < 0 ? ra : rb;
            String child = root.equals(ra) ? rb : ra;
            parent.put(child, root);
            size.put(root, size.get(root) + size.get(child));
        }

        int size(String root) {
            return size.get(root);
        }
    }
}
