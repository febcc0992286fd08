package io.sirsi.mcp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A narrowed re-collection replaces only what it covered, and keeps first-seen times. */
class InventoryStoreTest {
    private static final Instant LATER = Instant.parse("2026-11-20T06:00:00Z");

    private static Resource at(Resource r, Instant when, String syncTag, boolean changed) {
        var properties = r.properties().deepCopy();
        if (changed) {
            ((tools.jackson.databind.node.ObjectNode) properties).put("sirsiChanged", true);
        }
        return new Resource(
                r.id(),
                r.type(),
                r.provider(),
                r.account(),
                r.region(),
                r.name(),
                r.tags(),
                properties,
                r.monthlyCost(),
                r.utilization(),
                syncTag,
                when,
                when);
    }

    @Test
    void aRegionSyncReplacesThatRegionOnlyAndKeepsFirstSeenTimes() {
        Inventory kulturio = Estates.load("kulturio");
        Account main = kulturio.accounts().stream()
                .filter(a -> a.id().equals("111122223333"))
                .findFirst()
                .orElseThrow();
        Inventory first = kulturio.with(
                List.of(main),
                kulturio.resources().stream()
                        .filter(r -> r.account().equals(main.id()))
                        .toList(),
                kulturio.relationships());
        var store = new InventoryStore();
        store.put(main, first, Optional.empty(), Set.of());

        List<Resource> west = first.resources().stream()
                .filter(r -> r.region().equals("us-west-2"))
                .toList();
        assertTrue(west.size() >= 3, "kulturio has resources in us-west-2: " + west.size());
        Resource gone = west.get(0);
        Resource changed = west.get(1);
        Resource same = west.get(2);
        List<Resource> second = west.stream()
                .filter(r -> r != gone)
                .map(r -> at(r, LATER, "sync-2", r == changed))
                .toList();
        List<Relationship> secondEdges = first.relationships().stream()
                .filter(e -> second.stream().anyMatch(r -> r.id().equals(e.from())))
                .toList();
        Inventory again = first.with(List.of(main), second, secondEdges);
        store.put(main, again, Optional.of("us-west-2"), Set.of());

        Inventory now = store.of(main.id()).orElseThrow();
        assertEquals(first.resources().size() - 1, now.resources().size(), "only the vanished resource is dropped");
        assertTrue(now.resource(gone.id()).isEmpty());
        assertFalse(now.relationships().stream().anyMatch(e -> e.from().equals(gone.id()) || e.to().equals(gone.id())));
        Resource changedNow = now.resource(changed.id()).orElseThrow();
        assertEquals(changed.firstSeen(), changedNow.firstSeen(), "first seen is kept");
        assertEquals(LATER, changedNow.lastUpdated(), "a change moves last-updated");
        assertEquals("sync-2", changedNow.syncTag());
        Resource sameNow = now.resource(same.id()).orElseThrow();
        assertEquals(same.lastUpdated(), sameNow.lastUpdated(), "no change, no new last-updated");
        assertEquals("sync-2", sameNow.syncTag(), "but it was seen by the new sync");
        long east = now.resources().stream()
                .filter(r -> r.region().equals("us-east-1"))
                .count();
        assertEquals(
                first.resources().stream()
                        .filter(r -> r.region().equals("us-east-1"))
                        .count(),
                east,
                "us-east-1 is untouched");
        assertTrue(InventoryJson.violations(InventoryJson.tree(now)).isEmpty());
    }

    private static final InventorySource.Progress QUIET = new InventorySource.Progress() {
        @Override
        public void step(int done, int total, String message) {}

        @Override
        public void checkCancelled() {}
    };

    private static java.util.Map<String, Long> edgeCounts(Inventory inventory) {
        return inventory.relationships().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Relationship::type, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static List<String> sshFromInternet(Inventory inventory) {
        return new io.sirsi.mcp.inventory.Reachability(inventory)
                .fromInternet("tcp", 22).stream()
                        .map(io.sirsi.mcp.inventory.Reachability.Grant::target)
                        .toList();
    }

    @Test
    void narrowedSyncsOfAnUnchangedEstateChangeNothing() {
        DemoSource source = DemoSource.of("kulturio", Provider.AWS);
        Account main = source.accounts().stream()
                .filter(a -> a.id().equals("111122223333"))
                .findFirst()
                .orElseThrow();
        var store = new InventoryStore();
        store.put(main, source.collect(main, Optional.empty(), Set.of(), QUIET), Optional.empty(), Set.of());
        Inventory full = store.of(main.id()).orElseThrow();
        var counts = edgeCounts(full);
        var ssh = sshFromInternet(full);
        assertEquals(2, ssh.size(), "the bastion and the legacy reporting server");

        Set<String> instances = Set.of("aws.ec2.instance");
        store.put(main, source.collect(main, Optional.empty(), instances, QUIET), Optional.empty(), instances);
        assertEquals(counts, edgeCounts(store.of(main.id()).orElseThrow()), "after a sync of instances only");
        assertEquals(ssh, sshFromInternet(store.of(main.id()).orElseThrow()));

        store.put(
                main,
                source.collect(main, Optional.of("us-east-1"), Set.of(), QUIET),
                Optional.of("us-east-1"),
                Set.of());
        Inventory after = store.of(main.id()).orElseThrow();
        assertEquals(full.resources().size(), after.resources().size());
        assertEquals(counts, edgeCounts(after), "after a sync of us-east-1 only");
        assertEquals(ssh, sshFromInternet(after));
    }
}
