package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import io.sirsi.mcp.security.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The tools over MCP (Streamable HTTP): reports as resources, given plans and findings, and bad input. */
class ReportToolsTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {})).startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static Exchange request(HttpConnection connection, String method, JsonNode params) {
        return connection.request(method, params, Duration.ofMinutes(2));
    }

    static JsonNode call(HttpConnection connection, String tool, JsonNode arguments) {
        ObjectNode params = JsonMapper.shared().createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        params.putObject("_meta").put("progressToken", "t-" + System.nanoTime());
        Exchange answer = request(connection, "tools/call", params);
        assertFalse(answer.isError(), answer.errorMessage());
        ObjectNode result = (ObjectNode) answer.result();
        result.put(
                "progressNotifications",
                answer.notifications().stream()
                        .filter(n -> n.path("method").asString("").equals("notifications/progress"))
                        .count());
        return result;
    }

    private static JsonNode call(String tool, String arguments) {
        return call(client, tool, JsonMapper.shared().readTree(arguments));
    }

    private static String error(JsonNode arguments) {
        JsonNode result = call(client, "build_report", arguments);
        assertTrue(result.path("isError").asBoolean(false), "should fail: " + result);
        assertFalse(request(client, "ping", null).isError(), "the server keeps serving");
        return result.path("content").path(0).path("text").asString();
    }

    private static String error(String arguments) {
        return error(JsonMapper.shared().readTree(arguments));
    }

    static Exchange read(HttpConnection connection, String uri) {
        return request(
                connection,
                "resources/read",
                JsonMapper.shared().createObjectNode().put("uri", uri));
    }

    @Test
    void aBuiltReportIsReadableAsResources() {
        JsonNode result = call("build_report", "{\"estate\":\"kulturio\",\"target\":\"azure\"}");
        assertFalse(result.path("isError").asBoolean(false), result.toString());
        JsonNode out = result.path("structuredContent");
        assertEquals("template", out.path("summarySource").asString(), "this client does not declare sampling");
        assertTrue(result.path("progressNotifications").asInt() >= 4, "progress as it plans, scans and writes");
        String id = out.path("id").asString();
        for (Format f : Format.values()) {
            assertEquals(
                    "report://" + id + "/" + f.fileName(),
                    out.path("uris").path(f.id()).asString());
            assertTrue(out.path("sizes").path(f.id()).asInt() > 1000, f.id());
        }
        List<String> links = result.path("content")
                .valueStream()
                .filter(c -> c.path("type").asString().equals("resource_link"))
                .map(c -> c.path("uri").asString())
                .toList();
        assertEquals(3, links.size(), "a resource link per document");
        assertEquals(113, out.path("figures").path("resources").asInt());

        Report expected = Reports.build(
                Reports.estate("kulturio"),
                "kulturio",
                io.sirsi.mcp.migration.Cloud.AZURE,
                Optional.empty(),
                Optional.empty(),
                EnumSet.allOf(Format.class));
        assertEquals(expected.id(), id, "the same input gives the same report");
        JsonNode html = read(client, out.path("uris").path("html").asString())
                .result()
                .path("contents")
                .path(0);
        assertEquals("text/html", html.path("mimeType").asString());
        assertEquals(expected.html().orElseThrow(), html.path("text").asString());
        assertEquals(
                out.path("sizes").path("html").asInt(),
                html.path("text").asString().getBytes(StandardCharsets.UTF_8).length);
        JsonNode md = read(client, out.path("uris").path("markdown").asString())
                .result()
                .path("contents")
                .path(0);
        assertEquals(expected.markdown().orElseThrow(), md.path("text").asString());
        JsonNode pdf = read(client, out.path("uris").path("pdf").asString())
                .result()
                .path("contents")
                .path(0);
        assertEquals("application/pdf", pdf.path("mimeType").asString());
        byte[] bytes = Base64.getDecoder().decode(pdf.path("blob").asString());
        assertEquals("%PDF-", new String(bytes, 0, 5, StandardCharsets.ISO_8859_1));
        assertEquals(out.path("sizes").path("pdf").asInt(), bytes.length);

        JsonNode listed = request(client, "resources/list", null).result().path("resources");
        List<String> uris =
                listed.valueStream().map(r -> r.path("uri").asString()).toList();
        assertTrue(uris.containsAll(links) && uris.contains(ReportShelf.INDEX), uris.toString());
        JsonNode reports = call("list_reports", "{}").path("structuredContent").path("reports");
        assertTrue(reports.valueStream().anyMatch(r -> r.path("id").asString().equals(id)));
    }

    @Test
    void aGivenPlanAndGivenFindingsAreWhatTheReportSays() {
        var c = ReportFixtures.DEMO.get(2);
        var plan = ReportFixtures.plan(c);
        ObjectNode planDoc = (ObjectNode) InventoryJson.MAPPER.valueToTree(plan);
        var decision = plan.decisions().stream()
                .filter(d -> d.strategy() != io.sirsi.mcp.migration.Strategy.RETAIN
                        && !d.workload().equals("foundation"))
                .findFirst()
                .orElseThrow();
        for (JsonNode d : planDoc.path("decisions")) {
            if (d.path("workload").asString().equals(decision.workload())) {
                ((ObjectNode) d).put("status", "changed").put("strategy", "retain");
            }
        }
        var scan = ReportFixtures.scan(c);
        ObjectNode findings = JsonMapper.shared().createObjectNode();
        ArrayNode items = findings.putArray("findings");
        scan.findings().stream()
                .filter(f -> f.severity() == Severity.HIGH)
                .forEach(f -> items.add(InventoryJson.MAPPER.valueToTree(f)));
        ObjectNode args = JsonMapper.shared()
                .createObjectNode()
                .put("estate", c.estate())
                .put("target", c.target().id())
                .put("title", "Edited <plan>");
        args.set("plan", planDoc);
        args.set("findings", findings);
        args.putArray("formats").add("markdown");
        JsonNode out = call(client, "build_report", args).path("structuredContent");
        assertEquals("Edited <plan>", out.path("title").asString());
        assertEquals(items.size(), out.path("figures").path("findings").asInt());
        assertEquals(
                items.size(),
                out.path("figures").path("bySeverity").path("high").asInt());
        assertEquals(0, out.path("figures").path("bySeverity").path("critical").asInt());
        assertEquals(1, out.path("uris").size(), "only the Markdown was asked for");
        String md = read(client, out.path("uris").path("markdown").asString())
                .result()
                .path("contents")
                .path(0)
                .path("text")
                .asString();
        assertTrue(md.startsWith("# Edited &lt;plan&gt;\n"));
        assertTrue(md.contains("| retain (changed) |"), "the changed decision");
        assertTrue(md.contains("The plan given (the migration agent's plan\\_migration)"));
    }

    @Test
    void badInputIsAToolErrorThatNamesTheProblem() {
        assertTrue(error("{\"estate\":\"atlantis\",\"target\":\"aws\"}").startsWith("Unknown estate 'atlantis'"));
        assertTrue(error("{\"estate\":\"kulturio\",\"target\":\"oracle\"}").contains("target"));
        assertTrue(error("{\"estate\":\"kulturio\",\"target\":\"aws\",\"formats\":[\"docx\"]}")
                .contains("formats"));

        ObjectNode notAnInventory = JsonMapper.shared().createObjectNode().put("target", "azure");
        notAnInventory.putObject("inventory").put("provider", "ibm").putArray("resources");
        assertTrue(error(notAnInventory).startsWith("The inventory does not match the inventory schema"));

        String noDecisions = error("{\"estate\":\"kulturio\",\"target\":\"azure\",\"plan\":{\"target\":\"azure\"}}");
        assertTrue(noDecisions.startsWith("The plan does not match the migration plan schema"), noDecisions);
        assertTrue(noDecisions.contains("\"decisions\" is missing"), noDecisions);
        String planFields = "\"schemaVersion\":\"1.0\",\"decisions\":[],\"waves\":[],\"cost\":{}";
        assertTrue(error("{\"estate\":\"kulturio\",\"target\":\"azure\",\"plan\":{\"target\":\"oracle\"," + planFields
                        + "}}")
                .contains("The plan's target 'oracle' is not a cloud"));
        assertTrue(
                error("{\"estate\":\"kulturio\",\"target\":\"azure\",\"plan\":{\"target\":\"gcp\"," + planFields + "}}")
                        .startsWith("The plan targets Google Cloud, but the report's target is Azure"));
        assertTrue(error(
                        "{\"estate\":\"kulturio\",\"target\":\"azure\",\"plan\":{\"target\":\"azure\","
                                + "\"schemaVersion\":\"1.0\",\"decisions\":[{\"workload\":\"nope\"}],\"waves\":[],\"cost\":{}}}")
                .contains("workload 'nope'"));

        assertTrue(error("{\"target\":\"aws\",\"findings\":{\"items\":[]}}")
                .startsWith("The findings must be an object with a \"findings\" array"));
        assertTrue(error(
                        "{\"target\":\"aws\",\"findings\":{\"findings\":[{\"severity\":\"high\",\"resourceName\":\"x\"}]}}")
                .contains("findings[0] has no checkId"));
        assertTrue(error("{\"target\":\"aws\",\"findings\":{\"findings\":[{\"checkId\":\"c\",\"severity\":\"urgent\","
                        + "\"resourceName\":\"x\"}]}}")
                .contains("findings[0] has severity 'urgent'"));
        assertTrue(error("{\"target\":\"aws\",\"findings\":{\"findings\":[\"not an object\"]}}")
                .contains("findings[0] is not an object"));
    }

    @Test
    void theServerKeepsTheLastTwentyReports() {
        try (RunningServer own =
                        Main.server(ServerOptions.parse(new String[] {})).startHttp(ServerOptions.httpOnFreePort());
                HttpConnection c = HttpConnection.open(own.endpoint())) {
            c.initialize("2025-11-25");
            String first = null;
            String last = null;
            for (int i = 0; i <= Main.KEPT_REPORTS; i++) {
                ObjectNode args = JsonMapper.shared()
                        .createObjectNode()
                        .put("estate", "tvfone")
                        .put("target", "gcp")
                        .put("title", "Report " + i);
                args.putArray("formats").add("markdown");
                String uri = call(c, "build_report", args)
                        .path("structuredContent")
                        .path("uris")
                        .path("markdown")
                        .asString();
                first = first == null ? uri : first;
                last = uri;
            }
            JsonNode kept = call(c, "list_reports", JsonMapper.shared().createObjectNode())
                    .path("structuredContent")
                    .path("reports");
            assertEquals(Main.KEPT_REPORTS, kept.size());
            assertEquals("Report 1", kept.path(0).path("title").asString(), "the oldest went");
            Exchange gone = read(c, first);
            assertTrue(gone.isError());
            assertEquals(-32002, gone.errorCode());
            assertTrue(gone.errorMessage().contains(first), gone.errorMessage());
            assertFalse(read(c, last).isError());
            String listed = c.request("resources/list", JsonMapper.shared().createObjectNode())
                    .result()
                    .toString();
            assertFalse(listed.contains(first), "a dropped report is no longer listed");
            assertTrue(listed.contains(last));
            JsonNode index = JsonMapper.shared()
                    .readTree(read(c, ReportShelf.INDEX)
                            .result()
                            .path("contents")
                            .path(0)
                            .path("text")
                            .asString());
            assertEquals(Main.KEPT_REPORTS, index.path("reports").size());
        }
    }
}
