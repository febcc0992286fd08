package io.sirsi.host;

import io.sirsi.graph.AuditMain;
import io.sirsi.host.api.AuthConfig;
import io.sirsi.host.api.Authenticator;
import io.sirsi.host.api.HostServer;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.planner.PlaybookPlanner;
import io.sirsi.host.reasoning.PlaybookReasoner;
import io.sirsi.host.session.FileSessionStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./sirsi bench host}: the host's own overhead per turn (a turn's time less its tool calls, its model
 * time and waits for the user), with the bundled servers plus three plugin servers of 87 generated tools each
 * (10 servers, about 300 tools), through the WebSocket API: first turn after turn on one session, then with
 * many concurrent WebSocket sessions. Each turn is the playbook planner matching the message and calling one
 * WebAssembly echo tool, with the embedded session store and the local knowledge graph, both fsync'd. Exits 1
 * when a target is missed: p99 under 5 ms turn after turn, under 50 ms with the concurrent sessions.
 */
public final class HostBench {
    private static final int PLUGIN_SERVERS = 3;
    private static final int TOOLS_PER_PLUGIN_SERVER = 87;
    private static final String MESSAGE = "echo my note back";
    private static final int TURNS_PER_SESSION = 10;

    private HostBench() {}

    /** Entry point: {@code ROOT [--sessions N] [--turns N] [--sequential N]}. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Map<String, Integer> o = new LinkedHashMap<>(Map.of("sessions", 1000, "turns", 3, "sequential", 1000));
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), Integer.parseInt(args[i + 1]));
        }
        FileSessionStore.Durability durability =
                FileSessionStore.Durability.parse(System.getenv().getOrDefault("SIRSI_SESSION_SYNC", "written"));
        Path tmp = Files.createTempDirectory("sirsi-bench-host");
        Path folder = manifests(root, tmp);
        long t0 = System.nanoTime();
        Manifests manifests = ManifestLoader.create(root).load(folder);
        ServerHub hub = ServerHub.connect(manifests.enabled());
        System.out.printf(
                "servers: %d connected of %d, %d tools, in %.1f s%s%n",
                hub.connections().size(),
                manifests.enabled().size(),
                hub.catalog().size(),
                (System.nanoTime() - t0) / 1e9,
                hub.failures().isEmpty() ? "" : "; failed: " + hub.failures());
        Host host = Host.builder(
                        hub,
                        FileSessionStore.open(tmp.resolve("sessions"), Duration.ofHours(1), durability),
                        PlaybookReasoner.create(PlaybookPlanner.create(List.of(playbook(tmp)))))
                .graph(AuditMain.openLocalOrCreate(tmp.resolve("graph"), 10_000))
                .artifacts(tmp.resolve("artifacts"))
                .build();
        Authenticator auth = Authenticator.open(AuthConfig.builder(tmp.resolve("home"))
                .requestsPerSecond(1_000_000)
                .burst(1_000_000)
                .build());
        String token = auth.tokens().create("bench", Role.OPERATOR);
        int failures = 0;
        try (HostServer server = HostServer.start(host, auth, "127.0.0.1", 0)) {
            URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            HttpClient http = HttpClient.newHttpClient();

            for (int i = 0; i < 20; i++) {
                Client warm = Client.open(http, ws, token);
                warm.turns(TURNS_PER_SESSION);
                warm.close();
            }

            gcBefore = gc();
            long before = host.metrics().overheadCount();
            int sequential = o.get("sequential");
            long[] rtt = new long[0];
            for (int done = 0; done < sequential; done += TURNS_PER_SESSION) {
                Client one = Client.open(http, ws, token);
                long[] more = one.turns(Math.min(TURNS_PER_SESSION, sequential - done));
                one.close();
                rtt = java.util.stream.LongStream.concat(Arrays.stream(rtt), Arrays.stream(more))
                        .toArray();
            }
            failures += report(
                    "turn after turn, one at a time, sessions of " + TURNS_PER_SESSION + " turns ("
                            + o.get("sequential") + " turns)",
                    host.metrics().overheadsSince(before),
                    rtt,
                    5);

            int sessions = o.get("sessions");
            gcBefore = gc();
            before = host.metrics().overheadCount();
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                clients.add(Client.open(http, ws, token));
            }
            long start = System.nanoTime();
            List<CompletableFuture<long[]>> all = clients.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> c.turns(o.get("turns")), r -> Thread.ofVirtual()
                            .start(r)))
                    .toList();
            long[] concurrent = all.stream()
                    .map(CompletableFuture::join)
                    .flatMapToLong(Arrays::stream)
                    .toArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.forEach(Client::close);
            failures += report(
                    sessions + " concurrent WebSocket sessions, " + o.get("turns") + " turns each ("
                            + String.format("%.0f", concurrent.length / seconds) + " turns/s)",
                    host.metrics().overheadsSince(before),
                    concurrent,
                    50);
        } finally {
            host.close();
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static long[] gcBefore = gc();

    private static int report(String what, long[] overheads, long[] rtt, double targetMillis) {
        long[] gcNow = gc();
        System.out.printf(
                "%n  (garbage collections meanwhile: %d, %d ms in all, %s)%n",
                gcNow[0] - gcBefore[0],
                gcNow[1] - gcBefore[1],
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
                        .getFirst()
                        .getName());
        gcBefore = gcNow;
        Arrays.sort(overheads);
        Arrays.sort(rtt);
        double p99 = pct(overheads, 0.99);
        System.out.printf("%n%s%n", what);
        System.out.printf(
                "  host overhead per turn: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d turns)%n",
                pct(overheads, 0.5), pct(overheads, 0.9), p99, pct(overheads, 1.0), overheads.length);
        System.out.printf(
                "  round trip at the client (with the tool and the intent model): p50 %.2f ms, p99 %.2f ms%n",
                pct(rtt, 0.5), pct(rtt, 0.99));
        boolean met = p99 < targetMillis && overheads.length > 0;
        System.out.printf("  target p99 < %.0f ms: %s%n", targetMillis, met ? "met" : "MISSED");
        return met ? 0 : 1;
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** The bundled manifests plus three plugin servers of generated tools, in {@code tmp/tool-manifests}. */
    private static Path manifests(Path root, Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("tool-manifests"));
        try (Stream<Path> files = Files.list(root.resolve("tool-manifests"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        for (int s = 1; s <= PLUGIN_SERVERS; s++) {
            Path plugins = Files.createDirectories(tmp.resolve("plugins-" + s));
            Files.copy(root.resolve("tool-manifests/plugins/echo.wat"), plugins.resolve("echo.wat"));
            List<Map<String, Object>> tools = new ArrayList<>();
            for (int t = 1; t <= TOOLS_PER_PLUGIN_SERVER; t++) {
                tools.add(Map.of(
                        "name", String.format("tool_%03d", t),
                        "export", "echo",
                        "description", "Benchmark tool " + t + " of server " + s + ": returns its arguments",
                        "inputSchema", Map.of("type", "object"),
                        "annotations", Map.of("readOnlyHint", true)));
            }
            Files.writeString(
                    plugins.resolve("bench.json"),
                    HostRuntime.JSON.writeValueAsString(Map.of("name", "bench", "module", "echo.wat", "tools", tools)));
            Files.writeString(
                    folder.resolve("bench-" + s + ".json"),
                    HostRuntime.JSON.writeValueAsString(Map.of(
                            "command",
                            "./sirsi",
                            "args",
                            List.of("server", "plugins", "--plugins", plugins.toString()))));
        }
        return folder;
    }

    private static Path playbook(Path tmp) throws IOException {
        Path file = tmp.resolve("bench-playbook.json");
        Files.writeString(file, """
                {"slots": {}, "playbooks": [
                  {"id": "echo", "description": "echo a note through a plugin tool",
                   "examples": ["echo my note back", "repeat my note", "send the note back to me"],
                   "steps": [{"id": "echo", "tool": "bench-1__tool_001", "arguments": {"text": "bench"}}],
                   "answer": "generic"}]}
                """);
        return file;
    }

    /** One WebSocket session of the benchmark: turns one after another, timed from send to final. */
    private static final class Client implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final AtomicLong ids = new AtomicLong();
        private volatile CompletableFuture<JsonNode> waiting;
        private WebSocket socket;
        private String session;

        static Client open(HttpClient http, URI url, String token) {
            Client c = new Client();
            c.waiting = new CompletableFuture<>();
            c.socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(url, c)
                    .join();
            c.session = c.request("{\"type\":\"create_session\",\"id\":\"s\"}", "session")
                    .path("session")
                    .path("id")
                    .asString();
            return c;
        }

        long[] turns(int n) {
            long[] rtt = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                JsonNode last = request(
                        "{\"type\":\"message\",\"id\":\"m" + ids.incrementAndGet() + "\",\"session\":\"" + session
                                + "\",\"text\":\"" + MESSAGE + "\"}",
                        "final");
                rtt[i] = System.nanoTime() - start;
                if (last.hasNonNull("error") && !last.path("error").asString().isEmpty()) {
                    throw new HostException("a benchmark turn failed: " + last);
                }
            }
            return rtt;
        }

        private JsonNode request(String json, String until) {
            CompletableFuture<JsonNode> done = new CompletableFuture<>();
            waiting = done;
            expected = until;
            socket.sendText(json, true).join();
            try {
                return done.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new HostException("no " + until + " within 120 s: " + e, e);
            }
        }

        private volatile String expected = "";

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = HostRuntime.JSON.readTree(partial.toString());
                partial.setLength(0);
                String type = message.path("type").asString();
                if (type.equals("error")) {
                    waiting.completeExceptionally(new HostException("the host answered " + message));
                } else if (type.equals(expected)) {
                    waiting.complete(message);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            waiting.completeExceptionally(error);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
