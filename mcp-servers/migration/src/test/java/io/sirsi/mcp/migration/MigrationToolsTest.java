package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The tools over MCP: answers, progress, and bad input as tool errors that name the problem. */
class MigrationToolsTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {}, "prices")).startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static JsonNode call(String tool, JsonNode arguments) {
        ObjectNode params = JsonMapper.shared().createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        params.putObject("_meta").put("progressToken", "t-" + System.nanoTime());
        Exchange answer = client.request("tools/call", params, java.time.Duration.ofMinutes(2));
        assertFalse(answer.isError(), answer.errorMessage());
        ObjectNode result = (ObjectNode) answer.result();
        result.put("progressNotifications", answer.notifications().size());
        return result;
    }

    private static JsonNode call(String tool, String arguments) {
        return call(tool, JsonMapper.shared().readTree(arguments));
    }

    private static String error(String tool, JsonNode arguments) {
        JsonNode result = call(tool, arguments);
        assertTrue(result.path("isError").asBoolean(false), tool + " should fail: " + result);
        assertFalse(client.request("ping", null).isError(), "the server keeps serving");
        return result.path("content").path(0).path("text").asString();
    }

    private static String error(String tool, String arguments) {
        return error(tool, JsonMapper.shared().readTree(arguments));
    }

    @Test
    void planningAnEstateAnswersWithProgressAndTheWholeDocument() {
        JsonNode result = call("plan_migration", "{\"estate\":\"uniedu\",\"target\":\"aws\"}");
        assertFalse(result.path("isError").asBoolean(false), result.toString());
        JsonNode plan = result.path("structuredContent");
        assertEquals("aws", plan.path("target").asString());
        assertEquals("gcp", plan.path("source").asString());
        assertTrue(plan.path("waves").size() >= 2);
        assertTrue(result.path("progressNotifications").asInt() >= 2, "progress as it plans");
        JsonNode diagram = call("diagram", "{\"estate\":\"uniedu\",\"target\":\"aws\",\"view\":\"waves\"}")
                .path("structuredContent");
        assertTrue(diagram.path("mermaid").asString().startsWith("flowchart TB\n"));
    }

    @Test
    void badInputIsAToolErrorThatNamesTheProblem() {
        assertTrue(error("assess", "{\"estate\":\"atlantis\",\"target\":\"aws\"}")
                .startsWith("Unknown estate 'atlantis'"));
        assertTrue(error("assess", "{\"estate\":\"kulturio\",\"target\":\"oracle\"}")
                .contains("target"));
        assertTrue(error("assess", "{\"estate\":\"kulturio\",\"target\":\"gcp\",\"region\":\"mars-north1\"}")
                .startsWith("Unknown Google Cloud region 'mars-north1'"));
        assertTrue(error("price", "{\"cloud\":\"azure\",\"region\":\"westeurope\",\"sku\":\"Standard_Imaginary_v9\"}")
                .startsWith("Unknown Azure VM size 'Standard_Imaginary_v9' in westeurope"));
        assertTrue(error("generate_iac", "{\"estate\":\"tvfone\",\"target\":\"gcp\",\"format\":\"bicep\"}")
                .contains("use terraform or pulumi"));
        assertTrue(error(
                        "generate_iac",
                        "{\"estate\":\"kulturio\",\"target\":\"aws\",\"format\":\"terraform\","
                                + "\"existing\":{\"no_such_resource\":\"vpc-1\"}}")
                .contains("existing names 'no_such_resource'"));

        ObjectNode notAnInventory = JsonMapper.shared().createObjectNode();
        notAnInventory.put("target", "azure");
        notAnInventory.putObject("inventory").put("provider", "ibm").putArray("resources");
        assertTrue(error("assess", notAnInventory).startsWith("The inventory does not match the inventory schema"));

        var empty = new EstateBuilder("aws", "test", "t", Instant.parse("2026-11-01T00:00:00Z"));
        empty.account("111122223333", "main", List.of("us-east-1"));
        ObjectNode emptyArgs = JsonMapper.shared().createObjectNode().put("target", "azure");
        emptyArgs.set("inventory", InventoryJson.tree(empty.build()));
        assertTrue(error("plan_migration", emptyArgs).startsWith("The estate is empty"));

        var cycle = new EstateBuilder("aws", "test", "t", Instant.parse("2026-11-01T00:00:00Z"));
        cycle.account("111122223333", "main", List.of("us-east-1"));
        String a = "arn:aws:rds:us-east-1:111122223333:db:a";
        String b = "arn:aws:rds:us-east-1:111122223333:db:b";
        cycle.add("aws.rds.db-instance", a, "111122223333", "us-east-1", "a").prop("engine", "postgres");
        cycle.add("aws.rds.db-instance", b, "111122223333", "us-east-1", "b").prop("engine", "postgres");
        cycle.edge(a, RelationshipType.REPLICA_OF, b);
        cycle.edge(b, RelationshipType.REPLICA_OF, a);
        ObjectNode cycleArgs = JsonMapper.shared().createObjectNode().put("target", "gcp");
        cycleArgs.set("inventory", InventoryJson.tree(cycle.build()));
        assertTrue(error("plan_migration", cycleArgs).contains("replication cycle"));
    }

    @Test
    void pricesNameTheirListAndDate() {
        String sku = KulturioPlanTest.BOOK.computeSkus(Cloud.GCP).get(0).name();
        String region = KulturioPlanTest.BOOK.regions(Cloud.GCP).get(0);
        JsonNode price = call("price", "{\"cloud\":\"gcp\",\"region\":\"" + region + "\",\"sku\":\"" + sku + "\"}")
                .path("structuredContent");
        assertTrue(price.path("onDemandHourly").asDouble() > 0);
        assertEquals(
                Math.round(price.path("onDemandHourly").asDouble() * 730 * 100) / 100.0,
                price.path("onDemandMonthly").asDouble(),
                0.001);
        assertTrue(price.path("source").path("asOf").asString().matches("\\d{4}-\\d{2}-\\d{2}"), price.toString());
        assertTrue(price.path("source").path("url").asString().startsWith("https://"));
    }
}
