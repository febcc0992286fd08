package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Streamable HTTP transport's own behaviour: auth, health, metrics, notifications, paging. */
class HttpTransportTest {
    private static KitServer server(int tools) {
        var builder = KitServer.builder("test-server", "1.0").listChanged(true);
        for (int i = 0; i < tools; i++) {
            int n = i;
            builder.tool(KitTool.builder("tool_" + i)
                    .description("Tool " + i)
                    .handler(c -> "result " + n)
                    .build());
        }
        builder.tool(KitTool.builder("fail")
                .description("Always fails")
                .handler(c -> {
                    throw new ToolException("it failed on purpose");
                })
                .build());
        return builder.build();
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void requiresTheBearerTokenAndPointsToProtectedResourceMetadata() {
        ServerOptions options = ServerOptions.httpOnFreePort().withAuth(BearerAuth.staticToken("t0p-secret"));
        try (RunningServer running = server(1).startHttp(options)) {
            HttpConnection anonymous = HttpConnection.open(running.endpoint());
            HttpConnection.RawResponse denied = anonymous.raw(
                    "POST",
                    anonymous.headers(false),
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
            assertEquals(401, denied.status());
            String challenge = denied.header("WWW-Authenticate").orElseThrow();
            assertTrue(challenge.startsWith("Bearer resource_metadata=\""), challenge);
            assertFalse(challenge.contains("invalid_token"), "no token was sent, so none was invalid");

            String metadataUrl = challenge.substring(challenge.indexOf('"') + 1, challenge.lastIndexOf('"'));
            HttpConnection meta = HttpConnection.open(java.net.URI.create(metadataUrl));
            JsonNode metadata = json(meta.raw("GET", Map.of(), null).body());
            assertTrue(metadata.path("resource").asString().endsWith("/mcp"), metadata.toString());
            assertEquals(
                    "header", metadata.path("bearer_methods_supported").path(0).asString());

            HttpConnection wrong = HttpConnection.open(running.endpoint(), Map.of("Authorization", "Bearer nope"));
            HttpConnection.RawResponse rejected = wrong.raw("POST", wrong.headers(false), "{}");
            assertEquals(401, rejected.status());
            assertTrue(rejected.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));

            try (HttpConnection ok =
                    HttpConnection.open(running.endpoint(), Map.of("Authorization", "Bearer t0p-secret"))) {
                assertFalse(ok.initialize("2025-11-25").isError());
                assertEquals(
                        "result 0",
                        ok.request("tools/call", JsonMapper.shared().readTree("{\"name\":\"tool_0\"}"))
                                .result()
                                .path("content")
                                .path(0)
                                .path("text")
                                .asString());
            }
            assertEquals(
                    200,
                    HttpConnection.open(running.endpoint().resolve("/health"))
                            .raw("GET", Map.of(), null)
                            .status(),
                    "health needs no token");
            assertEquals(
                    401,
                    HttpConnection.open(running.endpoint().resolve("/metrics"))
                            .raw("GET", Map.of(), null)
                            .status(),
                    "metrics name the tools, so they need the token");
        }
    }

    @Test
    void servesHealthAndPrometheusMetricsPerTool() {
        try (RunningServer running = server(2).startHttp(ServerOptions.httpOnFreePort());
                HttpConnection c = HttpConnection.open(running.endpoint())) {
            c.initialize("2025-11-25");
            for (int i = 0; i < 3; i++) {
                c.request("tools/call", json("{\"name\":\"tool_1\"}"));
            }
            c.request("tools/call", json("{\"name\":\"fail\"}"));
            JsonNode health = json(HttpConnection.open(running.endpoint().resolve("/health"))
                    .raw("GET", Map.of(), null)
                    .body());
            assertEquals("UP", health.path("status").asString());
            assertEquals(1, health.path("sessions").asInt());
            String metrics = HttpConnection.open(running.endpoint().resolve("/metrics"))
                    .raw("GET", Map.of(), null)
                    .body();
            assertTrue(metrics.contains("mcp_tool_calls_total{server=\"test-server\",tool=\"tool_1\"} 3"), metrics);
            assertTrue(metrics.contains("mcp_tool_errors_total{server=\"test-server\",tool=\"tool_1\"} 0"), metrics);
            assertTrue(metrics.contains("mcp_tool_errors_total{server=\"test-server\",tool=\"fail\"} 1"), metrics);
            assertTrue(
                    metrics.contains("mcp_tool_duration_seconds_count{server=\"test-server\",tool=\"tool_1\"} 3"),
                    metrics);
            assertTrue(
                    metrics.contains(
                            "mcp_tool_duration_seconds_bucket{server=\"test-server\",tool=\"tool_1\",le=\"+Inf\"} 3"),
                    metrics);
        }
    }

    @Test
    void servesAClientThatUpgradesToHttp2() throws Exception {
        // The JDK's client asks for HTTP/2 by default (an h2c upgrade on a first GET); an HTTP/2 request names
        // its host in :authority, not in a Host header.
        try (RunningServer running = server(2).startHttp(ServerOptions.httpOnFreePort());
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpClient.Version last = null;
            for (String path : List.of("/health", "/metrics", "/health")) {
                var response = http.send(
                        java.net.http.HttpRequest.newBuilder(running.endpoint().resolve(path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), path + " over " + response.version() + ": " + response.body());
                last = response.version();
            }
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, last, "the client did not upgrade");
        }
    }

    @Test
    void pagesToolsAndAnnouncesChangesOnTheListeningStream() throws Exception {
        KitServer server = server(5);
        try (RunningServer running =
                        server.startHttp(ServerOptions.httpOnFreePort().withPageSize(2));
                HttpConnection c = HttpConnection.open(running.endpoint())) {
            c.initialize("2025-11-25");
            Exchange first = c.request("tools/list", null);
            assertEquals(2, first.result().path("tools").size());
            String cursor = first.result().path("nextCursor").asString();
            Exchange second = c.request("tools/list", json("{\"cursor\":\"" + cursor + "\"}"));
            assertEquals(
                    "tool_2", second.result().path("tools").path(0).path("name").asString());

            Map<String, String> headers = c.headers(true);
            headers.put("Accept", "text/event-stream");
            HttpResponse<InputStream> stream = c.stream("GET", headers, null);
            assertEquals(200, stream.statusCode());
            var reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            CompletableFuture<String> changed = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("data:") && line.contains("list_changed")) {
                            return line;
                        }
                    }
                    return "stream ended";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            Thread.sleep(100);
            server.catalog()
                    .putTool(KitTool.builder("added")
                            .description("Added at run time")
                            .handler(x -> "new")
                            .build());
            String event = changed.get(10, TimeUnit.SECONDS);
            assertTrue(event.contains("notifications/tools/list_changed"), event);
            stream.body().close();
            Exchange stale = c.request("tools/list", json("{\"cursor\":\"" + cursor + "\"}"));
            assertEquals(-32602, stale.errorCode(), "a cursor from before the change is stale");
            List<String> all = new java.util.ArrayList<>();
            String next = null;
            do {
                Exchange page = c.request("tools/list", next == null ? null : json("{\"cursor\":\"" + next + "\"}"));
                page.result().path("tools").forEach(t -> all.add(t.path("name").asString()));
                next = page.result().path("nextCursor").asString(null);
            } while (next != null);
            assertEquals(7, all.size(), all.toString());
            assertTrue(all.contains("added"));
        }
    }

    @Test
    void acceptsConfiguredHostsOnlyWhenBoundBeyondLoopback() {
        ServerOptions options = ServerOptions.parse(
                new String[] {
                    "--transport", "http", "--port", "0", "--bind", "0.0.0.0", "--allowed-hosts", "mcp.example"
                },
                Map.of());
        try (RunningServer running = server(1).startHttp(options)) {
            String init =
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}";
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + running.port() + "/mcp");
            assertEquals(200, RawPost.status(url, "mcp.example:" + running.port(), init));
            assertEquals(200, RawPost.status(url, "localhost:" + running.port(), init));
            assertEquals(421, RawPost.status(url, "evil.example", init));
        }
    }
}
