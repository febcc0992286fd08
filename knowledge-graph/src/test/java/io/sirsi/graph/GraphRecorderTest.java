package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host's interface to the graph, fed the agents' real documents: the Kulturio inventory as the AWS
 * agent serves it, a finding as run_checks answers it, and a decision as plan_migration answers it.
 */
class GraphRecorderTest {
    private static final Path KULTURIO =
            Path.of("../mcp-servers/inventory/src/main/resources/io/sirsi/mcp/inventory/estates/kulturio.json");

    @TempDir
    Path dir;

    @Test
    void anInventoryFindingsAndDecisionsBecomeNodesAndEdges() throws Exception {
        JsonNode inventory = Canonical.MAPPER.readTree(Files.readString(KULTURIO));
        Instant at = Instant.parse("2026-11-01T07:00:00Z");
        try (KnowledgeGraph g = AuditMain.openLocalOrCreate(dir, 500)) {
            GraphRecorder recorder = new GraphRecorder(g);
            int changes = recorder.inventory(inventory, at);
            assertEquals(
                    inventory.path("resources").size()
                            + inventory.path("relationships").size(),
                    changes);
            String pg = "arn:aws:rds:us-east-1:111122223333:db:kulturio-phi-pg";
            assertEquals("aws.rds.db-instance", g.node(pg).orElseThrow().type());
            assertEquals(20, g.byType("aws.ec2.instance").size());

            ObjectNode scan = Canonical.MAPPER.createObjectNode().put("estate", "kulturio");
            scan.putArray("findings")
                    .addObject()
                    .put("checkId", "aws-rds-storage-unencrypted")
                    .put("severity", "high")
                    .put("resourceId", pg)
                    .put("message", "kulturio-phi-pg stores its data unencrypted");
            recorder.findings(scan, "scan-1", at);
            assertTrue(g.neighbours(pg).stream()
                    .anyMatch(e -> e.type().equals(GraphRecorder.FOUND_IN)
                            && e.from().equals("finding:aws-rds-storage-unencrypted@" + pg)));

            ObjectNode plan = Canonical.MAPPER
                    .createObjectNode()
                    .put("estate", "kulturio")
                    .put("target", "azure");
            ObjectNode w =
                    plan.putArray("workloads").addObject().put("id", "portal").put("name", "portal");
            ((ArrayNode) w.putArray("resourceIds")).add(pg);
            plan.putArray("decisions")
                    .addObject()
                    .put("workload", "portal")
                    .put("strategy", "replatform")
                    .put("confidence", 0.8);
            recorder.plan(plan, "plan-1", at);
            assertEquals(
                    "replatform",
                    g.node("decision:kulturio:azure:portal")
                            .orElseThrow()
                            .properties()
                            .path("strategy")
                            .asString());
            assertTrue(
                    g.path("decision:kulturio:azure:portal", "finding:aws-rds-storage-unencrypted@" + pg, 3)
                            .isPresent(),
                    "the decision and the finding meet at the database");

            recorder.toolCall(
                    "c1",
                    "s1",
                    "security",
                    "run_checks",
                    "ab".repeat(32),
                    List.of("finding:aws-rds-storage-unencrypted@" + pg),
                    at);
            recorder.approval("a1", "c1", "alice", "approve-once", "s1", at);
            assertTrue(
                    g.path("finding:aws-rds-storage-unencrypted@" + pg, "user:alice", 4)
                            .isPresent(),
                    "provenance to the approver");

            // A second scan that no longer finds it removes the finding, and only from the security account.
            scan.putArray("findings");
            recorder.findings(scan, "scan-2", at.plusSeconds(60));
            assertTrue(g.node("finding:aws-rds-storage-unencrypted@" + pg).isEmpty());
            assertTrue(g.node(pg).isPresent());
            g.flush();
            Path export = dir.resolve("export.jsonl");
            g.export(export);
            assertTrue(
                    Auditor.verify(export, g.ledger().messages(), "journal.log").ok());
        }
    }

    @Test
    void anAgentChangeIsRecordedWithWhoAskedAndNoneOfTheServersEntry() throws Exception {
        try (KnowledgeGraph g = AuditMain.openLocalOrCreate(dir, 500)) {
            Instant at = Instant.parse("2026-11-21T10:00:00Z");
            new GraphRecorder(g).agentChange("x1", "billing", "http", "root", "s9", at);
            Change change = g.node("agent-change:x1").orElseThrow();
            assertEquals("agent-change", change.type());
            assertEquals(
                    Canonical.MAPPER.readTree("{\"server\":\"billing\",\"transport\":\"http\",\"session\":\"s9\"}"),
                    change.properties());
            assertTrue(g.neighbours("agent-change:x1").stream()
                    .anyMatch(e -> e.type().equals(GraphRecorder.REQUESTED_BY) && e.to().equals("user:root")));
        }
    }

    @Test
    void aDocumentWithoutItsFieldsIsRefusedByName() throws Exception {
        try (KnowledgeGraph g = AuditMain.openLocalOrCreate(dir, 500)) {
            GraphException e =
                    org.junit.jupiter.api.Assertions.assertThrows(GraphException.class, () -> new GraphRecorder(g)
                            .inventory(Canonical.MAPPER.readTree("{\"resources\":[]}"), Instant.EPOCH));
            assertEquals("an inventory has no 'syncTag'", e.getMessage());
            assertEquals(0, g.counts()[0], "nothing written");
        }
    }
}
