package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Reachability on small estates built for one rule semantic each: the cases where a shortcut (the
 * first port of a range, a string match for an address range, a missing default rule) gives a wrong
 * answer.
 */
class RuleSemanticsTest {
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final String SUB = "00000000-0000-0000-0000-000000000001";
    private static final String VNET =
            "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet";
    private static final String SUBNET = VNET + "/subnets/app";

    private static Map<String, Object> nsgRule(
            String name, int priority, String access, String protocol, String ports, String source) {
        return Map.of(
                "name", name,
                "priority", priority,
                "access", access,
                "direction", "Inbound",
                "protocol", protocol,
                "destinationPortRange", ports,
                "sourceAddressPrefix", source,
                "destinationAddressPrefix", "*");
    }

    /** Two VMs (a, b) on one subnet; the subnet's NSG has {@code rules}. */
    private static Inventory azure(List<Map<String, Object>> rules) {
        var b = new EstateBuilder("azure", "test", "t", AT);
        b.account(SUB, "sub", List.of("westeurope"));
        b.add("azure.network.vnet", VNET, SUB, "westeurope", "vnet");
        b.add("azure.network.subnet", SUBNET, SUB, "westeurope", "app");
        String nsg =
                "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg";
        b.add("azure.network.nsg", nsg, SUB, "westeurope", "nsg").prop("securityRules", rules);
        b.edge(nsg, RelationshipType.ATTACHED_TO, SUBNET);
        for (String[] vm : new String[][] {{"a", "10.0.0.4"}, {"b", "10.0.0.5"}}) {
            String vmId =
                    "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + vm[0];
            String nic = vmId + "-nic";
            b.add("azure.compute.vm", vmId, SUB, "westeurope", vm[0]);
            b.add("azure.network.nic", nic, SUB, "westeurope", vm[0] + "-nic")
                    .prop("ipConfigurations", List.of(Map.of("privateIPAddress", vm[1], "subnet", SUBNET)));
            b.edge(nic, RelationshipType.ATTACHED_TO, vmId);
            b.edge(nic, RelationshipType.PART_OF_SUBNET, SUBNET);
        }
        b.add("azure.storage.account", "/subscriptions/" + SUB + "/storageAccounts/media", SUB, "westeurope", "media");
        return b.build();
    }

    private static String vm(Inventory inventory, String name) {
        return inventory.resources().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private static Set<String> peers(List<Reachability.Grant> grants) {
        Set<String> peers = new TreeSet<>();
        grants.forEach(g -> peers.add(g.peer()));
        return peers;
    }

    @Test
    void azureADenyInsideAnAllowedRangeClosesThosePortsOnly() {
        Inventory t = azure(List.of(
                nsgRule("deny-1500", 100, "Deny", "Tcp", "1500", "Internet"),
                nsgRule("allow-range", 200, "Allow", "Tcp", "1000-2000", "Internet")));
        var r = new Reachability(t);
        assertEquals(
                Set.of(),
                peers(r.inbound(vm(t, "a"), "tcp", 1500)).stream()
                        .filter(p -> p.equals(Reachability.INTERNET))
                        .collect(java.util.stream.Collectors.toSet()));
        assertTrue(peers(r.inbound(vm(t, "a"), "tcp", 1499)).contains(Reachability.INTERNET));
        assertTrue(peers(r.inbound(vm(t, "a"), "tcp", 1501)).contains(Reachability.INTERNET));
    }

    @Test
    void azureADenyOfOnePortBeatsALaterAllowOfEverything() {
        Inventory t = azure(List.of(
                nsgRule("deny-ssh", 100, "Deny", "Tcp", "22", "*"),
                nsgRule("allow-all", 300, "Allow", "*", "*", "Internet")));
        var r = new Reachability(t);
        assertEquals(List.of(), r.fromInternet("tcp", 22));
        assertEquals(2, r.fromInternet("tcp", 80).size(), "both VMs, port 80");
        assertEquals(2, r.fromInternet("udp", 22).size(), "the deny is tcp only");
    }

    @Test
    void azureDefaultRulesLetTheVirtualNetworkInOnEveryPort() {
        Inventory t = azure(List.of(nsgRule("allow-https", 100, "Allow", "Tcp", "443", "Internet")));
        var r = new Reachability(t);
        var grants = r.inbound(vm(t, "a"), "tcp", 5432);
        assertEquals(Set.of("AzureLoadBalancer", "VirtualNetwork"), peers(grants), "the two default allow rules");
        assertTrue(
                grants.stream().filter(g -> g.peer().equals("VirtualNetwork")).allMatch(g -> g.via()
                        .equals("default/AllowVnetInBound (priority 65000)")),
                grants.toString());
        assertEquals(List.of(), r.fromInternet("tcp", 5432), "DenyAllInBound keeps the internet out");
        // What a can reach: b, on every port, through the default rule for the virtual network.
        var out = r.outbound(vm(t, "a"));
        assertTrue(out.stream().allMatch(g -> g.target().equals(vm(t, "b"))), out.toString());
        assertTrue(out.stream().anyMatch(g -> g.fromPort() == 0 && g.toPort() == 65535));
    }

    @Test
    void azureAddressRangesAreMatchedByContainment() {
        Inventory t = azure(List.of(
                nsgRule("deny-ten", 100, "Deny", "Tcp", "*", "10.0.0.0/8"),
                nsgRule("allow-office", 200, "Allow", "Tcp", "22", "10.1.0.0/24"),
                nsgRule("allow-world-https", 300, "Allow", "Tcp", "443", "0.0.0.0/0")));
        var r = new Reachability(t);
        assertTrue(!peers(r.inbound(vm(t, "a"), "tcp", 22)).contains("10.1.0.0/24"), "10.0.0.0/8 is denied first");
        assertEquals(2, r.fromInternet("tcp", 443).size(), "0.0.0.0/0 is the internet");
    }

    @Test
    void azureReachabilityIsForVirtualMachinesOnly() {
        Inventory t = azure(List.of());
        var error =
                assertThrows(InventoryException.class, () -> new Reachability(t).inbound(vm(t, "media"), "tcp", 443));
        assertTrue(error.getMessage().contains("'media' is a azure.storage.account"), error.getMessage());
    }

    private static final String NET = "projects/p/global/networks/vpc";
    private static final String OTHER_NET = "projects/p/global/networks/other";

    private static Map<String, Object> firewall(
            int priority, String kind, String protocol, List<String> ports, Map<String, Object> sources) {
        var fw = new java.util.LinkedHashMap<String, Object>();
        fw.put("network", NET);
        fw.put("priority", priority);
        fw.put("direction", "INGRESS");
        fw.putAll(sources);
        Map<String, Object> entry =
                ports.isEmpty() ? Map.of("IPProtocol", protocol) : Map.of("IPProtocol", protocol, "ports", ports);
        fw.put(kind, List.of(entry));
        return fw;
    }

    private static Inventory gcp(List<Map<String, Object>> firewalls) {
        var b = new EstateBuilder("gcp", "test", "t", AT);
        b.account("p", "p", List.of("europe-west1"));
        b.add("gcp.compute.network", NET, "p", "global", "vpc");
        int n = 0;
        for (Map<String, Object> fw : firewalls) {
            var draft = b.add("gcp.compute.firewall", "projects/p/global/firewalls/fw-" + n, "p", "global", "fw-" + n);
            fw.forEach(draft::prop);
            n++;
        }
        instance(b, "db", NET, "10.1.0.10", List.of("db"), "db@p.iam.gserviceaccount.com");
        instance(b, "web", NET, "10.1.0.20", List.of("web"), "web@p.iam.gserviceaccount.com");
        instance(b, "far", OTHER_NET, "10.9.0.20", List.of("web"), "web@p.iam.gserviceaccount.com");
        return b.build();
    }

    private static void instance(
            EstateBuilder b, String name, String network, String ip, List<String> tags, String account) {
        b.add("gcp.compute.instance", "projects/p/zones/europe-west1-b/instances/" + name, "p", "europe-west1", name)
                .prop("tags", Map.of("items", tags))
                .prop("networkInterfaces", List.of(Map.of("network", network, "networkIP", ip)))
                .prop("serviceAccounts", List.of(Map.of("email", account)));
    }

    @Test
    void gcpADenyFromEverywhereAlsoStopsTaggedPeers() {
        Inventory u = gcp(List.of(
                firewall(100, "denied", "all", List.of(), Map.of("sourceRanges", List.of("0.0.0.0/0"))),
                firewall(1000, "allowed", "tcp", List.of("5432"), Map.of("sourceTags", List.of("web")))));
        assertEquals(List.of(), new Reachability(u).inbound(vm(u, "db"), "tcp", 5432));
    }

    @Test
    void gcpTagPeersComeFromTheSameNetworkAndServiceAccountsCount() {
        Inventory u = gcp(List.of(
                firewall(1000, "allowed", "tcp", List.of("5432"), Map.of("sourceTags", List.of("web"))),
                firewall(
                        1000,
                        "allowed",
                        "tcp",
                        List.of("6379"),
                        Map.of("sourceServiceAccounts", List.of("web@p.iam.gserviceaccount.com")))));
        var r = new Reachability(u);
        assertEquals(Set.of(vm(u, "web")), peers(r.inbound(vm(u, "db"), "tcp", 5432)), "not 'far', on another network");
        assertEquals(Set.of(vm(u, "web")), peers(r.inbound(vm(u, "db"), "tcp", 6379)));
        Set<Integer> ports = new TreeSet<>();
        r.outbound(vm(u, "web")).forEach(g -> ports.add(g.fromPort()));
        assertEquals(Set.of(5432, 6379), ports, "what web can reach");
    }

    @Test
    void gcpDenyRangesCoverNarrowerAllowRangesAndOnlyTheirProtocol() {
        Inventory u = gcp(List.of(
                firewall(100, "denied", "tcp", List.of("22"), Map.of("sourceRanges", List.of("10.0.0.0/8"))),
                firewall(1000, "allowed", "all", List.of(), Map.of("sourceRanges", List.of("10.1.0.0/16")))));
        var r = new Reachability(u);
        assertTrue(!peers(r.inbound(vm(u, "db"), "tcp", 22)).contains("10.1.0.0/16"));
        assertTrue(peers(r.inbound(vm(u, "db"), "tcp", 23)).contains("10.1.0.0/16"));
        assertTrue(peers(r.inbound(vm(u, "db"), "udp", 22)).contains("10.1.0.0/16"), "the deny is tcp only");
    }

    @Test
    void cidrArithmetic() {
        assertTrue(Cidr.within("10.1.0.0/24", "10.0.0.0/8"));
        assertTrue(!Cidr.within("10.0.0.0/8", "10.1.0.0/24"));
        assertTrue(Cidr.contains("0.0.0.0/0", "203.0.113.9"));
        assertTrue(Cidr.contains("203.0.113.0/24", "203.0.113.255"));
        assertTrue(!Cidr.contains("203.0.113.0/24", "203.0.114.0"));
        assertTrue(Cidr.isPrivate("172.20.1.0/24") && !Cidr.isPrivate("172.32.0.0/16"));
        assertTrue(!Cidr.isCidr("VirtualNetwork") && !Cidr.isCidr("10.0.0.256/8") && !Cidr.isCidr("10.0.0.0/33"));
    }
}
