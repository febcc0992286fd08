package io.sirsi.host;

import io.sirsi.graph.AuditMain;
import io.sirsi.graph.FileGraphStore;
import io.sirsi.graph.HederaConfig;
import io.sirsi.graph.HederaLedger;
import io.sirsi.graph.KnowledgeGraph;
import io.sirsi.host.api.AccessTokens;
import io.sirsi.host.api.AuthConfig;
import io.sirsi.host.api.Authenticator;
import io.sirsi.host.api.HostServer;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerFailure;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ServerManifest;
import io.sirsi.host.planner.PlaybookPlanner;
import io.sirsi.host.reasoning.LlmConfig;
import io.sirsi.host.reasoning.LlmReasoner;
import io.sirsi.host.reasoning.PlaybookReasoner;
import io.sirsi.host.reasoning.Reasoner;
import io.sirsi.host.reasoning.Sampler;
import io.sirsi.host.session.CoherenceSessionStore;
import io.sirsi.host.session.FileSessionStore;
import io.sirsi.host.session.RedisSessionStore;
import io.sirsi.host.session.SessionStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./sirsi up}: the host with every enabled server of {@code tool-manifests/}, its APIs on one port
 * (loopback unless {@code --bind} says otherwise), the embedded session store, the local knowledge graph and
 * the playbook planner unless configured otherwise. It prints the URL of the APIs and of the chat page and, the
 * first time, the admin token (with the page's one-click address that carries it),
 * and writes {@code ~/.sirsi/host.json} (owner-only) so that {@code ./sirsi ask} and {@code ./sirsi chat} on
 * this machine find it. It runs until stopped (Ctrl-C).
 */
public final class HostMain {
    /** The port when none is given. */
    public static final int DEFAULT_PORT = 8470;

    private static final String USAGE = """
            Usage: sirsi up [--root DIR] [--bind ADDR] [--port N] [--sessions file|redis://HOST:PORT|coherence]
              Starts the host with every enabled server of DIR/tool-manifests (default: the current folder).
              --bind ADDR    the address to listen on (default 127.0.0.1; 0.0.0.0 exposes the host)
              --port N       the port of gRPC, WebSocket /ws, the chat page /, /health and /metrics
                             (default 8470; 0 = any)
              --sessions S   where sessions live: file (default, in $SIRSI_HOME/sessions), redis://HOST:PORT,
                             or coherence (an in-process Coherence CE member on loopback)
            Environment: SIRSI_HOME (default ~/.sirsi), SIRSI_TOKEN (an admin token for scripts),
              SIRSI_SESSION_TTL (hours, default 168), SIRSI_SESSION_SYNC (written: a save is in the OS before
              it is acknowledged and on the disk right after; always: on the disk before), SIRSI_HEDERA_*,
              SIRSI_LLM_PROVIDER and the provider's key (reason with a model instead of the playbooks).
            """;

    /** Held so that its level, set in {@link #main}, is not lost when the logger is collected. */
    private static final java.util.logging.Logger HELIDON_LOG = java.util.logging.Logger.getLogger("io.helidon");

    private HostMain() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // The embedding model's tokenizer library warns at every start that it found no GPU; it needs none.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        }
        // Helidon logs through java.util.logging: its start-up lines repeat what `up` prints, so only its warnings.
        HELIDON_LOG.setLevel(java.util.logging.Level.WARNING);
        Optional<Running> running;
        try {
            running = start(args, System.out, System.err);
        } catch (HostException e) {
            System.err.println("sirsi up: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (running.isEmpty()) {
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("sirsi up: stopping");
            running.get().close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** A started host and its APIs; closing stops both and removes the runtime file. */
    public record Running(Host host, HostServer server, ManifestWatcher watcher, Path runtimeFile)
            implements AutoCloseable {
        @Override
        public void close() {
            watcher.close();
            server.close();
            host.close();
            try {
                Files.deleteIfExists(runtimeFile);
            } catch (IOException e) {
                // Left behind: the next ask finds no host answering there and says so.
            }
        }
    }

    /** Parses the options and starts the host; empty after a usage error (already printed). */
    public static Optional<Running> start(String[] args, PrintStream out, PrintStream err) {
        Path root = Path.of("");
        String bind = "127.0.0.1";
        int port = Integer.parseInt(System.getenv().getOrDefault("SIRSI_PORT", String.valueOf(DEFAULT_PORT)));
        String sessions = System.getenv().getOrDefault("SIRSI_SESSIONS", "file");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--root" -> root = Path.of(need(value, "--root"));
                case "--bind" -> bind = need(value, "--bind");
                case "--port" -> {
                    try {
                        port = Integer.parseInt(need(value, "--port"));
                    } catch (NumberFormatException e) {
                        err.print("sirsi up: --port takes a number, not '" + value + "'\n" + USAGE);
                        return Optional.empty();
                    }
                }
                case "--sessions" -> sessions = need(value, "--sessions");
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return Optional.empty();
                }
                default -> {
                    err.print("sirsi up: unknown option " + args[i] + "\n" + USAGE);
                    return Optional.empty();
                }
            }
            i++;
        }
        AuthConfig auth = AuthConfig.fromEnvironment();
        Path home = auth.home();
        root = root.toAbsolutePath().normalize();
        Path folder = root.resolve("tool-manifests");
        ManifestLoader loader = ManifestLoader.create(root);
        Manifests manifests = loader.load(folder);
        manifests.problems().forEach(p -> err.println("sirsi up: manifest problem: " + p));
        manifests.warnings().forEach(w -> err.println("sirsi up: " + w));
        List<ServerManifest> enabled = manifests.enabled();
        err.println("sirsi up: starting " + enabled.size() + " servers from " + folder + " ...");
        long t0 = System.nanoTime();

        Optional<LlmConfig> llm = LlmConfig.fromEnvironment(System.getenv());
        Reasoner reasoner;
        Optional<Sampler> sampler;
        if (llm.isPresent()) {
            LlmReasoner model = LlmReasoner.create(llm.get());
            reasoner = model;
            sampler = Optional.of(model.sampler());
        } else {
            reasoner = PlaybookReasoner.create(PlaybookPlanner.create(playbooks(folder)));
            sampler = Optional.empty();
        }
        ServerHub hub = ServerHub.connect(enabled, sampler);
        for (ServerFailure f : hub.failures()) {
            err.println("sirsi up: server " + f.server() + " did not start: " + f.message());
            f.stderrTail().forEach(l -> err.println("  | " + l));
        }
        err.printf(
                "sirsi up: %d of %d servers connected, %d tools, in %.1f s%n",
                hub.connections().size(), enabled.size(), hub.catalog().size(), (System.nanoTime() - t0) / 1e9);
        Duration ttl = Duration.ofHours(Long.parseLong(System.getenv().getOrDefault("SIRSI_SESSION_TTL", "168")));
        SessionStore store = sessions(sessions, home, ttl);
        KnowledgeGraph graph = graph(home.resolve("graph"));
        Host host = Host.builder(hub, store, reasoner)
                .policy(ApprovalPolicy.load(folder.resolve("approval-policy.json")))
                .graph(graph)
                .manifests(
                        loader,
                        manifests.servers().stream().filter(m -> !m.enabled()).toList())
                .artifacts(home.resolve("artifacts"))
                .build();
        Authenticator authenticator = Authenticator.open(auth);
        HostServer server;
        try {
            server = HostServer.start(host, authenticator, bind, port);
        } catch (RuntimeException e) {
            host.close();
            throw new HostException(
                    "cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                            + (port == DEFAULT_PORT ? " (is another host running? try --port 0)" : ""),
                    e);
        }
        ManifestWatcher watcher = ManifestWatcher.start(folder, loader, hub, Duration.ofSeconds(1));
        AccessTokens tokens = authenticator.tokens();
        Optional<String> admin = tokens.ensureAdminToken();
        tokens.revoke("local-cli");
        String local = tokens.create("local-cli", Role.ADMIN);
        Path runtime = home.resolve("host.json");
        writeRuntime(runtime, server.url(), local);

        out.println("Sirsi host: " + server.url() + "  (gRPC, WebSocket " + server.url() + "/ws, /health, /metrics)");
        out.println("  open " + server.url() + "/ to chat in a browser");
        out.println("  reasoner " + reasoner.describe() + "; sessions " + store.describe() + "; "
                + hub.catalog().size() + " tools from " + hub.connections().size() + " servers");
        if (admin.isPresent()) {
            // The fragment never reaches the server; the page takes the token from it and clears the address bar.
            out.println("  admin token (shown once; keep it): " + admin.get() + "  one click: " + server.url()
                    + "/#token=" + URLEncoder.encode(admin.get(), StandardCharsets.UTF_8));
        } else {
            out.println(
                    "  tokens: "
                            + (System.getenv(AccessTokens.ENVIRONMENT_TOKEN) != null
                                    ? "SIRSI_TOKEN is accepted as admin"
                                    : "the admin token was printed when it was created; make more with ./sirsi token create NAME --role ROLE"));
        }
        out.println("  ./sirsi ask and ./sirsi chat on this machine use the token in " + runtime);
        out.println("  try: ./sirsi ask \"what is exposed to the internet in the Kulturio estate?\"");
        out.flush();
        return Optional.of(new Running(host, server, watcher, runtime));
    }

    private static String need(String value, String option) {
        if (value == null) {
            throw new HostException(option + " needs a value");
        }
        return value;
    }

    /** Tool developers' playbooks: {@code tool-manifests/playbooks/*.json}. */
    static List<Path> playbooks(Path folder) {
        Path dir = folder.resolve("playbooks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        } catch (IOException e) {
            throw new HostException("cannot list the playbooks in " + dir + ": " + e.getMessage(), e);
        }
    }

    static SessionStore sessions(String kind, Path home, Duration ttl) {
        if (kind.equals("file")) {
            return FileSessionStore.open(
                    home.resolve("sessions"),
                    ttl,
                    FileSessionStore.Durability.parse(System.getenv().getOrDefault("SIRSI_SESSION_SYNC", "written")));
        }
        if (kind.equals("coherence")) {
            return CoherenceSessionStore.open("sirsi-sessions", ttl);
        }
        if (kind.startsWith("redis://")) {
            URI uri = URI.create(kind);
            if (uri.getHost() == null) {
                throw new HostException("--sessions " + kind + " names no host: use redis://HOST:PORT");
            }
            return RedisSessionStore.connect(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), ttl);
        }
        throw new HostException("--sessions is file, redis://HOST:PORT or coherence, not '" + kind + "'");
    }

    /** The local graph, anchored to the local journal, or to a Hedera topic when SIRSI_HEDERA_NETWORK is set. */
    static KnowledgeGraph graph(Path dir) {
        if (System.getenv(HederaConfig.NETWORK) != null) {
            HederaConfig config = HederaConfig.fromEnvironment();
            return KnowledgeGraph.open(FileGraphStore.open(dir.resolve("store")), HederaLedger.open(config), 10_000);
        }
        return AuditMain.openLocalOrCreate(dir, 10_000);
    }

    /** Writes where the host listens and the local CLI token, readable by its owner only. */
    static void writeRuntime(Path file, URI url, String token) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(
                    tmp,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    tmp,
                    HostRuntime.JSON.writeValueAsString(Map.of(
                            "url",
                            url.toString(),
                            "token",
                            token,
                            "pid",
                            ProcessHandle.current().pid())));
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
