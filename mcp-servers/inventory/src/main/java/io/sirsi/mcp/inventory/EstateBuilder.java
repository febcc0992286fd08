package io.sirsi.mcp.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds inventory documents: the demo estates' definitions, generated estates, and the SDK paths use
 * it. Every resource gets its tenant edge ({@code resource-of}) to its account's resource.
 */
public final class EstateBuilder {
    /** A resource under construction. */
    public final class Draft {
        private final String id;
        private final String type;
        private final String account;
        private final String region;
        private final String name;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final ObjectNode properties = InventoryJson.MAPPER.createObjectNode();
        private Double cost;
        private Utilization utilization;
        private Instant firstSeen;

        private Draft(String id, String type, String account, String region, String name) {
            this.id = id;
            this.type = type;
            this.account = account;
            this.region = region;
            this.name = name;
        }

        /** The resource's id, for edges. */
        public String id() {
            return id;
        }

        /** Adds a tag. */
        public Draft tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Sets a property; maps and lists become JSON objects and arrays. */
        public Draft prop(String key, Object value) {
            properties.set(key, value instanceof JsonNode node ? node : InventoryJson.MAPPER.valueToTree(value));
            return this;
        }

        /** Sets the estimated monthly cost in USD. */
        public Draft cost(double usdPerMonth) {
            this.cost = Math.round(usdPerMonth * 100) / 100.0;
            return this;
        }

        /** Sets CPU and memory utilization (percent) over 30 days. */
        public Draft util(double cpuP50, double cpuP95, double cpuMax, double memP50, double memP95, double memMax) {
            this.utilization = new Utilization(
                    30,
                    Optional.of(new Percentiles(cpuP50, cpuP95, cpuMax)),
                    Optional.of(new Percentiles(memP50, memP95, memMax)),
                    Optional.empty(),
                    Optional.empty());
            return this;
        }

        /** Sets any utilization. */
        public Draft util(Utilization value) {
            this.utilization = value;
            return this;
        }

        /** Sets when the resource was first seen (default: the collection time). */
        public Draft firstSeen(Instant when) {
            this.firstSeen = when;
            return this;
        }

        Resource build() {
            return new Resource(
                    id,
                    type,
                    provider,
                    account,
                    region,
                    name,
                    tags,
                    properties,
                    Optional.ofNullable(cost),
                    Optional.ofNullable(utilization),
                    syncTag,
                    firstSeen == null ? collectedAt : firstSeen,
                    collectedAt);
        }
    }

    private final String provider;
    private final String source;
    private final String syncTag;
    private final Instant collectedAt;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, String> accountResourceIds = new LinkedHashMap<>();
    private final List<Relationship> relationships = new ArrayList<>();

    /** A builder for one provider's inventory. */
    public EstateBuilder(String provider, String source, String syncTag, Instant collectedAt) {
        this.provider = provider;
        this.source = source;
        this.syncTag = syncTag;
        this.collectedAt = collectedAt;
    }

    /** The tenant resource type of a provider. */
    public static String tenantType(String provider) {
        return switch (provider) {
            case "aws" -> "aws.account";
            case "azure" -> "azure.subscription";
            case "gcp" -> "gcp.project";
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        };
    }

    /** Adds a tenant, and the resource that stands for it. */
    public Draft account(String id, String name, List<String> regions) {
        accounts.add(new Account(id, name, regions));
        String resourceId =
                switch (provider) {
                    case "aws" -> "arn:aws:iam::" + id + ":root";
                    case "azure" -> "/subscriptions/" + id;
                    default -> "projects/" + id;
                };
        accountResourceIds.put(id, resourceId);
        Draft draft = new Draft(resourceId, tenantType(provider), id, "global", name);
        drafts.add(draft);
        return draft;
    }

    /** Adds a resource. */
    public Draft add(String type, String id, String account, String region, String name) {
        if (!accountResourceIds.containsKey(account)) {
            throw new IllegalArgumentException("add account " + account + " before its resources");
        }
        Draft draft = new Draft(id, type, account, region, name);
        drafts.add(draft);
        return draft;
    }

    /** Adds a relationship without properties. */
    public void edge(String from, String type, String to) {
        edge(from, type, to, Map.of());
    }

    /** Adds a relationship with properties. */
    public void edge(String from, String type, String to, Map<String, Object> properties) {
        relationships.add(new Relationship(
                from, type, to, InventoryJson.MAPPER.valueToTree(properties), syncTag, collectedAt, collectedAt));
    }

    /** The inventory, with a tenant edge from every resource to its tenant. */
    public Inventory build() {
        List<Resource> resources = new ArrayList<>(drafts.size());
        List<Relationship> all = new ArrayList<>(relationships.size() + drafts.size());
        for (Draft draft : drafts) {
            Resource resource = draft.build();
            resources.add(resource);
            String tenant = accountResourceIds.get(resource.account());
            if (!resource.id().equals(tenant)) {
                all.add(new Relationship(
                        resource.id(),
                        RelationshipType.RESOURCE_OF,
                        tenant,
                        InventoryJson.MAPPER.createObjectNode(),
                        syncTag,
                        collectedAt,
                        collectedAt));
            }
        }
        all.addAll(relationships);
        all.addAll(groupToGroupEdges(resources));
        var ids = new java.util.HashSet<String>();
        for (Resource r : resources) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("duplicate resource id " + r.id());
            }
        }
        for (Relationship r : all) {
            if (!ids.contains(r.from()) || !ids.contains(r.to())) {
                throw new IllegalStateException("relationship " + r.from() + " -" + r.type() + "-> " + r.to()
                        + " names a resource that does not exist");
            }
        }
        return new Inventory(
                Inventory.SCHEMA_VERSION, provider, source, syncTag, collectedAt, accounts, resources, all);
    }

    /**
     * The {@code allows-traffic-from} edges that AWS security group rules imply: a group whose inbound
     * rule names another group lets that group's members in, on the rule's protocol and ports. They are
     * derived from the rules, so demo estates and SDK collections carry them alike.
     */
    private List<Relationship> groupToGroupEdges(List<Resource> resources) {
        Map<String, String> byGroupId = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r.type().equals("aws.ec2.security-group")) {
                r.text("groupId").ifPresent(g -> byGroupId.put(g, r.id()));
            }
        }
        Map<String, List<Map<String, Object>>> rulesByPair = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (!r.type().equals("aws.ec2.security-group")) {
                continue;
            }
            for (var permission : r.properties().path("ipPermissions")) {
                String protocol =
                        switch (permission.path("ipProtocol").asString("-1")) {
                            case "-1" -> "all";
                            case "6" -> "tcp";
                            case "17" -> "udp";
                            case "1" -> "icmp";
                            default -> permission.path("ipProtocol").asString();
                        };
                boolean all = protocol.equals("all");
                int from = all ? 0 : permission.path("fromPort").asInt(0);
                int to = all ? 65535 : permission.path("toPort").asInt(65535);
                for (var pair : permission.path("userIdGroupPairs")) {
                    String peer = byGroupId.get(pair.path("groupId").asString(""));
                    if (peer != null) {
                        var rule = new LinkedHashMap<String, Object>();
                        rule.put("protocol", protocol);
                        rule.put("fromPort", from);
                        rule.put("toPort", to);
                        rulesByPair
                                .computeIfAbsent(r.id() + "\n" + peer, k -> new ArrayList<>())
                                .add(rule);
                    }
                }
            }
        }
        List<Relationship> edges = new ArrayList<>();
        rulesByPair.forEach((pair, rules) -> {
            String[] ends = pair.split("\n", 2);
            edges.add(new Relationship(
                    ends[0],
                    RelationshipType.ALLOWS_TRAFFIC_FROM,
                    ends[1],
                    InventoryJson.MAPPER.valueToTree(Map.of("rules", rules)),
                    syncTag,
                    collectedAt,
                    collectedAt));
        });
        return edges;
    }

    /** A firewall rule in the normalized shape every provider's network resources use. */
    public static Map<String, Object> rule(
            String direction,
            String action,
            int priority,
            String protocol,
            int fromPort,
            int toPort,
            List<String> sources) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("direction", direction);
        rule.put("action", action);
        rule.put("priority", priority);
        rule.put("protocol", protocol);
        rule.put("fromPort", fromPort);
        rule.put("toPort", toPort);
        rule.put("sources", sources);
        return rule;
    }
}
