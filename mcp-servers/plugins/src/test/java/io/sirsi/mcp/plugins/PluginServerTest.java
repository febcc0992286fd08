package io.sirsi.mcp.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plugin server over MCP with the example plugins and plugins that misbehave: each fault ends in an
 * isError result that names it, and the server keeps serving.
 */
class PluginServerTest {
    @TempDir
    static Path folder;

    private static Main.Running running;
    private static RunningServer http;
    private static HttpConnection client;

    static Path copyPlugins(Path into) throws IOException {
        Path examples = Path.of("../../tool-manifests/plugins");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, into.resolve(f.getFileName()));
            }
        }
        if (Files.isDirectory(examples.resolve("wasm"))) {
            Files.createDirectories(into.resolve("wasm"));
            try (Stream<Path> files = Files.list(examples.resolve("wasm"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve("wasm").resolve(f.getFileName()));
                }
            }
        }
        return into;
    }

    @BeforeAll
    static void start() throws IOException {
        copyPlugins(folder);
        for (String f :
                new String[] {"misbehave.wat", "misbehave.json", "misbehave-hot.json", "broken.json", "broken.wasm"}) {
            Files.copy(Path.of("src/test/resources/fixtures", f), folder.resolve(f));
        }
        running = Main.start(folder);
        http = running.server().startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(http.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
        running.close();
    }

    static JsonNode call(HttpConnection c, String tool, String arguments) {
        ObjectNode params = JsonMapper.shared().createObjectNode().put("name", tool);
        params.set("arguments", JsonMapper.shared().readTree(arguments));
        Exchange answer = c.request("tools/call", params, Duration.ofSeconds(30));
        assertFalse(answer.isError(), answer.errorMessage());
        return answer.result();
    }

    private static String error(String tool) {
        JsonNode result = call(client, tool, "{}");
        assertTrue(result.path("isError").asBoolean(false), tool + " should fail: " + result);
        assertFalse(client.request("ping", null).isError(), "the server keeps serving");
        assertEquals(
                "{\"text\":\"still here\"}",
                call(client, "echo", "{\"text\":\"still here\"}")
                        .path("structuredContent")
                        .path("echo")
                        .toString());
        return result.path("content").path(0).path("text").asString();
    }

    @Test
    void theWatPluginAnswersThroughTheAbi() {
        JsonNode result = call(client, "echo", "{\"text\":\"héllo, 日本\"}");
        assertEquals(
                "héllo, 日本",
                result.path("structuredContent").path("echo").path("text").asString());
    }

    @Test
    void anInfiniteLoopSpendsItsInstructionBudget() {
        assertEquals("plugin 'misbehave' tool 'spin' ran past its instruction budget of 2000000", error("spin"));
    }

    @Test
    void compiledCodeIsStoppedByTheClock() {
        assertEquals("plugin 'misbehave-hot' tool 'hot_spin' ran past its time limit of 500 ms", error("hot_spin"));
        // The interrupted call really stops: no call thread is left spinning.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spinning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(spinning(), "the call thread of the timed-out plugin is still running");
    }

    private static boolean spinning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t ->
                        t.getName().startsWith("plugin-call-") && t.isAlive() && t.getState() == Thread.State.RUNNABLE);
    }

    @Test
    void memoryGrowthStopsAtTheCap() {
        String e = error("hog");
        assertTrue(e.startsWith("plugin 'misbehave' tool 'hog' hit its memory cap of 4 pages (256 KiB)"), e);
        String hot = error("hot_hog");
        assertTrue(hot.startsWith("plugin 'misbehave-hot' tool 'hot_hog' hit its memory cap of 4 pages"), hot);
    }

    @Test
    void aTrapIsNamed() {
        assertTrue(error("crash").startsWith("plugin 'misbehave' tool 'crash' trapped"));
    }

    @Test
    void garbageOutputIsRefused() {
        assertEquals(
                "Plugin 'misbehave' tool 'garbage' returned output that is not JSON: \"this is not json{\" (17 bytes)",
                error("garbage"));
        assertTrue(error("wild").contains("outside its memory"));
    }

    @Test
    void aMalformedModuleIsLeftOutAndTheRestServe() {
        JsonNode loaded = JsonMapper.shared()
                .readTree(client.request(
                                "resources/read",
                                JsonMapper.shared().createObjectNode().put("uri", "plugins://loaded"))
                        .result()
                        .path("contents")
                        .path(0)
                        .path("text")
                        .asString());
        String problems = loaded.path("problems").toString();
        assertTrue(
                problems.contains("plugin 'broken' (broken.json): broken.wasm is not a valid WebAssembly module"),
                problems);
        String tools = client.request("tools/list", null).result().toString();
        assertTrue(tools.contains("\"echo\""));
        // Its tool stays listed and answers with the problem.
        String why = error("nothing");
        assertTrue(
                why.startsWith("Plugin 'broken' cannot run: plugin 'broken' (broken.json): broken.wasm is not a valid"),
                why);
    }
}
