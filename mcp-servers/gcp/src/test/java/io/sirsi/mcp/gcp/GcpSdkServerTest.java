package io.sirsi.mcp.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.discovery.DiscoveryServer;
import io.sirsi.mcp.discovery.Provider;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server on a real Google Cloud source, over MCP: it starts without touching Google, and the tools
 * that answer on the demo estate answer on the estate read through the client libraries.
 */
class GcpSdkServerTest {
    private WireMockServer google;
    private RunningServer server;
    private HttpConnection client;

    @BeforeEach
    void start() {
        google = GcpSdkSourceTest.smallEstate();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        google.stop();
    }

    private void connect(KitServer kit) {
        server = kit.startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    private JsonNode call(String tool, String arguments) {
        Exchange answer = client.request(
                "tools/call",
                JsonMapper.shared().readTree("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
        assertTrue(!answer.isError(), answer.errorMessage());
        return answer.result();
    }

    private JsonNode structured(String tool, String arguments) {
        JsonNode result = call(tool, arguments);
        assertTrue(
                !result.path("isError").asBoolean(false),
                tool + " failed: " + result.path("content").path(0).path("text"));
        return result.path("structuredContent");
    }

    private void connectToStub() {
        connect(DiscoveryServer.build(
                Provider.GCP,
                GcpSource.fromEnvironment(
                        GcpSdkSourceTest.optionsFor(google),
                        GcpSdkSourceTest.TEST_CREDENTIALS,
                        GcpSdkSourceTest.FAST_RETRY),
                Main.VERSION));
    }

    @Test
    void startsAndListsToolsWithoutContactingGoogleOrLookingForCredentials() {
        // Application Default Credentials do not exist in the test environment: looking them up would fail.
        connect(Main.server(GcpSdkSourceTest.optionsFor(google)));
        assertTrue(client.request("tools/list", JsonMapper.shared().createObjectNode())
                        .result()
                        .path("tools")
                        .size()
                > 5);
        client.request("resources/list", JsonMapper.shared().createObjectNode());
        assertEquals(0, google.getAllServeEvents().size(), "no call before a tool needs one");
    }

    @Test
    void theDiscoveryToolsAnswerOnTheEstateReadThroughTheClients() {
        connectToStub();
        assertEquals(
                List.of("sirsi-small"),
                structured("list_projects", "{}")
                        .path("accounts")
                        .valueStream()
                        .map(a -> a.path("id").asString())
                        .toList());
        JsonNode discovered = structured("discover", "{}");
        assertEquals(17, discovered.path("resources").asInt());
        assertEquals(2, discovered.path("byType").path("gcp.compute.instance").asInt());
        Set<String> https = new TreeSet<>();
        structured("reachability", "{\"port\":443}")
                .path("grants")
                .forEach(g -> https.add(g.path("targetName").asString()));
        assertEquals(Set.of("small-web-1"), https, "HTTPS from the internet reaches the web tier only");
        assertEquals(
                0,
                structured("reachability", "{\"port\":22}").path("grants").size(),
                "SSH is not open to the internet");
        assertEquals(
                List.of("203.0.113.0/24"),
                structured(
                                "reachability",
                                "{\"target\":\"projects/sirsi-small/zones/europe-west1-c/instances/small-admin-1\","
                                        + "\"port\":22}")
                        .path("grants")
                        .valueStream()
                        .map(g -> g.path("peer").asString())
                        .toList());
        assertEquals(
                2,
                structured("summarize", "{\"type\":\"gcp.compute.instance\",\"region\":\"europe-west1\"}")
                        .path("resources")
                        .asInt());
        assertEquals(
                List.of("small-assets"),
                structured("list_resources", "{\"tag\":\"env=test\",\"type\":\"gcp.storage.bucket\"}")
                        .path("resources")
                        .valueStream()
                        .map(r -> r.path("name").asString())
                        .toList());
    }

    @Test
    void aProjectFirstReadAsAResourceIsThenListedLikeOneDiscovered() {
        connectToStub();
        var mapper = JsonMapper.shared();
        assertEquals(
                0,
                client.request("resources/list", mapper.createObjectNode())
                        .result()
                        .path("resources")
                        .size(),
                "a real cloud's tenants are listed once discovered");
        JsonNode read = client.request(
                        "resources/read", mapper.createObjectNode().put("uri", "gcp://sirsi-small/inventory"))
                .result();
        JsonNode inventory =
                mapper.readTree(read.path("contents").path(0).path("text").asString());
        assertEquals(
                "sirsi-small", inventory.path("accounts").path(0).path("id").asString());
        assertTrue(inventory.path("resources").size() > 5, inventory.toString());
        List<String> listed = new java.util.ArrayList<>();
        client.request("resources/list", mapper.createObjectNode())
                .result()
                .path("resources")
                .forEach(r -> listed.add(r.path("uri").asString()));
        assertEquals(List.of("gcp://sirsi-small/inventory"), listed);
    }

    @Test
    void aRefusalBecomesAToolErrorNamingTheProblem() {
        google.stubFor(get(urlPathEqualTo(GcpSdkSourceTest.COMPUTE + "/regions"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(GcpSdkSourceTest.body("compute-permission-denied.json"))));
        connectToStub();
        JsonNode result = call("list_projects", "{}");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        String text = result.path("content").path(0).path("text").asString();
        assertTrue(text.contains("Google Cloud refused compute.regions.list in project sirsi-small"), text);
        assertTrue(text.contains("roles/viewer"), text);
    }
}
