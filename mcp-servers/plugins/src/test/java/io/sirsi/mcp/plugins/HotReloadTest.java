package io.sirsi.mcp.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hot reload with a client connected: adding, changing and removing a plugin each send
 * notifications/tools/list_changed on the client's listening stream, and the next tools/list shows it.
 */
class HotReloadTest {
    @TempDir
    Path folder;

    private static final String ECHO = "../../tool-manifests/plugins/";

    private static List<String> toolNames(HttpConnection c) {
        List<String> names = new ArrayList<>();
        c.request("tools/list", null)
                .result()
                .path("tools")
                .forEach(t -> names.add(t.path("name").asString()));
        return names;
    }

    @Test
    void aCallInFlightFinishesOnTheVersionItStartedWith() throws Exception {
        Files.copy(Path.of("src/test/resources/fixtures/slow.wat"), folder.resolve("slow.wat"));
        Files.copy(Path.of("src/test/resources/fixtures/slow.json"), folder.resolve("slow.json"));
        try (Main.Running running = Main.start(folder);
                RunningServer http = running.server().startHttp(ServerOptions.httpOnFreePort());
                HttpConnection c = HttpConnection.open(http.endpoint())) {
            c.initialize("2025-11-25");
            var request = tools.jackson.databind.json.JsonMapper.shared()
                    .createObjectNode()
                    .put("jsonrpc", "2.0")
                    .put("id", 99)
                    .put("method", "tools/call");
            request.putObject("params").put("name", "slow").putObject("arguments");
            var inFlight = c.send(request);
            // While it runs, version 2 replaces version 1.
            Files.writeString(
                    folder.resolve("slow.wat"),
                    Files.readString(folder.resolve("slow.wat")).replace("{\\\"version\\\":1}", "{\\\"version\\\":2}"));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (!running.registry().plugins().get("slow").digest().equals(digestOfVersion2(folder))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(inFlight.isDone(), "the first call should still be running when the reload lands");
            JsonNode first = inFlight.get(30, TimeUnit.SECONDS).result();
            assertEquals(1, first.path("structuredContent").path("version").asInt(), first.toString());
            JsonNode second = PluginServerTest.call(c, "slow", "{}");
            assertEquals(2, second.path("structuredContent").path("version").asInt());
        }
    }

    private static String digestOfVersion2(Path folder) throws Exception {
        return Plugin.load(PluginManifest.read(folder.resolve("slow.json"))).digest();
    }

    @Test
    void addingChangingAndRemovingAPluginIsSeenByAConnectedClient() throws Exception {
        try (Main.Running running = Main.start(folder);
                RunningServer http = running.server().startHttp(ServerOptions.httpOnFreePort());
                HttpConnection c = HttpConnection.open(http.endpoint())) {
            c.initialize("2025-11-25");
            assertEquals(List.of(), toolNames(c));
            Map<String, String> headers = c.headers(true);
            headers.put("Accept", "text/event-stream");
            HttpResponse<java.io.InputStream> stream = c.stream("GET", headers, null);
            assertEquals(200, stream.statusCode());
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("data:") && line.contains("notifications/tools/list_changed")) {
                            events.add(line);
                        }
                    }
                } catch (java.io.IOException e) {
                    // the stream closes with the test
                }
            });

            // Add: the module first, then the manifest that names it.
            Files.copy(Path.of(ECHO, "echo.wat"), folder.resolve("echo.wat"));
            Files.copy(Path.of(ECHO, "echo.json"), folder.resolve("echo.json"));
            assertTrue(events.poll(10, TimeUnit.SECONDS) != null, "list_changed after adding");
            assertEquals(List.of("echo"), toolNames(c));
            assertEquals(
                    "hi",
                    PluginServerTest.call(c, "echo", "{\"text\":\"hi\"}")
                            .path("structuredContent")
                            .path("echo")
                            .path("text")
                            .asString());

            // Change: rename the tool; the old name goes, the new one answers.
            Files.writeString(
                    folder.resolve("echo.json"),
                    Files.readString(folder.resolve("echo.json"))
                            .replace(
                                    "\"name\": \"echo\",\n      \"title\"",
                                    "\"name\": \"say\",\n      \"export\": \"echo\",\n      \"title\""));
            assertTrue(events.poll(10, TimeUnit.SECONDS) != null, "list_changed after changing");
            assertEquals(List.of("say"), toolNames(c));
            JsonNode said = PluginServerTest.call(c, "say", "{\"text\":\"again\"}");
            assertEquals(
                    "again",
                    said.path("structuredContent").path("echo").path("text").asString());
            var gone = c.request(
                    "tools/call",
                    tools.jackson.databind.json.JsonMapper.shared()
                            .readTree("{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}}"));
            assertTrue(gone.isError() && gone.errorMessage().contains("echo"), "the old name is gone");

            // Remove.
            Files.delete(folder.resolve("echo.json"));
            assertTrue(events.poll(10, TimeUnit.SECONDS) != null, "list_changed after removing");
            assertEquals(List.of(), toolNames(c));
            assertFalse(c.request("ping", null).isError());
        }
    }
}
