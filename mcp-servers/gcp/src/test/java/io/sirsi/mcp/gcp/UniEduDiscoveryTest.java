package io.sirsi.mcp.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The GCP server answers questions about UniEdu as worked out by hand from the estate. */
class UniEduDiscoveryTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {"--estate", "uniedu"}, "estate"))
                .startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static JsonNode result(String tool, String arguments) {
        Exchange answer = client.request(
                "tools/call",
                JsonMapper.shared().readTree("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
        assertTrue(!answer.isError(), answer.errorMessage());
        return answer.result();
    }

    private static JsonNode structured(String tool, String arguments) {
        JsonNode result = result(tool, arguments);
        assertTrue(
                !result.path("isError").asBoolean(false),
                tool + " failed: " + result.path("content").path(0).path("text"));
        return result.path("structuredContent");
    }

    @Test
    void sshFromAnywhereReachesOnlyTheTaggedAdminInstance() {
        Set<String> targets = new TreeSet<>();
        structured("reachability", "{\"port\":22}")
                .path("grants")
                .forEach(g -> targets.add(g.path("targetName").asString()));
        assertEquals(Set.of("lms-admin-1"), targets);
    }

    @Test
    void projectsZonesAndStudentDataAreAnswered() {
        assertEquals(
                List.of("uniedu-lms-prod", "uniedu-research"),
                structured("list_projects", "{}")
                        .path("accounts")
                        .valueStream()
                        .map(a -> a.path("id").asString())
                        .toList());
        assertEquals(
                14,
                structured("summarize", "{\"type\":\"gcp.compute.instance\"}")
                        .path("resources")
                        .asInt());
        // a region filter covers its zones: lms web, app, worker and admin instances are in europe-west1-b/-c
        assertEquals(
                11,
                structured("summarize", "{\"type\":\"gcp.compute.instance\",\"region\":\"europe-west1\"}")
                        .path("resources")
                        .asInt());
        JsonNode student =
                structured("list_resources", "{\"tag\":\"student-data=true\",\"type\":\"gcp.storage.bucket\"}");
        assertEquals(
                List.of("uniedu-student-records", "uniedu-exam-uploads", "uniedu-sql-exports"),
                student.path("resources")
                        .valueStream()
                        .map(r -> r.path("name").asString())
                        .toList());
    }

    @Test
    void badInputNamesTheProblem() {
        JsonNode type = result("list_resources", "{\"type\":\"gcp.compute.vm\"}");
        assertTrue(type.path("content").path(0).path("text").asString().contains("gcp.compute.instance"));
        JsonNode id = result("reachability", "{\"target\":\"projects/x/zones/y/instances/z\",\"port\":22}");
        assertTrue(id.path("content").path(0).path("text").asString().contains("Unknown resource id"));
    }
}
