package io.sirsi.host.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog over real servers of this repository, started as child processes from the test classpath (the
 * fixture server and the WebAssembly plugin server) and one reached over Streamable HTTP, next to servers that
 * cannot start.
 */
class CatalogTest {
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final List<String> JVM = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"));
    static final String FIXTURE = "io.sirsi.mcp.fixture.Main";
    static final String PLUGINS = "io.sirsi.mcp.plugins.Main";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static Process httpServer;
    static String httpUrl;
    static Manifests manifests;
    static ServerHub hub;
    static ToolCatalog catalog;
    static long connectMillis;

    @BeforeAll
    static void connect() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path examples = ManifestsTest.ROOT.resolve("tool-manifests/plugins");
        Files.copy(examples.resolve("echo.wat"), plugins.resolve("echo.wat"));
        Files.copy(examples.resolve("echo.json"), plugins.resolve("echo.json"));
        // The same module behind a tool that says it writes: what readOnly must drop.
        Files.writeString(plugins.resolve("stamp.json"), """
                {"name": "stamp", "module": "echo.wat",
                 "tools": [{"name": "stamp", "export": "echo", "description": "Stamps its text. Writes it.",
                            "inputSchema": {"type": "object"},
                            "annotations": {"readOnlyHint": false, "destructiveHint": true}}]}
                """);
        String http = startHttpFixture("fixture-token");
        httpUrl = http;

        Path folder = Files.createDirectories(dir.resolve("tool-manifests"));
        // A page of two tools: the host must follow nextCursor to see them all.
        manifest(folder, "fixture", Map.of("args", java(FIXTURE, "--page-size", "2")));
        manifest(
                folder,
                "fixture-picked",
                Map.of(
                        "args", java(FIXTURE),
                        "allowTools", List.of("e*", "a?d", "count_*", "test_*"),
                        "denyTools", List.of("test_*", "count_slowly")));
        manifest(folder, "plugins", Map.of("args", java(PLUGINS, "--plugins", plugins.toString())));
        manifest(
                folder,
                "plugins-guarded",
                Map.of("args", java(PLUGINS, "--plugins", plugins.toString()), "readOnly", true));
        manifest(folder, "missing", Map.of("command", "no-such-sirsi-server", "args", List.of("--stdio")));
        manifest(folder, "dies", Map.of("args", java("no.such.Main")));
        manifest(folder, "off", Map.of("command", "no-such-sirsi-server", "enabled", false));
        Files.writeString(
                folder.resolve("remote.json"),
                JSON.writeValueAsString(Map.of(
                        "type", "http", "url", http, "headers", Map.of("Authorization", "Bearer ${FIXTURE_TOKEN}"))));

        manifests = ManifestLoader.create(dir, Map.of("FIXTURE_TOKEN", "fixture-token"))
                .load(folder);
        assertEquals(List.of(), manifests.problems());
        long start = System.nanoTime();
        hub = ServerHub.connect(manifests.servers());
        connectMillis = (System.nanoTime() - start) / 1_000_000;
        catalog = hub.catalog();
    }

    @AfterAll
    static void close() {
        if (hub != null) {
            hub.close();
        }
        if (httpServer != null) {
            httpServer.destroyForcibly();
        }
    }

    @Test
    void holdsEveryToolOfEveryConnectedServerWithItsAnnotationsAndSchemas() {
        assertEquals(
                List.of("fixture-picked", "fixture", "plugins-guarded", "plugins", "remote"),
                hub.connections().stream().map(ServerConnection::name).toList(),
                "connected in the order of the manifest files");
        CatalogTool echo = catalog.find("fixture__echo").orElseThrow();
        assertEquals("fixture", echo.server());
        assertEquals("echo", echo.tool().name());
        assertTrue(echo.readOnly());
        assertEquals(Boolean.FALSE, echo.tool().annotations().destructiveHint());
        assertEquals(Boolean.TRUE, echo.tool().annotations().idempotentHint());
        assertTrue(((Map<?, ?>) echo.tool().inputSchema().get("properties")).containsKey("text"));
        assertNotNull(echo.tool().outputSchema());
        assertTrue(echo.definitionJson().contains("\"readOnlyHint\":true"), echo.definitionJson());

        CatalogTool stamp = catalog.find("plugins__stamp").orElseThrow();
        assertFalse(stamp.readOnly());
        assertEquals(Boolean.TRUE, stamp.tool().annotations().destructiveHint());
        assertEquals("Stamps its text.", stamp.summary());
        assertTrue(catalog.find("plugins__echo").orElseThrow().readOnly());
    }

    @Test
    void followsPaginationToTheLastPage() {
        ServerConnection fixture = connection("fixture");
        List<String> names = fixture.tools().stream().map(t -> t.name()).toList();
        assertTrue(names.size() > 10, "a page holds 2 tools; got " + names);
        assertTrue(names.containsAll(List.of("test_simple_text", "echo", "add", "count_slowly")), names.toString());
        assertEquals(names.size(), catalog.ofServer("fixture").size());
        assertEquals(names.size(), Set.copyOf(names).size(), "no page twice");
    }

    @Test
    void allowAndDenyGlobsChooseTheTools() {
        assertEquals(
                List.of("fixture-picked__echo", "fixture-picked__add"),
                catalog.ofServer("fixture-picked").stream()
                        .map(CatalogTool::name)
                        .toList());
        assertTrue(catalog.find("fixture__count_slowly").isPresent(), "the other manifest's tools are untouched");
    }

    @Test
    void readOnlyDropsTheToolsThatAreNotReadOnly() {
        assertEquals(Set.of("plugins__echo", "plugins__stamp"), names(catalog.ofServer("plugins")));
        assertEquals(Set.of("plugins-guarded__echo"), names(catalog.ofServer("plugins-guarded")));
        ServerConnection guarded = connection("plugins-guarded");
        assertEquals(2, guarded.tools().size(), "the server still lists both; the host hides one");
    }

    @Test
    void reachesAServerOverStreamableHttpWithTheManifestsHeaders() {
        ServerConnection remote = connection("remote");
        assertEquals("sirsi-fixture", remote.serverInfo().name());
        assertTrue(catalog.find("remote__echo").orElseThrow().readOnly());
    }

    @Test
    void reportsServersThatCannotStartWithoutStoppingTheOthers() {
        Map<String, ServerFailure> failures =
                hub.failures().stream().collect(Collectors.toMap(ServerFailure::server, f -> f));
        assertEquals(Set.of("missing", "dies"), failures.keySet(), "off is disabled, not failed");

        assertEquals(
                "command not found on PATH: no-such-sirsi-server",
                failures.get("missing").message());

        ServerFailure dies = failures.get("dies");
        assertTrue(dies.message().startsWith("the server exited with code 1"), dies.message());
        assertTrue(
                dies.stderrTail().stream().anyMatch(l -> l.contains("no.such.Main")),
                "stderr tail: " + dies.stderrTail());
        // It failed when it exited, not when its timeout ran out.
        assertTrue(connectMillis < 20_000, "connecting took " + connectMillis + " ms");
    }

    @Test
    void closingTheHubEndsTheServerProcesses() {
        ServerManifest fixture = manifests.servers().stream()
                .filter(m -> m.name().equals("fixture"))
                .findFirst()
                .orElseThrow();
        try (ServerHub second = ServerHub.connect(List.of(fixture))) {
            assertEquals(1, second.connections().size());
            Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
            second.close();
            Set<ProcessHandle> after = ProcessHandle.current().children().collect(Collectors.toSet());
            assertEquals(before.size() - 1, after.size(), "one child fewer after close");
        }
    }

    private static ServerConnection connection(String name) {
        return hub.connections().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> names(List<CatalogTool> tools) {
        return tools.stream().map(CatalogTool::name).collect(Collectors.toSet());
    }

    private static List<String> java(String main, String... args) {
        var all = new java.util.ArrayList<>(JVM);
        all.add(main);
        all.addAll(List.of(args));
        return all;
    }

    private static void manifest(Path folder, String name, Map<String, Object> fields) throws IOException {
        var entry = new java.util.LinkedHashMap<String, Object>();
        entry.put("command", JAVA);
        entry.putAll(fields);
        entry.put("timeoutSeconds", 30);
        Files.writeString(folder.resolve(name + ".json"), JSON.writeValueAsString(entry));
    }

    @Test
    void aServersQuestionGoesToTheCallThatAsksWhileOthersAreInFlight() throws Exception {
        // A long call in flight on the same server, then a call that asks a question: the kit names the asking
        // call (its progress token in the question's _meta), so the host need not guess between the two.
        java.util.concurrent.CompletableFuture<String> stop = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch counting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger askedTheCounter = new java.util.concurrent.atomic.AtomicInteger();
        CallObserver counter = new CallObserver() {
            @Override
            public void progress(io.modelcontextprotocol.spec.McpSchema.ProgressNotification notification) {
                counting.countDown();
            }

            @Override
            public io.modelcontextprotocol.spec.McpSchema.ElicitResult elicit(
                    String server, io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest request) {
                askedTheCounter.incrementAndGet();
                return CallObserver.super.elicit(server, request);
            }

            @Override
            public reactor.core.publisher.Mono<String> cancelled() {
                return reactor.core.publisher.Mono.fromFuture(stop, true);
            }
        };
        var counted = java.util.concurrent.CompletableFuture.runAsync(
                () -> org.junit.jupiter.api.Assertions.assertThrows(
                        ToolCallException.class,
                        () -> hub.invoke("fixture__count_slowly", Map.of("steps", 600, "delay_ms", 100), counter)),
                r -> Thread.ofVirtual().start(r));
        assertTrue(counting.await(30, java.util.concurrent.TimeUnit.SECONDS), "count_slowly reported no progress");
        try {
            ToolResult answered =
                    hub.invoke("fixture__test_elicitation", Map.of("message", "Who are you?"), new CallObserver() {
                        @Override
                        public io.modelcontextprotocol.spec.McpSchema.ElicitResult elicit(
                                String server, io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest request) {
                            return new io.modelcontextprotocol.spec.McpSchema.ElicitResult(
                                    io.modelcontextprotocol.spec.McpSchema.ElicitResult.Action.ACCEPT,
                                    Map.of("username", "ada", "email", "ada@example.org"));
                        }
                    });
            assertTrue(answered.text().contains("ada@example.org"), answered.toString());
            assertEquals(0, askedTheCounter.get(), "the question went to the other call");
        } finally {
            stop.complete("the test is done with it");
            counted.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallCancelledByItsCallerIsCancelledOnAnHttpServerToo() throws Exception {
        java.util.concurrent.CompletableFuture<String> stop = new java.util.concurrent.CompletableFuture<>();
        CallObserver observer = new CallObserver() {
            @Override
            public void progress(io.modelcontextprotocol.spec.McpSchema.ProgressNotification notification) {
                stop.complete("the user stopped it");
            }

            @Override
            public reactor.core.publisher.Mono<String> cancelled() {
                return reactor.core.publisher.Mono.fromFuture(stop, true);
            }
        };
        // 600 steps of 100 ms: a minute, unless the server is told to stop.
        ToolCallException e = org.junit.jupiter.api.Assertions.assertThrows(
                ToolCallException.class,
                () -> hub.invoke("remote__count_slowly", Map.of("steps", 600, "delay_ms", 100), observer));
        assertEquals(
                "remote__count_slowly failed: the user stopped it; server 'remote' was told to stop", e.getMessage());
        // The server ends the call when it is told to: its metrics count it well before the minute is up.
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(httpUrl.replaceFirst("/mcp$", "/metrics")))
                .header("Authorization", "Bearer fixture-token")
                .build();
        Pattern answered = Pattern.compile("(?m)^mcp_tool_calls_total\\{[^}]*tool=\"count_slowly\"[^}]*} 1$");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline && !answered.matcher(metrics).find()) {
            metrics = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            Thread.sleep(100);
        }
        assertTrue(answered.matcher(metrics).find(), "the HTTP server still runs the call:\n" + metrics);
    }

    /** Starts the fixture over HTTP on a free port, requiring a bearer token, and returns its URL. */
    private static String startHttpFixture(String token) throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add(JAVA);
        command.addAll(java(FIXTURE, "--transport", "http", "--port", "0", "--token-env", "FIXTURE_TOKEN"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FIXTURE_TOKEN", token);
        httpServer = builder.start();
        Pattern url = Pattern.compile("(http://[0-9.:]+/mcp)");
        var out = new BufferedReader(new InputStreamReader(httpServer.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = url.matcher(line);
            if (m.find()) {
                // Keep draining its output so that it never blocks on a full pipe.
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
                return m.group(1);
            }
        }
        throw new IllegalStateException("the HTTP fixture did not print its URL:\n" + seen);
    }
}
