package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.RelationshipType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The plan is a document the user edits; re-planning keeps what they decided. */
class AgreementTest {
    private static final Planner PLANNER = new Planner(KulturioPlanTest.BOOK);

    private static ObjectNode asDocument(Plan plan) {
        return (ObjectNode) InventoryJson.MAPPER.valueToTree(plan);
    }

    private static ObjectNode decision(ObjectNode doc, String workload) {
        for (JsonNode d : doc.path("decisions")) {
            if (d.path("workload").asString().equals(workload)) {
                return (ObjectNode) d;
            }
        }
        throw new AssertionError("no decision for " + workload);
    }

    private static Plan replan(JsonNode doc) {
        return PLANNER.plan(KulturioPlanTest.KULTURIO, "kulturio", Planner.Options.of(Cloud.AZURE), Optional.of(doc));
    }

    @Test
    void acceptedChangedRejectedAndPinnedDecisionsSurviveReplanning() {
        Plan plan = KulturioPlanTest.TO_AZURE;
        ObjectNode doc = asDocument(plan);
        String portal = KulturioPlanTest.workloadOf(plan, "kulturio-phi-pg").id();
        String batch = KulturioPlanTest.workloadOf(plan, "kulturio-batch-win-1").id();
        String legacy =
                KulturioPlanTest.workloadOf(plan, "kulturio-reporting-legacy").id();
        String pgId = KulturioPlanTest.id("kulturio-phi-pg");
        String biggerDb =
                KulturioPlanTest.BOOK.databaseSkus(Cloud.AZURE).getLast().name();

        ObjectNode p = decision(doc, portal).put("status", "changed").put("strategy", "replatform");
        for (JsonNode s : p.path("sizings")) {
            if (s.path("sourceId").asString().equals(pgId)) {
                ((ObjectNode) s).put("targetSku", biggerDb);
            }
        }
        decision(doc, legacy).put("status", "rejected");
        decision(doc, batch).put("status", "accepted").put("wave", 3);

        Plan again = replan(doc);
        Decision portalNow = again.decision(portal).orElseThrow();
        assertEquals("changed", portalNow.status());
        assertEquals(
                biggerDb, KulturioPlanTest.sizingOf(again, "kulturio-phi-pg").targetSku());
        Decision legacyNow = again.decision(legacy).orElseThrow();
        assertNotEquals(Strategy.RETIRE, legacyNow.strategy(), "a rejected strategy is not proposed again");
        assertEquals(List.of(Strategy.RETIRE), legacyNow.rejected());
        assertTrue(legacyNow.rationale().startsWith("You rejected [retire]"), legacyNow.rationale());
        assertEquals("accepted", again.decision(batch).orElseThrow().status());
        assertEquals(Optional.of(3), again.decision(batch).orElseThrow().wave());
        int batchWave = again.waves().stream()
                .filter(w -> w.workloads().contains(batch))
                .findFirst()
                .orElseThrow()
                .number();
        assertTrue(batchWave >= 1, "the pin holds (renumbered without gaps)");
        // The cost follows the user's size.
        assertTrue(again.cost().lines().stream()
                .anyMatch(l ->
                        l.resourceName().equals("kulturio-phi-pg") && l.item().contains(biggerDb)));

        // A second round trip changes nothing the user decided.
        Plan third = replan(asDocument(again));
        for (String w : List.of(portal, legacy, batch)) {
            Decision before = again.decision(w).orElseThrow();
            Decision after = third.decision(w).orElseThrow();
            assertEquals(before.strategy(), after.strategy(), w);
            assertEquals(before.status(), after.status(), w);
            assertEquals(before.rejected(), after.rejected(), w);
            assertEquals(before.wave(), after.wave(), w);
        }
        assertEquals(
                biggerDb, KulturioPlanTest.sizingOf(third, "kulturio-phi-pg").targetSku());
    }

    @Test
    void editsThatCannotBeHonouredAreRefusedByName() {
        ObjectNode doc = asDocument(KulturioPlanTest.TO_AZURE);
        String portal = KulturioPlanTest.workloadOf(KulturioPlanTest.TO_AZURE, "kulturio-web-1")
                .id();
        ObjectNode p = decision(doc, portal).put("status", "changed").put("strategy", "rehost");
        for (JsonNode s : p.path("sizings")) {
            if (s.path("role").asString().equals("vm")) {
                ((ObjectNode) s).put("targetSku", "Standard_Imaginary_v9");
                break;
            }
        }
        var unknownSku = assertThrows(MigrationException.class, () -> replan(doc));
        assertTrue(
                unknownSku.getMessage().contains("Unknown Azure")
                        && unknownSku.getMessage().contains("Standard_Imaginary_v9"),
                unknownSku.getMessage());

        ObjectNode doc2 = asDocument(KulturioPlanTest.TO_AZURE);
        decision(doc2, portal).put("status", "maybe");
        assertTrue(assertThrows(MigrationException.class, () -> replan(doc2))
                .getMessage()
                .contains("status 'maybe'"));

        ObjectNode doc3 = asDocument(KulturioPlanTest.TO_AZURE);
        decision(doc3, portal).put("workload", "no-such-workload");
        assertTrue(assertThrows(MigrationException.class, () -> replan(doc3))
                .getMessage()
                .contains("no-such-workload"));

        ObjectNode doc4 = asDocument(KulturioPlanTest.TO_AZURE);
        decision(doc4, portal).put("status", "changed").put("strategy", "lift-and-pray");
        assertTrue(assertThrows(MigrationException.class, () -> replan(doc4))
                .getMessage()
                .contains("Unknown strategy"));
    }

    /** Two applications: a stores its files in b. */
    private static Inventory twoApps() {
        var b = new EstateBuilder("aws", "test", "t", Instant.parse("2026-11-01T00:00:00Z"));
        b.account("111122223333", "main", List.of("us-east-1"));
        String app = "arn:aws:ec2:us-east-1:111122223333:instance/i-a";
        String bucket = "arn:aws:s3:::b-files";
        b.add("aws.ec2.instance", app, "111122223333", "us-east-1", "a-1")
                .prop("instanceType", "m5.large")
                .tag("app", "a");
        b.add("aws.s3.bucket", bucket, "111122223333", "us-east-1", "b-files").tag("app", "b");
        b.edge(app, RelationshipType.STORES_DATA_IN, bucket);
        return b.build();
    }

    @Test
    void aWavePinAgainstADependencyIsRefusedWithTheChain() {
        Inventory two = twoApps();
        Plan plan = PLANNER.plan(two, "two", Planner.Options.of(Cloud.GCP), Optional.empty());
        int aWave = plan.waves().stream()
                .filter(w -> w.workloads().contains("a"))
                .findFirst()
                .orElseThrow()
                .number();
        int bWave = plan.waves().stream()
                .filter(w -> w.workloads().contains("b"))
                .findFirst()
                .orElseThrow()
                .number();
        assertTrue(bWave < aWave, "b, which a stores data in, moves first");
        ObjectNode doc = asDocument(plan);
        decision(doc, "a").put("wave", 1);
        decision(doc, "b").put("wave", 2);
        var error = assertThrows(
                MigrationException.class,
                () -> PLANNER.plan(two, "two", Planner.Options.of(Cloud.GCP), Optional.of(doc)));
        assertTrue(
                error.getMessage().contains("Workload a is pinned to wave 1, but it depends on b in wave 2"),
                error.getMessage());
    }

    @Test
    void anEmptyEstateAndAReplicationCycleAreRefused() {
        var empty = new EstateBuilder("aws", "test", "t", Instant.parse("2026-11-01T00:00:00Z"));
        empty.account("111122223333", "main", List.of("us-east-1"));
        var e1 = assertThrows(
                MigrationException.class,
                () -> PLANNER.plan(empty.build(), "empty", Planner.Options.of(Cloud.AZURE), Optional.empty()));
        assertTrue(e1.getMessage().startsWith("The estate is empty"), e1.getMessage());

        var b = new EstateBuilder("gcp", "test", "t", Instant.parse("2026-11-01T00:00:00Z"));
        b.account("p", "p", List.of("europe-west1"));
        b.add("gcp.sql.instance", "projects/p/instances/one", "p", "europe-west1", "one")
                .prop("databaseVersion", "MYSQL_8_0");
        b.add("gcp.sql.instance", "projects/p/instances/two", "p", "europe-west1", "two")
                .prop("databaseVersion", "MYSQL_8_0");
        b.edge("projects/p/instances/one", RelationshipType.REPLICA_OF, "projects/p/instances/two");
        b.edge("projects/p/instances/two", RelationshipType.REPLICA_OF, "projects/p/instances/one");
        var e2 = assertThrows(
                MigrationException.class,
                () -> PLANNER.plan(b.build(), "cycle", Planner.Options.of(Cloud.AWS), Optional.empty()));
        assertTrue(
                e2.getMessage().contains("replication cycle: one is a replica of two is a replica of one"),
                e2.getMessage());
    }

    @Test
    void anUnknownRegionOrTargetIsRefusedWithWhatExists() {
        var e = assertThrows(
                MigrationException.class,
                () -> PLANNER.plan(
                        KulturioPlanTest.KULTURIO,
                        "kulturio",
                        new Planner.Options(Cloud.GCP, Optional.of("mars-north1"), 1.3, 3, 900, java.util.Map.of()),
                        Optional.empty()));
        assertTrue(
                e.getMessage().startsWith("Unknown Google Cloud region 'mars-north1'; the price snapshots cover"),
                e.getMessage());
        assertTrue(assertThrows(MigrationException.class, () -> Cloud.of("oracle"))
                .getMessage()
                .contains("use aws, azure or gcp"));
    }
}
