package io.sirsi.mcp.azure;

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

/** The Azure server answers questions about TVFone as worked out by hand from the estate. */
class TvFoneDiscoveryTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {"--estate", "tvfone"}, "estate"))
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
    void subscriptionsAreListedByTheirAzureName() {
        JsonNode accounts = structured("list_subscriptions", "{}").path("accounts");
        assertEquals(
                List.of("tvfone-prod", "tvfone-media"),
                accounts.valueStream().map(a -> a.path("name").asString()).toList());
    }

    @Test
    void rdpFromTheInternetReachesTheEncodersThePlayoutServerAndTheUnguardedScaleSet() {
        Set<String> targets = new TreeSet<>();
        structured("reachability", "{\"port\":3389}")
                .path("grants")
                .forEach(g -> targets.add(g.path("targetName").asString()));
        assertEquals(
                Set.of(
                        "vm-encoder-01",
                        "vm-encoder-02",
                        "vm-encoder-03",
                        "vm-encoder-04",
                        "vm-playout-legacy",
                        "vmss-transcode"),
                targets);
    }

    @Test
    void countsAndTheSqlChainMatchTheEstate() {
        JsonNode summary = structured("summarize", "{}");
        assertEquals(10, summary.path("byType").path("azure.compute.vm").asInt());
        assertEquals(4, summary.path("byType").path("azure.network.nsg").asInt());
        assertEquals(1, summary.path("byType").path("azure.compute.vmss").asInt());
        JsonNode web = structured("list_resources", "{\"name\":\"vm-web-01\"}")
                .path("resources")
                .get(0);
        List<String> targets = structured(
                        "dependencies", "{\"id\":\"" + web.path("id").asString() + "\",\"types\":[\"connects-to\"]}")
                .path("edges")
                .valueStream()
                .map(e -> e.path("toName").asString())
                .toList();
        assertTrue(targets.containsAll(List.of("subscribers", "catalog")), targets.toString());
    }

    @Test
    void badInputNamesTheProblem() {
        JsonNode region = result("list_resources", "{\"region\":\"antarctica\"}");
        assertTrue(region.path("isError").asBoolean());
        assertTrue(region.path("content").path(0).path("text").asString().contains("westeurope"));
        JsonNode account = result("discover", "{\"account\":\"tvfone-staging\"}");
        assertTrue(account.path("content")
                .path(0)
                .path("text")
                .asString()
                .contains("Unknown subscription 'tvfone-staging'"));
    }
}
