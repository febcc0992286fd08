package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Reachability on the demo estates, against answers worked out by hand from the estates' rules. */
class ReachabilityTest {
    private static Set<String> namesExposed(Inventory inventory, int port) {
        Set<String> names = new TreeSet<>();
        var byId = inventory.byId();
        new Reachability(inventory)
                .fromInternet("tcp", port)
                .forEach(g -> names.add(byId.get(g.target()).name()));
        return names;
    }

    private static String id(Inventory inventory, String name) {
        return inventory.resources().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void kulturioSshIsOpenToTheWorldOnExactlyTheBastionAndTheLegacyReportingServer() {
        // kulturio-bastion (sg kulturio-bastion: 22 from 0.0.0.0/0) and launch-wizard-3 (22 and 8443 from 0.0.0.0/0).
        assertEquals(
                Set.of("kulturio-bastion-1", "kulturio-reporting-legacy"), namesExposed(Estates.load("kulturio"), 22));
    }

    @Test
    void kulturioWebTrafficFromTheInternetReachesOnlyTheLoadBalancer() {
        Inventory k = Estates.load("kulturio");
        assertEquals(Set.of("kulturio-portal"), namesExposed(k, 443));
        assertEquals(Set.of("kulturio-portal"), namesExposed(k, 80));
        assertEquals(Set.of("kulturio-reporting-legacy"), namesExposed(k, 8443));
        assertEquals(Set.of(), namesExposed(k, 5432));
    }

    @Test
    void kulturioGroupToGroupRulesLetOnlyTheAppTierIntoPostgres() {
        Inventory k = Estates.load("kulturio");
        var byId = k.byId();
        Set<String> peers = new TreeSet<>();
        new Reachability(k)
                .inbound(id(k, "kulturio-phi-pg"), "tcp", 5432)
                .forEach(g -> peers.add(byId.get(g.peer()).name()));
        // sg kulturio-db allows 5432 from sg kulturio-app, whose members are app-1..6 and etl-1..2.
        assertEquals(
                Set.of(
                        "kulturio-app-1",
                        "kulturio-app-2",
                        "kulturio-app-3",
                        "kulturio-app-4",
                        "kulturio-app-5",
                        "kulturio-app-6",
                        "kulturio-etl-1",
                        "kulturio-etl-2"),
                peers);
    }

    @Test
    void whatTheBastionCanReachIsSshOnTheWebAndAppTiers() {
        Inventory k = Estates.load("kulturio");
        var byId = k.byId();
        Set<String> targets = new TreeSet<>();
        for (var g : new Reachability(k).outbound(id(k, "kulturio-bastion-1"))) {
            assertEquals(22, g.fromPort());
            targets.add(byId.get(g.target()).name());
        }
        assertEquals(
                Set.of(
                        "kulturio-web-1",
                        "kulturio-web-2",
                        "kulturio-web-3",
                        "kulturio-web-4",
                        "kulturio-app-1",
                        "kulturio-app-2",
                        "kulturio-app-3",
                        "kulturio-app-4",
                        "kulturio-app-5",
                        "kulturio-app-6",
                        "kulturio-etl-1",
                        "kulturio-etl-2"),
                targets);
    }

    @Test
    void tvfoneRdpIsOpenOnTheEncodersTheLegacyPlayoutAndTheUnguardedScaleSet() {
        // nsg-encoders on snet-encode allows RDP from *; snet-transcode has no NSG at all.
        assertEquals(
                Set.of(
                        "vm-encoder-01",
                        "vm-encoder-02",
                        "vm-encoder-03",
                        "vm-encoder-04",
                        "vm-playout-legacy",
                        "vmss-transcode"),
                namesExposed(Estates.load("tvfone"), 3389));
    }

    @Test
    void tvfoneNsgPrioritiesAndDenyRulesDecide() {
        Inventory t = Estates.load("tvfone");
        Set<String> https = namesExposed(t, 443);
        // nsg-web allows 443 from Internet (web and DR web VMs); snet-transcode has no NSG at all; nsg-mgmt
        // denies everything but the office range, so the jumpbox is not among them.
        assertEquals(Set.of("vm-web-01", "vm-web-02", "vm-web-03", "vm-web-dr-01", "vmss-transcode"), https);
        var jump = new Reachability(t).inbound(id(t, "vm-jumpbox"), "tcp", 22);
        assertEquals(
                List.of("203.0.113.0/24"),
                jump.stream().map(Reachability.Grant::peer).toList());
    }

    @Test
    void unieduSshFromAnywhereOnlyReachesTheTaggedAdminInstance() {
        Inventory u = Estates.load("uniedu");
        assertEquals(Set.of("lms-admin-1"), namesExposed(u, 22));
        assertEquals(Set.of("lms-web-1", "lms-web-2", "lms-web-3", "lms-web-4"), namesExposed(u, 443));
        assertEquals(Set.of(), namesExposed(u, 3389), "deny-rdp at priority 900 wins");
    }

    @Test
    void unieduDenyRulesCutHolesInBroaderAllowRules() {
        Inventory u = Estates.load("uniedu");
        var grants = new Reachability(u)
                .inbound(id(u, "lms-app-1"), "tcp", -1).stream()
                        .filter(g -> g.peer().equals("10.60.0.0/16"))
                        .toList();
        // allow-internal (1100) opens all ports to 10.60.0.0/16, but deny-rdp (900) removes 3389.
        assertEquals(2, grants.size(), grants.toString());
        assertEquals(0, grants.get(0).fromPort());
        assertEquals(3388, grants.get(0).toPort());
        assertEquals(3390, grants.get(1).fromPort());
    }

    @Test
    void anUnknownResourceIsAnErrorThatSaysSo() {
        var error = assertThrows(
                InventoryException.class, () -> new Reachability(Estates.load("uniedu")).inbound("nope", "tcp", 22));
        assertTrue(error.getMessage().contains("Unknown resource id 'nope'"));
    }
}
