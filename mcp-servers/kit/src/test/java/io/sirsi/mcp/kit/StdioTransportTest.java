package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stdio transport in process: notifications, cancellation, progress and the client's abilities. */
class StdioTransportTest {
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private volatile boolean slowInterrupted;
    private KitServer server;
    private OutputStream toServer;
    private BufferedReader fromServer;
    private Thread serving;

    @BeforeEach
    void start() throws IOException {
        server = KitServer.builder("stdio-test", "1.0")
                .listChanged(true)
                .tool(KitTool.builder("slow")
                        .description("Waits until cancelled")
                        .handler(call -> {
                            slowStarted.countDown();
                            try {
                                Thread.sleep(30_000);
                            } catch (InterruptedException e) {
                                slowInterrupted = true;
                                throw e;
                            }
                            return "finished";
                        })
                        .build())
                .tool(KitTool.builder("wobbly")
                        .description("Reports progress that goes back")
                        .handler(call -> {
                            for (double p : new double[] {1, 3, 2, 3, 5}) {
                                call.progress(p, 5, null);
                            }
                            return "done";
                        })
                        .build())
                .tool(KitTool.builder("ask_model")
                        .description("Needs sampling")
                        .handler(call -> call.sample(McpSchema.CreateMessageRequest.builder()
                                .messages(List.of())
                                .maxTokens(5)
                                .build()))
                        .build())
                .build();
        var clientToServer = new PipedOutputStream();
        var serverIn = new PipedInputStream(clientToServer, 1 << 16);
        var serverOut = new PipedOutputStream();
        var clientIn = new PipedInputStream(serverOut, 1 << 16);
        toServer = clientToServer;
        fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
        serving = Thread.ofVirtual().start(() -> server.serveStdio(serverIn, serverOut, ServerOptions.defaults()));
        send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        JsonNode init = read();
        assertEquals("2025-06-18", init.path("result").path("protocolVersion").asString());
        assertTrue(init.path("result")
                .path("capabilities")
                .path("tools")
                .path("listChanged")
                .asBoolean());
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        serving.join(10_000);
        assertFalse(serving.isAlive(), "the transport returns when stdin ends");
    }

    private void send(String line) throws IOException {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    private JsonNode read() throws IOException {
        return JsonMapper.shared().readTree(fromServer.readLine());
    }

    @Test
    void announcesCatalogChanges() throws IOException {
        server.catalog()
                .putTool(KitTool.builder("late")
                        .description("Late")
                        .handler(c -> "hi")
                        .build());
        assertEquals("notifications/tools/list_changed", read().path("method").asString());
    }

    @Test
    void aCancelledCallIsInterruptedAndGetsNoResponse() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
        assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
        send(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5,\"reason\":\"enough\"}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
        JsonNode next = read();
        assertEquals(
                6, next.path("id").asInt(), "the next message is the ping's answer, not the cancelled call's: " + next);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!slowInterrupted && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(slowInterrupted, "the tool's thread was interrupted");
    }

    @Test
    void progressThatGoesBackIsDropped() throws IOException {
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"wobbly\",\"_meta\":{\"progressToken\":\"w\"}}}");
        List<Double> progress = new ArrayList<>();
        JsonNode message;
        while (!(message = read()).has("id")) {
            assertEquals("w", message.path("params").path("progressToken").asString());
            progress.add(message.path("params").path("progress").asDouble());
        }
        assertEquals(List.of(1.0, 3.0, 5.0), progress);
        assertEquals(
                "done",
                message.path("result").path("content").path(0).path("text").asString());
    }

    @Test
    void samplingWithoutTheClientCapabilityIsAToolError() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ask_model\"}}");
        JsonNode answer = read();
        assertTrue(answer.path("result").path("isError").asBoolean());
        assertTrue(answer.path("result")
                .path("content")
                .path(0)
                .path("text")
                .asString()
                .contains("does not support sampling"));
    }
}
