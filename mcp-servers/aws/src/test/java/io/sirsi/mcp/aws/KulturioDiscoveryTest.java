package io.sirsi.mcp.aws;

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

/**
 * The AWS server answers questions about Kulturio as worked out by hand from the estate: who has SSH
 * open to the world, the ALB to web to database chain, counts per type, and clear errors for bad input.
 */
class KulturioDiscoveryTest {
    private static RunningServer server;
    private static HttpConnection client;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {"--estate", "kulturio"}, "estate"))
                .startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(server.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static JsonNode call(String tool, String arguments) {
        Exchange answer = client.request(
                "tools/call",
                JsonMapper.shared().readTree("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
        assertTrue(!answer.isError(), answer.errorMessage());
        return answer.result();
    }

    private static JsonNode structured(String tool, String arguments) {
        JsonNode result = call(tool, arguments);
        assertTrue(
                !result.path("isError").asBoolean(false),
                tool + " failed: " + result.path("content").path(0).path("text"));
        return result.path("structuredContent");
    }

    private static String toolError(String tool, String arguments) {
        JsonNode result = call(tool, arguments);
        assertTrue(result.path("isError").asBoolean(false), tool + " should have failed: " + result);
        return result.path("content").path(0).path("text").asString();
    }

    private static String idOf(String name) {
        JsonNode found =
                structured("list_resources", "{\"name\":\"" + name + "\"}").path("resources");
        for (JsonNode r : found) {
            if (r.path("name").asString().equals(name)) {
                return r.path("id").asString();
            }
        }
        throw new AssertionError("no resource named " + name);
    }

    @Test
    void sshIsReachableFromTheInternetOnExactlyTheTwoInstancesWhoseGroupsAllowIt() {
        JsonNode grants = structured("reachability", "{\"port\":22}").path("grants");
        Set<String> targets = new TreeSet<>();
        grants.forEach(g -> targets.add(g.path("targetName").asString()));
        assertEquals(Set.of("kulturio-bastion-1", "kulturio-reporting-legacy"), targets);
        grants.forEach(g -> assertEquals("internet", g.path("peerKind").asString()));
    }

    @Test
    void theAlbToWebToDatabaseChainAppearsAsEdges() {
        String alb = idOf("kulturio-portal");
        String web = idOf("kulturio-web-1");
        String pg = idOf("kulturio-phi-pg");
        List<JsonNode> albEdges = structured("dependencies", "{\"id\":\"" + alb + "\",\"types\":[\"exposes\"]}")
                .path("edges")
                .valueStream()
                .toList();
        assertTrue(albEdges.stream().anyMatch(e -> e.path("to").asString().equals(web)), "ALB exposes web-1");
        // web -> internal ALB -> app -> PostgreSQL
        JsonNode webEdges = structured("dependencies", "{\"id\":\"" + web + "\",\"types\":[\"connects-to\"]}")
                .path("edges");
        String internal = webEdges.get(0).path("to").asString();
        assertEquals("kulturio-app-internal", webEdges.get(0).path("toName").asString());
        List<String> appsBehind = structured("dependencies", "{\"id\":\"" + internal + "\",\"types\":[\"exposes\"]}")
                .path("edges")
                .valueStream()
                .map(e -> e.path("to").asString())
                .toList();
        assertEquals(6, appsBehind.size());
        JsonNode appEdges = structured(
                        "dependencies", "{\"id\":\"" + appsBehind.get(0) + "\",\"types\":[\"connects-to\"]}")
                .path("edges");
        assertTrue(
                appEdges.valueStream().anyMatch(e -> e.path("to").asString().equals(pg)),
                "app connects to the PHI database");
    }

    @Test
    void groupToGroupRulesAppearAsAllowsTrafficFromEdgesWithTheirPorts() {
        String db = idOf("kulturio-db");
        String app = idOf("kulturio-app");
        JsonNode edges = structured("dependencies", "{\"id\":\"" + db + "\",\"types\":[\"allows-traffic-from\"]}")
                .path("edges");
        List<JsonNode> fromDb = edges.valueStream()
                .filter(e -> e.path("from").asString().equals(db))
                .toList();
        assertEquals(1, fromDb.size(), edges.toString());
        assertEquals(app, fromDb.get(0).path("to").asString());
        assertEquals(
                List.of("tcp/5432", "tcp/3306"),
                fromDb.get(0)
                        .path("properties")
                        .path("rules")
                        .valueStream()
                        .map(r -> r.path("protocol").asString() + "/"
                                + r.path("fromPort").asInt())
                        .toList());
    }

    @Test
    void summaryCountsAndCostMatchTheEstate() {
        JsonNode summary = structured("summarize", "{}");
        assertEquals(20, summary.path("byType").path("aws.ec2.instance").asInt());
        assertEquals(12, summary.path("byType").path("aws.ec2.security-group").asInt());
        assertEquals(3, summary.path("byType").path("aws.rds.db-instance").asInt());
        assertTrue(summary.path("monthlyCost").asDouble() > 1000, summary.toString());
        JsonNode phi = structured("summarize", "{\"tag\":\"data-classification=PHI\",\"type\":\"aws.rds.*\"}");
        assertEquals(2, phi.path("resources").asInt(), "the PHI primary and its replica");
    }

    @Test
    void describeShowsThePlantedDatabaseFindingsAsData() {
        JsonNode resource = structured("describe_resource", "{\"id\":\"" + idOf("kulturio-phi-pg") + "\"}")
                .path("resource");
        assertEquals("11.22", resource.path("properties").path("engineVersion").asString());
        assertTrue(!resource.path("properties").path("storageEncrypted").asBoolean(true));
        JsonNode legacy = structured("describe_resource", "{\"id\":\"" + idOf("kulturio-reporting-legacy") + "\"}")
                .path("resource");
        assertEquals(
                "optional",
                legacy.path("properties")
                        .path("metadataOptions")
                        .path("httpTokens")
                        .asString(),
                "IMDSv1 allowed");
    }

    /** Every item of a paginated answer, page by page, checking that pages do not overlap. */
    private static List<String> allPages(
            String tool, String filter, String list, int limit, java.util.function.Function<JsonNode, String> key) {
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String args = "{" + filter + (filter.isEmpty() ? "" : ",") + "\"limit\":" + limit
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
            JsonNode page = structured(tool, args);
            assertTrue(page.path(list).size() <= limit);
            page.path(list).forEach(item -> seen.add(key.apply(item)));
            cursor = page.path("nextCursor").asString(null);
            pages++;
        } while (cursor != null);
        assertEquals(seen.size(), new java.util.HashSet<>(seen).size(), "no item on two pages");
        assertTrue(pages > 1, tool + " fits one page; the test needs several");
        return seen;
    }

    @Test
    void listingsArePaginatedIntoDisjointPagesThatCoverEverything() {
        List<String> volumes =
                allPages("list_resources", "\"type\":\"aws.ec2.volume\"", "resources", 10, r -> r.path("id")
                        .asString());
        assertEquals(23, volumes.size(), "the 23 volumes of Kulturio");
        assertTrue(volumes.stream().allMatch(v -> v.contains(":volume/")));
        // 289 edges, less the 111 tenant edges that dependencies leaves out unless asked.
        List<String> edges = allPages(
                "dependencies",
                "",
                "edges",
                40,
                e -> e.path("from").asString() + " " + e.path("type").asString() + " "
                        + e.path("to").asString());
        assertEquals(178, edges.size());
        assertEquals(
                178, structured("dependencies", "{\"limit\":1}").path("total").asInt());
    }

    @Test
    void whatTheBastionCanReachDependsOnTheProtocolAsked() {
        String bastion = idOf("kulturio-bastion-1");
        JsonNode tcp = structured("reachability", "{\"source\":\"" + bastion + "\",\"protocol\":\"tcp\"}");
        assertTrue(tcp.path("total").asInt() >= 12, tcp.toString());
        assertEquals(
                "What can kulturio-bastion-1 reach over tcp?",
                tcp.path("question").asString());
        JsonNode udp = structured("reachability", "{\"source\":\"" + bastion + "\",\"protocol\":\"udp\"}");
        assertTrue(
                udp.path("grants")
                        .valueStream()
                        .allMatch(g -> !g.path("protocol").asString().equals("tcp")),
                udp.toString());
    }

    @Test
    void discoveryOfOneAccountAndRegionKeepsTheOthers() {
        JsonNode dev = structured("discover", "{\"account\":\"kulturio-dev\"}");
        assertEquals(
                List.of("aws://444455556666/inventory"),
                dev.path("inventories").valueStream().map(JsonNode::asString).toList());
        JsonNode west = structured("discover", "{\"account\":\"111122223333\",\"region\":\"us-west-2\"}");
        assertTrue(west.path("resources").asInt() < 20, west.toString());
        assertEquals(
                20,
                structured("summarize", "{\"type\":\"aws.ec2.instance\"}")
                        .path("resources")
                        .asInt(),
                "narrow discoveries replace only what they covered");
    }

    @Test
    void badInputNamesTheProblem() {
        assertTrue(
                toolError("list_resources", "{\"region\":\"mars-north-1\"}").contains("Unknown region 'mars-north-1'"));
        assertTrue(
                toolError("list_resources", "{\"type\":\"aws.ec2.instanse\"}").contains("Unknown resource type"));
        assertTrue(toolError("list_resources", "{\"type\":\"DROP TABLE\"}").contains("Malformed type filter"));
        assertTrue(toolError("list_resources", "{\"tag\":\"=oops\"}").contains("Malformed tag filter"));
        assertTrue(toolError("list_resources", "{\"cursor\":\"garbage\"}").contains("Invalid cursor"));
        assertTrue(toolError("describe_resource", "{\"id\":\"arn:aws:ec2:us-east-1:1:instance/i-nope\"}")
                .contains("Unknown resource id"));
        assertTrue(toolError("discover", "{\"account\":\"999999999999\"}").contains("Unknown account '999999999999'"));
        assertTrue(toolError("discover", "{\"types\":[\"aws.ec2.teleporter\"]}")
                .contains("Unknown resource type 'aws.ec2.teleporter'"));
        assertTrue(toolError("reachability", "{}").contains("Give a target, a source, or a port"));
        assertTrue(toolError("dependencies", "{\"types\":[\"loves\"]}").contains("Unknown relationship type 'loves'"));
        assertTrue(
                toolError("list_resources", "{\"limit\":\"many\"}").contains("limit"),
                "schema violations name the field");
        JsonNode ping = client.request("ping", null).result();
        assertTrue(ping.isObject(), "the server keeps serving");
    }

    @Test
    void theInventoryOfEachAccountIsAResource() {
        Exchange list = client.request("resources/list", null);
        List<String> uris = list.result()
                .path("resources")
                .valueStream()
                .map(r -> r.path("uri").asString())
                .toList();
        assertEquals(List.of("aws://111122223333/inventory", "aws://444455556666/inventory"), uris);
        Exchange read = client.request(
                "resources/read", JsonMapper.shared().readTree("{\"uri\":\"aws://444455556666/inventory\"}"));
        JsonNode inventory = JsonMapper.shared()
                .readTree(read.result().path("contents").path(0).path("text").asString());
        assertEquals("aws", inventory.path("provider").asString());
        assertTrue(inventory.path("resources").valueStream().allMatch(r -> r.path("account")
                .asString()
                .equals("444455556666")));
        Exchange missing = client.request(
                "resources/read", JsonMapper.shared().readTree("{\"uri\":\"aws://000000000000/inventory\"}"));
        assertEquals(-32002, missing.errorCode());
    }
}
