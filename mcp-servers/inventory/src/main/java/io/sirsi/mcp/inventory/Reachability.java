package io.sirsi.mcp.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Network reachability computed from the providers' own rules: AWS security groups (allow rules,
 * group-to-group references), Azure NSGs (priorities, allow and deny, subnet and NIC levels, default
 * rules) and GCP firewall rules (priorities, target tags and service accounts, source tags, the implied
 * deny). It answers what may reach a resource on a port, what a resource may reach, and what the
 * internet may reach.
 */
public final class Reachability {
    /** The internet, as a peer. */
    public static final String INTERNET = "internet";

    /**
     * One permitted flow: {@code peer} may send {@code protocol} traffic on ports {@code fromPort..toPort}
     * to {@code target}, because of {@code via} (the group, NSG or firewall and its rule).
     */
    public record Grant(
            String target, String peer, String peerKind, String protocol, int fromPort, int toPort, String via) {}

    private final Inventory inventory;
    private final Map<String, Resource> byId;
    private final Map<String, List<Relationship>> outgoing = new LinkedHashMap<>();
    private final Map<String, List<Relationship>> incoming = new LinkedHashMap<>();

    /** Reachability over one inventory. */
    public Reachability(Inventory inventory) {
        this.inventory = inventory;
        this.byId = inventory.byId();
        for (Relationship r : inventory.relationships()) {
            outgoing.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            incoming.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
        }
    }

    /** Every grant that lets traffic into {@code target} on {@code port} ({@code port < 0}: any port). */
    public List<Grant> inbound(String target, String protocol, int port) {
        Resource resource = byId.get(target);
        if (resource == null) {
            throw new InventoryException("Unknown resource id '" + target + "'");
        }
        List<Grant> grants =
                switch (resource.provider()) {
                    case "aws" -> awsInbound(resource);
                    case "azure" -> azureInbound(resource);
                    default -> gcpInbound(resource);
                };
        return grants.stream().filter(g -> matches(g, protocol, port)).toList();
    }

    /** Every grant, on any resource, whose peer is {@code source}: what {@code source} may reach. */
    public List<Grant> outbound(String source) {
        if (!byId.containsKey(source)) {
            throw new InventoryException("Unknown resource id '" + source + "'");
        }
        List<Grant> grants = new ArrayList<>();
        for (Resource r : guarded()) {
            for (Grant g : inbound(r.id(), "any", -1)) {
                if (g.peer().equals(source)) {
                    grants.add(g);
                }
            }
        }
        return grants;
    }

    /** Every grant that lets the internet in on {@code port} ({@code port < 0}: any port). */
    public List<Grant> fromInternet(String protocol, int port) {
        List<Grant> grants = new ArrayList<>();
        for (Resource r : guarded()) {
            for (Grant g : inbound(r.id(), protocol, port)) {
                if (g.peerKind().equals(INTERNET)) {
                    grants.add(g);
                }
            }
        }
        grants.sort(Comparator.comparing(Grant::target).thenComparingInt(Grant::fromPort));
        return grants;
    }

    /** The resources network rules apply to: instances, VMs, databases and load balancers. */
    private List<Resource> guarded() {
        return inventory.resources().stream()
                .filter(r -> !outgoingOf(r.id(), RelationshipType.MEMBER_OF_SECURITY_GROUP)
                                .isEmpty()
                        || r.type().equals("azure.compute.vm")
                        || r.type().equals("azure.compute.vmss")
                        || r.type().equals("gcp.compute.instance"))
                .toList();
    }

    private static boolean matches(Grant g, String protocol, int port) {
        boolean protocolOk = protocol == null
                || protocol.equals("any")
                || g.protocol().equals("all")
                || g.protocol().equalsIgnoreCase(protocol);
        boolean portOk = port < 0 || (g.fromPort() <= port && port <= g.toPort());
        return protocolOk && portOk;
    }

    private List<Relationship> outgoingOf(String id, String type) {
        return outgoing.getOrDefault(id, List.of()).stream()
                .filter(r -> r.type().equals(type))
                .toList();
    }

    private List<Relationship> incomingOf(String id, String type) {
        return incoming.getOrDefault(id, List.of()).stream()
                .filter(r -> r.type().equals(type))
                .toList();
    }

    // AWS: security groups are allow-lists; a rule names CIDRs or other groups.

    private List<Grant> awsInbound(Resource target) {
        List<Grant> grants = new ArrayList<>();
        for (Relationship membership : outgoingOf(target.id(), RelationshipType.MEMBER_OF_SECURITY_GROUP)) {
            Resource group = byId.get(membership.to());
            if (group == null || !group.type().equals("aws.ec2.security-group")) {
                continue;
            }
            String groupName = group.text("groupName").orElse(group.name());
            for (JsonNode perm : group.property("ipPermissions")) {
                String protocol = awsProtocol(perm.path("ipProtocol").asString("-1"));
                int from = protocol.equals("all") ? 0 : perm.path("fromPort").asInt(0);
                int to = protocol.equals("all") ? 65535 : perm.path("toPort").asInt(65535);
                String via = groupName + " (" + group.text("groupId").orElse(group.id()) + ")";
                for (JsonNode range : perm.path("ipRanges")) {
                    String cidr = range.path("cidrIp").asString("");
                    grants.add(new Grant(
                            target.id(),
                            cidr.equals("0.0.0.0/0") ? INTERNET : cidr,
                            cidr.equals("0.0.0.0/0") ? INTERNET : "cidr",
                            protocol,
                            from,
                            to,
                            via));
                }
                for (JsonNode range : perm.path("ipv6Ranges")) {
                    String cidr = range.path("cidrIpv6").asString("");
                    grants.add(new Grant(
                            target.id(),
                            cidr.equals("::/0") ? INTERNET : cidr,
                            cidr.equals("::/0") ? INTERNET : "cidr",
                            protocol,
                            from,
                            to,
                            via));
                }
                for (JsonNode pair : perm.path("userIdGroupPairs")) {
                    String sourceGroup = pair.path("groupId").asString("");
                    for (Resource member : awsGroupMembers(sourceGroup)) {
                        if (!member.id().equals(target.id())) {
                            grants.add(new Grant(
                                    target.id(),
                                    member.id(),
                                    "resource",
                                    protocol,
                                    from,
                                    to,
                                    via + " from group " + sourceGroup));
                        }
                    }
                }
            }
        }
        return grants;
    }

    private List<Resource> awsGroupMembers(String groupId) {
        List<Resource> members = new ArrayList<>();
        for (Resource group : inventory.resources()) {
            if (group.type().equals("aws.ec2.security-group")
                    && groupId.equals(group.text("groupId").orElse(""))) {
                for (Relationship m : incomingOf(group.id(), RelationshipType.MEMBER_OF_SECURITY_GROUP)) {
                    Resource member = byId.get(m.from());
                    if (member != null) {
                        members.add(member);
                    }
                }
            }
        }
        return members;
    }

    private static String awsProtocol(String ipProtocol) {
        return switch (ipProtocol) {
            case "-1", "all" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            default -> ipProtocol.toLowerCase(java.util.Locale.ROOT);
        };
    }

    // Azure: NSGs on the subnet and on the NIC must both allow; the first matching rule by priority decides.

    private record AzureRule(
            int priority, boolean allow, String protocol, List<int[]> ports, List<String> sources, String name) {}

    private static final List<AzureRule> AZURE_DEFAULTS = List.of(
            new AzureRule(
                    65000, true, "all", List.of(new int[] {0, 65535}), List.of("VirtualNetwork"), "AllowVnetInBound"),
            new AzureRule(
                    65001,
                    true,
                    "all",
                    List.of(new int[] {0, 65535}),
                    List.of("AzureLoadBalancer"),
                    "AllowAzureLoadBalancerInBound"),
            new AzureRule(65500, false, "all", List.of(new int[] {0, 65535}), List.of("*"), "DenyAllInBound"));

    private List<Grant> azureInbound(Resource target) {
        List<List<Resource>> levels = new ArrayList<>();
        List<Resource> nics = new ArrayList<>();
        if (target.type().equals("azure.compute.vmss")) {
            for (Relationship s : outgoingOf(target.id(), RelationshipType.PART_OF_SUBNET)) {
                levels.add(nsgsAttachedTo(s.to()));
            }
        } else {
            for (Relationship a : incomingOf(target.id(), RelationshipType.ATTACHED_TO)) {
                Resource nic = byId.get(a.from());
                if (nic != null && nic.type().equals("azure.network.nic")) {
                    nics.add(nic);
                }
            }
            for (Resource nic : nics) {
                for (Relationship s : outgoingOf(nic.id(), RelationshipType.PART_OF_SUBNET)) {
                    levels.add(nsgsAttachedTo(s.to()));
                }
                levels.add(nsgsAttachedTo(nic.id()));
            }
        }
        levels.removeIf(List::isEmpty);
        if (levels.isEmpty()) {
            return List.of(new Grant(target.id(), INTERNET, INTERNET, "all", 0, 65535, "no network security group"));
        }
        Set<String> sources = new LinkedHashSet<>(List.of("Internet", "VirtualNetwork"));
        Map<String, int[]> portRanges = new LinkedHashMap<>();
        for (List<Resource> level : levels) {
            for (Resource nsg : level) {
                for (AzureRule rule : azureRules(nsg)) {
                    rule.sources().stream().filter(s -> !s.equals("*")).forEach(sources::add);
                    rule.ports().forEach(p -> portRanges.putIfAbsent(p[0] + "-" + p[1], p));
                }
            }
        }
        List<Grant> grants = new ArrayList<>();
        for (String source : sources) {
            for (int[] range : portRanges.values()) {
                for (String protocol : List.of("tcp", "udp")) {
                    String via = azureDecision(levels, source, protocol, range[0]);
                    if (via != null) {
                        String kind =
                                source.equals("Internet") ? INTERNET : source.contains("/") ? "cidr" : "service-tag";
                        grants.add(new Grant(
                                target.id(),
                                source.equals("Internet") ? INTERNET : source,
                                kind,
                                protocol,
                                range[0],
                                range[1],
                                via));
                    }
                }
            }
        }
        return grants;
    }

    /** The allowing rules if every level allows {@code source} on {@code port}, else null. */
    private String azureDecision(List<List<Resource>> levels, String source, String protocol, int port) {
        List<String> reasons = new ArrayList<>();
        for (List<Resource> level : levels) {
            List<AzureRule> rules = new ArrayList<>();
            Map<AzureRule, String> owners = new LinkedHashMap<>();
            for (Resource nsg : level) {
                for (AzureRule r : azureRules(nsg)) {
                    rules.add(r);
                    owners.put(r, nsg.name());
                }
            }
            rules.addAll(AZURE_DEFAULTS);
            rules.sort(Comparator.comparingInt(AzureRule::priority));
            AzureRule decisive = null;
            for (AzureRule r : rules) {
                boolean protocolOk = r.protocol().equals("all") || r.protocol().equals(protocol);
                boolean portOk = r.ports().stream().anyMatch(p -> p[0] <= port && port <= p[1]);
                boolean sourceOk = r.sources().stream().anyMatch(s -> azureSourceMatches(s, source));
                if (protocolOk && portOk && sourceOk) {
                    decisive = r;
                    break;
                }
            }
            if (decisive == null || !decisive.allow()) {
                return null;
            }
            reasons.add(owners.getOrDefault(decisive, "default") + "/" + decisive.name() + " (priority "
                    + decisive.priority() + ")");
        }
        return String.join(" and ", reasons);
    }

    private static boolean azureSourceMatches(String rulePrefix, String source) {
        if (rulePrefix.equals("*")) {
            return true;
        }
        if (rulePrefix.equalsIgnoreCase("Internet")) {
            return source.equals("Internet");
        }
        return rulePrefix.equalsIgnoreCase(source);
    }

    private List<Resource> nsgsAttachedTo(String id) {
        List<Resource> nsgs = new ArrayList<>();
        for (Relationship a : incomingOf(id, RelationshipType.ATTACHED_TO)) {
            Resource nsg = byId.get(a.from());
            if (nsg != null && nsg.type().equals("azure.network.nsg")) {
                nsgs.add(nsg);
            }
        }
        return nsgs;
    }

    private static List<AzureRule> azureRules(Resource nsg) {
        List<AzureRule> rules = new ArrayList<>();
        for (JsonNode r : nsg.property("securityRules")) {
            if (!"Inbound".equalsIgnoreCase(r.path("direction").asString(""))) {
                continue;
            }
            List<String> sources = new ArrayList<>();
            if (r.hasNonNull("sourceAddressPrefix")) {
                sources.add(r.path("sourceAddressPrefix").asString());
            }
            r.path("sourceAddressPrefixes").forEach(p -> sources.add(p.asString()));
            List<int[]> ports = new ArrayList<>();
            if (r.hasNonNull("destinationPortRange")) {
                ports.add(portRange(r.path("destinationPortRange").asString()));
            }
            r.path("destinationPortRanges").forEach(p -> ports.add(portRange(p.asString())));
            String protocol = r.path("protocol").asString("*");
            rules.add(new AzureRule(
                    r.path("priority").asInt(4096),
                    "Allow".equalsIgnoreCase(r.path("access").asString("")),
                    protocol.equals("*") ? "all" : protocol.toLowerCase(java.util.Locale.ROOT),
                    ports,
                    sources,
                    r.path("name").asString("")));
        }
        return rules;
    }

    private static int[] portRange(String text) {
        if (text.equals("*")) {
            return new int[] {0, 65535};
        }
        int dash = text.indexOf('-');
        return dash < 0
                ? new int[] {Integer.parseInt(text.trim()), Integer.parseInt(text.trim())}
                : new int[] {
                    Integer.parseInt(text.substring(0, dash).trim()),
                    Integer.parseInt(text.substring(dash + 1).trim())
                };
    }

    // GCP: firewall rules per network; the lowest priority number wins, deny before allow; implied deny.

    private record GcpRule(
            Resource firewall,
            int priority,
            boolean allow,
            String protocol,
            int[] ports,
            List<String> ranges,
            List<String> sourceTags) {}

    private List<Grant> gcpInbound(Resource instance) {
        String network =
                instance.property("networkInterfaces").path(0).path("network").asString("");
        Set<String> tags = new LinkedHashSet<>();
        instance.property("tags").path("items").forEach(t -> tags.add(t.asString()));
        Set<String> accounts = new LinkedHashSet<>();
        instance.property("serviceAccounts")
                .forEach(a -> accounts.add(a.path("email").asString()));
        List<GcpRule> rules = new ArrayList<>();
        for (Resource fw : inventory.resources()) {
            if (!fw.type().equals("gcp.compute.firewall")
                    || !network.equals(fw.text("network").orElse(""))
                    || fw.property("disabled").asBoolean(false)
                    || !"INGRESS".equals(fw.text("direction").orElse("INGRESS"))) {
                continue;
            }
            List<String> targetTags = strings(fw.property("targetTags"));
            List<String> targetAccounts = strings(fw.property("targetServiceAccounts"));
            if (!targetTags.isEmpty() && targetTags.stream().noneMatch(tags::contains)) {
                continue;
            }
            if (!targetAccounts.isEmpty() && targetAccounts.stream().noneMatch(accounts::contains)) {
                continue;
            }
            for (String kind : List.of("allowed", "denied")) {
                for (JsonNode entry : fw.property(kind)) {
                    String protocol = entry.path("IPProtocol").asString("all");
                    List<int[]> ranges = new ArrayList<>();
                    entry.path("ports").forEach(p -> ranges.add(portRange(p.asString())));
                    if (ranges.isEmpty()) {
                        ranges.add(new int[] {0, 65535});
                    }
                    for (int[] range : ranges) {
                        rules.add(new GcpRule(
                                fw,
                                fw.property("priority").asInt(1000),
                                kind.equals("allowed"),
                                protocol.equals("all") ? "all" : protocol,
                                range,
                                strings(fw.property("sourceRanges")),
                                strings(fw.property("sourceTags"))));
                    }
                }
            }
        }
        rules.sort(Comparator.comparingInt(GcpRule::priority).thenComparing(r -> r.allow()));
        List<Grant> grants = new ArrayList<>();
        for (GcpRule rule : rules) {
            if (!rule.allow()) {
                continue;
            }
            String via = rule.firewall().name() + " (priority " + rule.priority() + ")";
            for (String range : rule.ranges()) {
                boolean internet = range.equals("0.0.0.0/0");
                for (int[] open : gcpOpen(rules, rule, range, null)) {
                    grants.add(new Grant(
                            instance.id(),
                            internet ? INTERNET : range,
                            internet ? INTERNET : "cidr",
                            rule.protocol(),
                            open[0],
                            open[1],
                            via));
                }
            }
            for (String tag : rule.sourceTags()) {
                for (Resource peer : inventory.resources()) {
                    if (peer.type().equals("gcp.compute.instance")
                            && !peer.id().equals(instance.id())
                            && strings(peer.property("tags").path("items")).contains(tag)) {
                        for (int[] open : gcpOpen(rules, rule, null, tag)) {
                            grants.add(new Grant(
                                    instance.id(),
                                    peer.id(),
                                    "resource",
                                    rule.protocol(),
                                    open[0],
                                    open[1],
                                    via + " from tag " + tag));
                        }
                    }
                }
            }
        }
        return grants;
    }

    /**
     * The ports an allow rule really opens to a source: its range minus the ranges of deny rules that
     * take precedence (a lower priority number, or the same number) and cover the source.
     */
    private static List<int[]> gcpOpen(List<GcpRule> rules, GcpRule allow, String range, String tag) {
        List<int[]> open = new ArrayList<>(List.of(allow.ports().clone()));
        for (GcpRule other : rules) {
            if (other == allow) {
                break;
            }
            boolean protocolOk = other.protocol().equals("all")
                    || other.protocol().equals(allow.protocol())
                    || allow.protocol().equals("all");
            boolean sourceOk = (range != null
                            && (other.ranges().contains("0.0.0.0/0")
                                    || other.ranges().contains(range)))
                    || (tag != null && other.sourceTags().contains(tag));
            if (!other.allow() && protocolOk && sourceOk) {
                open = subtract(open, other.ports());
            }
        }
        return open;
    }

    private static List<int[]> subtract(List<int[]> ranges, int[] cut) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : ranges) {
            if (cut[1] < r[0] || cut[0] > r[1]) {
                out.add(r);
                continue;
            }
            if (r[0] < cut[0]) {
                out.add(new int[] {r[0], cut[0] - 1});
            }
            if (cut[1] < r[1]) {
                out.add(new int[] {cut[1] + 1, r[1]});
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
