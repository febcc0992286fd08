package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryJsonTest {
    private static Inventory estate(String syncTag, Instant at, String instanceType) {
        var b = new EstateBuilder("aws", "test", syncTag, at);
        b.account("111122223333", "main", List.of("us-east-1"));
        b.add("aws.ec2.vpc", "vpc-1", "111122223333", "us-east-1", "vpc");
        b.add("aws.ec2.instance", "i-1", "111122223333", "us-east-1", "web").prop("instanceType", instanceType);
        b.edge("i-1", RelationshipType.MEMBER_OF_NETWORK, "vpc-1");
        return b.build();
    }

    @Test
    void comparableIgnoresSyncTimesAndOrderButNotContent() {
        Inventory monday = estate("mon", Instant.parse("2026-11-16T00:00:00Z"), "m5.large");
        Inventory tuesday = estate("tue", Instant.parse("2026-11-17T00:00:00Z"), "m5.large");
        List<Resource> shuffled = new ArrayList<>(tuesday.resources());
        Collections.reverse(shuffled);
        Inventory reordered = tuesday.with(tuesday.accounts(), shuffled, tuesday.relationships());
        assertEquals(InventoryJson.comparable(monday), InventoryJson.comparable(reordered));
        assertNotEquals(
                InventoryJson.comparable(monday),
                InventoryJson.comparable(estate("mon", Instant.parse("2026-11-16T00:00:00Z"), "m5.xlarge")));
    }

    @Test
    void readingRejectsWhatTheSchemaRejectsAndNamesIt() {
        byte[] good = InventoryJson.bytes(estate("s", Instant.parse("2026-11-16T00:00:00Z"), "t3.micro"));
        assertEquals(3, InventoryJson.read(good).resources().size());
        String bad = new String(good, StandardCharsets.UTF_8).replace("\"aws.ec2.instance\"", "\"EC2 Instance\"");
        var error =
                assertThrows(InventoryException.class, () -> InventoryJson.read(bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("type"), error.getMessage());
        assertThrows(InventoryException.class, () -> InventoryJson.read("{".getBytes(StandardCharsets.UTF_8)));
    }
}
