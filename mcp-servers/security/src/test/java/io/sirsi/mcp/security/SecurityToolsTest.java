package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The tools over MCP: answers, filters and formats, and bad input as tool errors that name the problem. */
class SecurityToolsTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(CheckCatalog.bundled()).startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static JsonNode call(String tool, String arguments) {
        ObjectNode params = JsonMapper.shared().createObjectNode().put("name", tool);
        params.set("arguments", JsonMapper.shared().readTree(arguments));
        Exchange answer = client.request("tools/call", params, Duration.ofMinutes(1));
        assertFalse(answer.isError(), answer.errorMessage());
        return answer.result();
    }

    private static String error(String tool, String arguments) {
        JsonNode result = call(tool, arguments);
        assertTrue(result.path("isError").asBoolean(false), tool + " should fail: " + result);
        assertFalse(client.request("ping", null).isError(), "the server keeps serving");
        return result.path("content").path(0).path("text").asString();
    }

    private static List<String> ids(JsonNode findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(
                f.path("checkId").asString() + "@" + f.path("resourceName").asString()));
        return out;
    }

    @Test
    void aFrameworkNarrowsTheChecksAndTheFindings() {
        JsonNode all = call("run_checks", "{\"estate\":\"kulturio\"}").path("structuredContent");
        JsonNode hipaa = call("run_checks", "{\"estate\":\"kulturio\",\"framework\":\"cis-aws\"}")
                .path("structuredContent");
        assertTrue(hipaa.path("checksRun").asInt() < all.path("checksRun").asInt());
        assertTrue(ids(hipaa.path("findings")).contains("aws-ec2-instance-imdsv1@kulturio-reporting-legacy"));
        assertFalse(
                ids(hipaa.path("findings")).contains("aws-lambda-runtime-deprecated@kulturio-report-mailer"),
                "the Lambda runtime check maps to no CIS AWS control");
        JsonNode high = call("run_checks", "{\"estate\":\"kulturio\",\"minSeverity\":\"high\"}")
                .path("structuredContent");
        high.path("findings")
                .forEach(f -> assertTrue(
                        List.of("critical", "high").contains(f.path("severity").asString())));
        assertEquals(0, high.path("bySeverity").path("medium").asInt());
    }

    @Test
    void sarifAndOcsfFormatsComeBesideTheFindings() {
        JsonNode sarif = call("run_checks", "{\"estate\":\"tvfone\",\"format\":\"sarif\"}")
                .path("structuredContent");
        assertEquals("2.1.0", sarif.path("sarif").path("version").asString());
        assertEquals(
                sarif.path("findings").size(),
                sarif.path("sarif").path("runs").path(0).path("results").size());
        JsonNode ocsf = call(
                        "run_checks",
                        "{\"estate\":\"uniedu\",\"format\":\"ocsf\",\"checks\":[\"gcp-sql-open-to-internet\"]}")
                .path("structuredContent");
        assertEquals(1, ocsf.path("ocsf").size());
        JsonNode record = ocsf.path("ocsf").path(0);
        assertEquals(200301, record.path("type_uid").asInt());
        assertEquals("lms-mysql", record.path("resources").path(0).path("name").asString());
        assertTrue(record.path("compliance").path("requirements").toString().contains("cis-gcp 6.5"));
    }

    @Test
    void explainingAFindingSaysWhyTheResourceFailsOrPasses() {
        JsonNode failing = call(
                        "explain_finding",
                        "{\"check\":\"azure-storage-tls-below-1-2\",\"estate\":\"tvfone\",\"resource\":\"tvfonelogs\"}")
                .path("structuredContent");
        assertEquals("fail", failing.path("resource").path("status").asString());
        assertEquals(
                "tvfonelogs accepts TLS1_0",
                failing.path("resource").path("message").asString());
        assertTrue(
                failing.path("frameworks").toString().contains("version for storage accounts is set to version 1.2"));
        JsonNode passing = call(
                        "explain_finding",
                        "{\"check\":\"azure-storage-tls-below-1-2\",\"estate\":\"tvfone\",\"resource\":\"tvfonemedia\"}")
                .path("structuredContent");
        assertEquals("pass", passing.path("resource").path("status").asString());
    }

    @Test
    void aSharedNameMeansTheResourceTheCheckLooksAt() {
        // tvfone-media is a subscription and a CDN endpoint.
        JsonNode cdn = call(
                        "explain_finding",
                        "{\"check\":\"azure-cdn-endpoint-http-allowed\",\"estate\":\"tvfone\",\"resource\":\"tvfone-media\"}")
                .path("structuredContent");
        assertEquals("azure.cdn.endpoint", cdn.path("resource").path("type").asString());
        assertEquals("fail", cdn.path("resource").path("status").asString());
        String ambiguous = error(
                "explain_finding",
                "{\"check\":\"gcp-sql-public-ip\",\"estate\":\"uniedu\",\"resource\":\"lms-web-1\"}");
        assertTrue(ambiguous.contains("names 2 resources") && ambiguous.contains("gcp.compute.disk"), ambiguous);
        assertTrue(error("run_checks", "{\"estate\":\"kulturio\",\"framework\":\"cis-gcp\"}")
                .contains("written for gcp"));
    }

    @Test
    void frameworksListTheirControlsAndTheChecksBehindThem() {
        JsonNode frameworks =
                call("list_frameworks", "{}").path("structuredContent").path("frameworks");
        assertEquals(6, frameworks.size());
        JsonNode hipaa = null;
        for (JsonNode f : frameworks) {
            if (f.path("id").asString().equals("hipaa")) {
                hipaa = f;
            }
        }
        assertTrue(hipaa.path("checks").asInt() > 30);
        assertTrue(hipaa.path("controls").toString().contains("aws-rds-storage-unencrypted"));
        JsonNode checks = call("list_checks", "{\"provider\":\"gcp\",\"category\":\"public-access\"}")
                .path("structuredContent");
        assertTrue(checks.path("count").asInt() >= 2);
        checks.path("checks")
                .forEach(c -> assertEquals("gcp", c.path("provider").asString()));
    }

    @Test
    void badInputIsAToolErrorThatNamesTheProblem() {
        assertTrue(error("run_checks", "{\"framework\":\"iso27001\"}").contains("Unknown framework 'iso27001'"));
        String unknown = error("run_checks", "{\"checks\":[\"aws-imdsv1\"]}");
        assertTrue(
                unknown.contains("Unknown check id 'aws-imdsv1'") && unknown.contains("aws-ec2-instance-imdsv1"),
                unknown);
        assertTrue(error("run_checks", "{\"estate\":\"kulturio\",\"checks\":[\"gcp-sql-public-ip\"]}")
                .contains("applies to gcp inventories, and this one is aws"));
        assertTrue(error("run_checks", "{\"inventory\":{\"provider\":\"aws\"}}")
                .startsWith("The inventory does not match the inventory schema"));
        assertTrue(error("run_checks", "{\"estate\":\"acme\"}").contains("Unknown estate 'acme'"));
        assertTrue(error("explain_finding", "{\"check\":\"nope\"}").contains("Unknown check id 'nope'"));
        assertTrue(error("explain_finding", "{\"check\":\"aws-rds-public\",\"resource\":\"ghost\"}")
                .contains("No resource 'ghost'"));
        assertTrue(error("list_checks", "{\"category\":\"vibes\"}").contains("Unknown category 'vibes'"));
        assertTrue(error("check_plan", "{\"target\":\"oracle\"}").contains("target"));
        assertTrue(error("run_checks", "{\"format\":\"pdf\"}").contains("format"));
    }
}
