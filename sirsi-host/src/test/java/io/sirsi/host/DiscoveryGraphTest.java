package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.graph.AuditMain;
import io.sirsi.graph.KnowledgeGraph;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.reasoning.PlaybookReasoner;
import io.sirsi.host.session.FileSessionStore;
import io.sirsi.host.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A discovery turn puts the estate into the knowledge graph: the discovery server's tool answers with a summary
 * and names its inventories, which the host reads as MCP resources and records, resource by resource.
 */
class DiscoveryGraphTest {
    @TempDir
    Path root;

    @Test
    void aDiscoveryTurnRecordsTheEstatesResourcesAndRelationships() throws Exception {
        Path folder = Files.createDirectories(root.resolve("tool-manifests"));
        HostFixture.manifest(folder, "aws", List.of("io.sirsi.mcp.aws.Main", "--estate", "kulturio"));
        Manifests manifests = ManifestLoader.create(root).load(folder);
        ServerHub hub = ServerHub.connect(manifests.enabled());
        assertTrue(hub.failures().isEmpty(), "the aws server started: " + hub.failures());
        Host host = Host.builder(
                        hub,
                        FileSessionStore.open(root.resolve("sessions"), Duration.ofHours(1)),
                        PlaybookReasoner.create(HostFixture.planner(root)))
                .graph(AuditMain.openLocalOrCreate(root.resolve("graph"), 1000))
                .artifacts(root.resolve("artifacts"))
                .build();
        List<JsonNode> inventories = new ArrayList<>();
        try {
            Caller alice = new Caller("alice", Role.OPERATOR);
            Session s = host.createSession(alice);
            CompletableFuture<TurnEvent.Final> last = new CompletableFuture<>();
            host.send(s.id(), "discover the kulturio estate", alice, e -> {
                if (e instanceof TurnEvent.Final f) {
                    last.complete(f);
                }
            });
            TurnEvent.Final answer = last.get(60, TimeUnit.SECONDS);
            assertTrue(answer.error().isEmpty(), "the turn failed: " + answer);
            // What the server holds, read apart from the host's recording.
            List<McpSchema.Resource> resources = hub.connections()
                    .getFirst()
                    .client()
                    .listResources()
                    .block(Duration.ofSeconds(30))
                    .resources();
            assertEquals(2, resources.size(), "the demo estate has a prod and a dev account: " + resources);
            JsonMapper json = JsonMapper.builder().build();
            for (McpSchema.Resource r : resources) {
                inventories.add(json.readTree(hub.readResource("aws", r.uri(), Duration.ofSeconds(30))));
            }
            host.sealGraph();
        } finally {
            host.close();
        }

        Map<String, Integer> expected = new TreeMap<>();
        List<JsonNode> edges = new ArrayList<>();
        for (JsonNode inventory : inventories) {
            inventory
                    .path("resources")
                    .forEach(r -> expected.merge(r.path("type").asString(), 1, Integer::sum));
            inventory.path("relationships").forEach(edges::add);
        }
        assertTrue(expected.size() > 5, "the demo inventory has many types: " + expected);
        try (KnowledgeGraph graph = AuditMain.openLocal(root.resolve("graph"), 1000)) {
            Map<String, Integer> recorded = new TreeMap<>();
            for (String type : expected.keySet()) {
                recorded.put(type, graph.byType(type).size());
            }
            assertEquals(expected, recorded, "every resource of the inventories is a node of its type");
            for (JsonNode edge : List.of(edges.getFirst(), edges.getLast())) {
                assertTrue(
                        graph.neighbours(edge.path("from").asString()).stream()
                                .anyMatch(c -> c.type().equals(edge.path("type").asString())
                                        && c.to().equals(edge.path("to").asString())),
                        "the relationship " + edge + " is an edge");
            }
            assertTrue(
                    graph.byType("tool-call").stream()
                            .anyMatch(
                                    c -> c.properties().path("tool").asString().equals("discover")),
                    "the discover call is recorded");
        }
    }
}
