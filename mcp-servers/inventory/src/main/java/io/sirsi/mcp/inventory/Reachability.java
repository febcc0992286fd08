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
 * rules, service tags and address ranges) and GCP firewall rules (priorities, deny before allow, target
 * and source tags and service accounts, address ranges, the implied deny). It answers what the rules
 * let reach a resource on a port, what a resource may reach, and what the internet may reach. It reads
 * rules only: a resource the rules open to the internet may still have no public address.
 */
public final class Reachability {
    /** The internet, as a peer. */
    public static final String INTERNET = "internet";

    /** The {@code via} of an Azure grant on a resource no network security group governs: nothing is filtered. */
    public static final String NO_NSG = "no network security group";

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
        if (!isGuarded(resource)) {
            throw new InventoryException("Reachability is computed from network rules, which apply to "
                    + guardedKinds(resource.provider()) + "; '" + resource.name() + "' is a " + resource.type());
        }
        List<Grant> grants =
                switch (resource.provider()) {
                    case "aws" -> awsInbound(resource);
                    case "azure" -> azureInbound(resource);
                    default -> gcpInbound(resource);
                };
        return grants.stream().filter(g -> matches(g, protocol, port)).toList();
    }

    /**
     * Every grant, on any resource, whose peer stands for {@code source}: the resource itself (or a group
     * it is in, or a tag or service account it carries), an address range holding one of its private
     * addresses, or (on Azure) the virtual network it is in. Paths through the internet are not
     * included.
     */
    public List<Grant> outbound(String source) {
        Resource from = byId.get(source);
        if (from == null) {
            throw new InventoryException("Unknown resource id '" + source + "'");
        }
        List<String> addresses = privateAddresses(from);
        Set<String> networks = azureNetworks(from);
        List<Grant> grants = new ArrayList<>();
        for (Resource r : guarded()) {
            if (r.id().equals(source)) {
                continue;
            }
            for (Grant g : inbound(r.id(), "any", -1)) {
                boolean covers =
                        switch (g.peerKind()) {
                            case "resource" -> g.peer().equals(source);
                            case "cidr" -> addresses.stream().anyMatch(a -> Cidr.contains(g.peer(), a));
                            case "service-tag" ->
                                g.peer().equalsIgnoreCase("VirtualNetwork")
                                        && !networks.isEmpty()
                                        && azureNetworks(r).stream().anyMatch(networks::contains);
                            default -> false;
                        };
                if (covers) {
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

    /** The resources network rules apply to: members of security groups, Azure VMs and scale sets, GCP instances. */
    private List<Resource> guarded() {
        return inventory.resources().stream().filter(this::isGuarded).toList();
    }

    private boolean isGuarded(Resource r) {
        return switch (r.provider()) {
            case "aws" ->
                !outgoingOf(r.id(), RelationshipType.MEMBER_OF_SECURITY_GROUP).isEmpty();
            case "azure" -> r.type().equals("azure.compute.vm") || r.type().equals("azure.compute.vmss");
            default -> r.type().equals("gcp.compute.instance");
        };
    }

    private static String guardedKinds(String provider) {
        return switch (provider) {
            case "aws" -> "resources in security groups (instances, databases, load balancers, functions in a VPC)";
            case "azure" -> "virtual machines and scale sets (through their NICs' and subnets' NSGs)";
            default -> "Compute Engine instances (through their network's firewall rules)";
        };
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

    /** The private addresses of an instance, VM (through its NICs) or GCP instance. */
    private List<String> privateAddresses(Resource r) {
        List<String> out = new ArrayList<>();
        r.text("privateIpAddress").ifPresent(out::add);
        r.property("networkInterfaces").forEach(n -> {
            if (n.hasNonNull("networkIP")) {
                out.add(n.path("networkIP").asString());
            }
            if (n.hasNonNull("privateIpAddress")) {
                out.add(n.path("privateIpAddress").asString());
            }
        });
        for (Resource nic : azureNics(r)) {
            nic.property("ipConfigurations").forEach(c -> {
                if (c.hasNonNull("privateIPAddress")) {
                    out.add(c.path("privateIPAddress").asString());
                }
            });
        }
        return out;
    }

    private List<Resource> azureNics(Resource vm) {
        List<Resource> nics = new ArrayList<>();
        for (Relationship a : incomingOf(vm.id(), RelationshipType.ATTACHED_TO)) {
            Resource nic = byId.get(a.from());
            if (nic != null && nic.type().equals("azure.network.nic")) {
                nics.add(nic);
            }
        }
        return nics;
    }

    /** The virtual networks an Azure VM or scale set is in, from its subnets' ids. */
    private Set<String> azureNetworks(Resource r) {
        Set<String> out = new LinkedHashSet<>();
        List<String> subnets = new ArrayList<>();
        outgoingOf(r.id(), RelationshipType.PART_OF_SUBNET).forEach(e -> subnets.add(e.to()));
        for (Resource nic : azureNics(r)) {
            outgoingOf(nic.id(), RelationshipType.PART_OF_SUBNET).forEach(e -> subnets.add(e.to()));
        }
        for (String subnet : subnets) {
            int cut = subnet.toLowerCase(java.util.Locale.ROOT).indexOf("/subnets/");
            out.add(cut < 0 ? subnet : subnet.substring(0, cut));
        }
        return out;
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

    /** Security groups by their group id, built on first use (an estate can hold thousands of groups). */
    private Map<String, List<Resource>> groupsById;

    private List<Resource> awsGroupMembers(String groupId) {
        if (groupsById == null) {
            Map<String, List<Resource>> index = new java.util.HashMap<>();
            for (Resource group : inventory.resources()) {
                if (group.type().equals("aws.ec2.security-group")) {
                    group.text("groupId").ifPresent(id -> index.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(group));
                }
            }
            groupsById = index;
        }
        List<Resource> members = new ArrayList<>();
        for (Resource group : groupsById.getOrDefault(groupId, List.of())) {
            for (Relationship m : incomingOf(group.id(), RelationshipType.MEMBER_OF_SECURITY_GROUP)) {
                Resource member = byId.get(m.from());
                if (member != null) {
                    members.add(member);
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
            case "1" -> "icmp";
            default -> ipProtocol.toLowerCase(java.util.Locale.ROOT);
        };
    }

    // Both Azure and GCP evaluate rules in priority order, the first matching rule deciding each port.
    // A sweep over the ports in that order gives, for one source and protocol, the ports allowed and
    // the rule that allowed each.

    /** Ports {@code from..to}, allowed by {@code via}. */
    private record Span(int from, int to, String via) {}

    /** A rule reduced to what the sweep needs. */
    private record Rule(int priority, boolean allow, String protocol, List<int[]> ports, String via) {}

    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp");

    /** The ports that {@code rules} (in evaluation order, already filtered to the source) allow for {@code protocol}. */
    private static List<Span> sweep(List<Rule> rules, String protocol) {
        List<int[]> undecided = new ArrayList<>(List.of(new int[] {0, 65535}));
        List<Span> allowed = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.protocol().equals("all") && !rule.protocol().equals(protocol)) {
                continue;
            }
            for (int[] ports : rule.ports()) {
                if (rule.allow()) {
                    for (int[] hit : intersect(undecided, ports)) {
                        allowed.add(new Span(hit[0], hit[1], rule.via()));
                    }
                }
                undecided = subtract(undecided, ports);
            }
            if (undecided.isEmpty()) {
                break;
            }
        }
        allowed.sort(Comparator.comparingInt(Span::from));
        return allowed;
    }

    /** The ports both span lists allow, with both reasons. */
    private static List<Span> both(List<Span> a, List<Span> b) {
        List<Span> out = new ArrayList<>();
        for (Span x : a) {
            for (Span y : b) {
                int from = Math.max(x.from(), y.from());
                int to = Math.min(x.to(), y.to());
                if (from <= to) {
                    out.add(new Span(from, to, x.via() + " and " + y.via()));
                }
            }
        }
        return out;
    }

    private static List<int[]> intersect(List<int[]> ranges, int[] window) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : ranges) {
            int from = Math.max(r[0], window[0]);
            int to = Math.min(r[1], window[1]);
            if (from <= to) {
                out.add(new int[] {from, to});
            }
        }
        return out;
    }

    private static Grant grant(Resource target, String peer, String kind, String protocol, Span span) {
        return new Grant(target.id(), peer, kind, protocol, span.from(), span.to(), span.via());
    }

    // Azure: per NIC, the subnet's NSG and the NIC's NSG must both allow; no NSG at a level allows all.
    // A NIC-less VM is not on the network. Every NSG ends in the three default rules.

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
        // Each path in is a list of levels; a level is the NSG there, or none.
        List<List<Resource>> paths = new ArrayList<>();
        if (target.type().equals("azure.compute.vmss")) {
            for (Relationship s : outgoingOf(target.id(), RelationshipType.PART_OF_SUBNET)) {
                paths.add(nsgsAttachedTo(s.to()));
            }
        } else {
            for (Resource nic : azureNics(target)) {
                List<Resource> levels = new ArrayList<>();
                for (Relationship s : outgoingOf(nic.id(), RelationshipType.PART_OF_SUBNET)) {
                    levels.addAll(nsgsAttachedTo(s.to()));
                }
                levels.addAll(nsgsAttachedTo(nic.id()));
                paths.add(levels);
            }
        }
        Set<String> sources = new LinkedHashSet<>(List.of("Internet", "VirtualNetwork", "AzureLoadBalancer"));
        for (List<Resource> levels : paths) {
            for (Resource nsg : levels) {
                for (AzureRule rule : azureRules(nsg)) {
                    rule.sources().stream()
                            .filter(s -> !s.equals("*") && !s.equals("0.0.0.0/0") && !s.equalsIgnoreCase("Any"))
                            .filter(s -> !s.equalsIgnoreCase("Internet"))
                            .forEach(sources::add);
                }
            }
        }
        List<Grant> grants = new ArrayList<>();
        for (List<Resource> levels : paths) {
            for (String source : sources) {
                String kind = source.equals("Internet") ? INTERNET : Cidr.isCidr(source) ? "cidr" : "service-tag";
                String peer = source.equals("Internet") ? INTERNET : source;
                for (String protocol : PROTOCOLS) {
                    List<Span> open = levels.isEmpty()
                            ? List.of(new Span(0, 65535, NO_NSG))
                            : azureSweep(levels.get(0), source, protocol);
                    for (Resource nsg : levels.subList(Math.min(1, levels.size()), levels.size())) {
                        open = both(open, azureSweep(nsg, source, protocol));
                    }
                    for (Span span : open) {
                        grants.add(grant(target, peer, kind, protocol, span));
                    }
                }
            }
        }
        return grants;
    }

    private static List<Span> azureSweep(Resource nsg, String source, String protocol) {
        List<AzureRule> rules = new ArrayList<>(azureRules(nsg));
        rules.addAll(AZURE_DEFAULTS);
        rules.sort(Comparator.comparingInt(AzureRule::priority));
        List<Rule> applicable = new ArrayList<>();
        for (AzureRule r : rules) {
            if (r.sources().stream().anyMatch(prefix -> azureCovers(prefix, source))) {
                String owner = r.priority() >= 65000 ? "default" : nsg.name();
                applicable.add(new Rule(
                        r.priority(),
                        r.allow(),
                        r.protocol(),
                        r.ports(),
                        owner + "/" + r.name() + " (priority " + r.priority() + ")"));
            }
        }
        return sweep(applicable, protocol);
    }

    /** Whether a rule's source prefix covers a candidate source (a service tag or a CIDR). */
    private static boolean azureCovers(String prefix, String source) {
        if (prefix.equals("*") || prefix.equals("0.0.0.0/0") || prefix.equalsIgnoreCase("Any")) {
            return true;
        }
        if (prefix.equalsIgnoreCase("Internet")) {
            return source.equals("Internet") || (Cidr.isCidr(source) && !Cidr.isPrivate(source));
        }
        if (prefix.equalsIgnoreCase("VirtualNetwork")) {
            // The virtual network's own space; private ranges stand in for it.
            return source.equals("VirtualNetwork") || (Cidr.isCidr(source) && Cidr.isPrivate(source));
        }
        if (Cidr.isCidr(prefix)) {
            return Cidr.isCidr(source) && Cidr.within(source, prefix);
        }
        return prefix.equalsIgnoreCase(source);
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

    // GCP: the firewall rules of the instance's network that target it (by tag, service account, or
    // all); the lowest priority number first, deny before allow at the same priority; an implied deny.

    private record GcpRule(
            Resource firewall,
            int priority,
            boolean allow,
            String protocol,
            List<int[]> ports,
            List<String> ranges,
            List<String> sourceTags,
            List<String> sourceAccounts) {}

    /** A candidate source: the internet, an address range, or another instance. */
    private record GcpPeer(String peer, String kind, String address, List<String> tags, List<String> accounts) {}

    private List<Grant> gcpInbound(Resource instance) {
        String network = gcpNetwork(instance);
        List<String> tags = strings(instance.property("tags").path("items"));
        List<String> accounts = gcpAccounts(instance);
        List<GcpRule> rules = new ArrayList<>();
        for (Resource fw : gcpByNetwork("gcp.compute.firewall", network)) {
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
            List<String> ranges = strings(fw.property("sourceRanges"));
            List<String> sourceTags = strings(fw.property("sourceTags"));
            List<String> sourceAccounts = strings(fw.property("sourceServiceAccounts"));
            if (ranges.isEmpty() && sourceTags.isEmpty() && sourceAccounts.isEmpty()) {
                ranges = List.of("0.0.0.0/0");
            }
            for (String kind : List.of("allowed", "denied")) {
                for (JsonNode entry : fw.property(kind)) {
                    List<int[]> ports = new ArrayList<>();
                    entry.path("ports").forEach(p -> ports.add(portRange(p.asString())));
                    if (ports.isEmpty()) {
                        ports.add(new int[] {0, 65535});
                    }
                    rules.add(new GcpRule(
                            fw,
                            fw.property("priority").asInt(1000),
                            kind.equals("allowed"),
                            gcpProtocol(entry.path("IPProtocol").asString("all")),
                            ports,
                            ranges,
                            sourceTags,
                            sourceAccounts));
                }
            }
        }
        rules.sort(Comparator.comparingInt(GcpRule::priority).thenComparing(GcpRule::allow));
        List<GcpPeer> peers = new ArrayList<>();
        peers.add(new GcpPeer(INTERNET, INTERNET, null, List.of(), List.of()));
        Set<String> ranges = new LinkedHashSet<>();
        Set<String> wantedTags = new LinkedHashSet<>();
        Set<String> wantedAccounts = new LinkedHashSet<>();
        Set<String> protocols = new LinkedHashSet<>(PROTOCOLS);
        for (GcpRule rule : rules) {
            rule.ranges().stream().filter(r -> !r.equals("0.0.0.0/0")).forEach(ranges::add);
            if (rule.allow()) {
                wantedTags.addAll(rule.sourceTags());
                wantedAccounts.addAll(rule.sourceAccounts());
            }
            if (!rule.protocol().equals("all")) {
                protocols.add(rule.protocol());
            }
        }
        ranges.forEach(r -> peers.add(new GcpPeer(r, "cidr", null, List.of(), List.of())));
        for (Resource other : gcpByNetwork("gcp.compute.instance", network)) {
            if (!other.type().equals("gcp.compute.instance")
                    || other.id().equals(instance.id())
                    || !network.equals(gcpNetwork(other))) {
                continue;
            }
            List<String> otherTags = strings(other.property("tags").path("items"));
            List<String> otherAccounts = gcpAccounts(other);
            if (otherTags.stream().anyMatch(wantedTags::contains)
                    || otherAccounts.stream().anyMatch(wantedAccounts::contains)) {
                String address = other.property("networkInterfaces")
                        .path(0)
                        .path("networkIP")
                        .asString(null);
                peers.add(new GcpPeer(other.id(), "resource", address, otherTags, otherAccounts));
            }
        }
        List<Grant> grants = new ArrayList<>();
        for (GcpPeer peer : peers) {
            List<Rule> applicable = new ArrayList<>();
            for (GcpRule rule : rules) {
                if (gcpCovers(rule, peer)) {
                    applicable.add(new Rule(
                            rule.priority(),
                            rule.allow(),
                            rule.protocol(),
                            rule.ports(),
                            rule.firewall().name() + " (priority " + rule.priority() + ")"));
                }
            }
            for (String protocol : protocols) {
                for (Span span : sweep(applicable, protocol)) {
                    grants.add(grant(instance, peer.peer(), peer.kind(), protocol, span));
                }
            }
        }
        return grants;
    }

    /** Firewalls and instances by network, built on first use. */
    private Map<String, List<Resource>> gcpIndex;

    private List<Resource> gcpByNetwork(String type, String network) {
        if (gcpIndex == null) {
            Map<String, List<Resource>> index = new java.util.HashMap<>();
            for (Resource r : inventory.resources()) {
                if (r.type().equals("gcp.compute.firewall")) {
                    index.computeIfAbsent(r.type() + " " + r.text("network").orElse(""), k -> new ArrayList<>())
                            .add(r);
                } else if (r.type().equals("gcp.compute.instance")) {
                    index.computeIfAbsent(r.type() + " " + gcpNetwork(r), k -> new ArrayList<>())
                            .add(r);
                }
            }
            gcpIndex = index;
        }
        return gcpIndex.getOrDefault(type + " " + network, List.of());
    }

    private static boolean gcpCovers(GcpRule rule, GcpPeer peer) {
        return switch (peer.kind()) {
            case INTERNET -> rule.ranges().contains("0.0.0.0/0");
            case "cidr" -> rule.ranges().stream().anyMatch(r -> Cidr.within(peer.peer(), r));
            default ->
                (peer.address() != null && rule.ranges().stream().anyMatch(r -> Cidr.contains(r, peer.address())))
                        || peer.tags().stream().anyMatch(rule.sourceTags()::contains)
                        || peer.accounts().stream().anyMatch(rule.sourceAccounts()::contains);
        };
    }

    private static String gcpNetwork(Resource instance) {
        return instance.property("networkInterfaces").path(0).path("network").asString("");
    }

    private static List<String> gcpAccounts(Resource instance) {
        List<String> out = new ArrayList<>();
        instance.property("serviceAccounts")
                .forEach(a -> out.add(a.path("email").asString()));
        return out;
    }

    private static String gcpProtocol(String protocol) {
        return switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> protocol.toLowerCase(java.util.Locale.ROOT);
        };
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
