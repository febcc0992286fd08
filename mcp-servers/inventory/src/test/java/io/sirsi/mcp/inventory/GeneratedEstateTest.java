package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratedEstateTest {
    @Test
    void hasExactlyTheSizeAskedFor() {
        for (int size : new int[] {10, 17, 100, 9_999, 10_000, 12_345}) {
            assertEquals(size, GeneratedEstate.aws(size, 7).resources().size(), "size " + size);
        }
        assertThrows(InventoryException.class, () -> GeneratedEstate.aws(9, 7));
    }

    @Test
    void isTheSameForTheSameSeedAndValidAgainstTheSchema() {
        Inventory one = GeneratedEstate.aws(10_000, 42);
        assertArrayEquals(InventoryJson.bytes(one), InventoryJson.bytes(GeneratedEstate.aws(10_000, 42)));
        assertTrue(InventoryJson.violations(InventoryJson.tree(one)).isEmpty());
        Set<String> ids = one.resources().stream().map(Resource::id).collect(Collectors.toSet());
        assertEquals(one.resources().size(), ids.size(), "ids are unique");
        one.accounts().forEach(a -> ids.add(a.id()));
        for (Relationship edge : one.relationships()) {
            assertTrue(ids.contains(edge.from()) && ids.contains(edge.to()), "dangling edge " + edge);
        }
        assertEquals(2, one.accounts().size(), "one account per 5,000 resources");
    }

    @Test
    void sshIsOpenToTheInternetOnExactlyTheInstancesInAnOpenGroup() {
        Inventory estate = GeneratedEstate.aws(2_000, 3);
        Set<String> openGroups = estate.resources().stream()
                .filter(r -> r.type().equals("aws.ec2.security-group"))
                .filter(r -> r.properties()
                                .path("ipPermissions")
                                .path(0)
                                .path("fromPort")
                                .asInt()
                        == 22)
                .map(Resource::id)
                .collect(Collectors.toSet());
        Set<String> expected = estate.relationships().stream()
                .filter(e -> e.type().equals(RelationshipType.MEMBER_OF_SECURITY_GROUP))
                .filter(e -> openGroups.contains(e.to()))
                .filter(e -> e.from().contains(":instance/"))
                .map(Relationship::from)
                .collect(Collectors.toSet());
        assertTrue(!expected.isEmpty(), "the seed plants some open SSH");
        Set<String> reachable = new HashSet<>();
        for (Reachability.Grant grant : new Reachability(estate).fromInternet("tcp", 22)) {
            if (grant.target().contains(":instance/")) {
                reachable.add(grant.target());
            }
        }
        assertEquals(expected, reachable);
    }
}
