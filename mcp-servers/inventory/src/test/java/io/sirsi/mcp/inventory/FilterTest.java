package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static Filter type(String t) {
        return new Filter(Optional.of(t), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void countsPerTypeMatchTheKulturioDefinition() {
        Inventory k = Estates.load("kulturio");
        // web 4, app 6, bastion, batch, legacy reporting, monitoring, etl 2, DR bastion, dev 3
        assertEquals(20, type("aws.ec2.instance").apply(k).size());
        // 10 in the production VPC, 1 in DR, 1 in dev
        assertEquals(12, type("aws.ec2.security-group").apply(k).size());
        // a root volume per instance, the batch data volume, two orphans
        assertEquals(23, type("aws.ec2.volume").apply(k).size());
        assertEquals(3, type("aws.rds.db-instance").apply(k).size());
        assertEquals(8, type("aws.s3.bucket").apply(k).size());
        var summary = Summary.of(k, k.resources());
        assertEquals(
                k.resources().size(),
                summary.byType().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, summary.byAccount().size());
    }

    @Test
    void globsTagsRegionsAndAccountsNarrowTheSet() {
        Inventory k = Estates.load("kulturio");
        int ec2 = k.resources().stream()
                .filter(r -> r.type().startsWith("aws.ec2."))
                .mapToInt(r -> 1)
                .sum();
        assertEquals(ec2, type("aws.ec2.*").apply(k).size());
        assertTrue(ec2 > 60, "instances, volumes, groups, subnets, ... " + ec2);
        var phi = new Filter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("data-classification=PHI"),
                Optional.empty());
        assertTrue(phi.apply(k).stream().anyMatch(r -> r.name().equals("kulturio-phi-pg")));
        var west = new Filter(
                Optional.empty(), Optional.of("us-west-2"), Optional.empty(), Optional.empty(), Optional.empty());
        assertTrue(west.apply(k).stream().allMatch(r -> r.region().equals("us-west-2")));
        var dev = new Filter(
                Optional.of("aws.ec2.instance"),
                Optional.empty(),
                Optional.of("kulturio-dev"),
                Optional.empty(),
                Optional.empty());
        assertEquals(3, dev.apply(k).size());
    }

    @Test
    void mistakesNameWhatExists() {
        Inventory k = Estates.load("kulturio");
        var type = assertThrows(
                InventoryException.class, () -> type("aws.ec2.instanse").apply(k));
        assertTrue(type.getMessage().contains("Unknown resource type 'aws.ec2.instanse'")
                && type.getMessage().contains("aws.ec2.instance"));
        var region = assertThrows(InventoryException.class, () -> new Filter(
                        Optional.empty(), Optional.of("mars-1"), Optional.empty(), Optional.empty(), Optional.empty())
                .apply(k));
        assertTrue(region.getMessage().contains("us-east-1"), region.getMessage());
        var malformed = assertThrows(
                InventoryException.class, () -> type("aws.ec2.instance; DROP").apply(k));
        assertTrue(malformed.getMessage().contains("Malformed type filter"));
        var tag = assertThrows(InventoryException.class, () -> new Filter(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("=x"), Optional.empty())
                .apply(k));
        assertTrue(tag.getMessage().contains("Malformed tag filter"));
        var estate = assertThrows(InventoryException.class, () -> Estates.load("atlantis"));
        assertTrue(estate.getMessage().contains("kulturio, tvfone, uniedu"));
    }
}
