package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.reasoning.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's connections: every enabled server of a set of manifests, connected concurrently. A server that
 * fails to start is kept as a {@link ServerFailure} and does not stop the others. A stdio server whose process
 * dies fails its calls in flight at once, with its exit code and last stderr lines, and is started again after
 * 200 ms, then 400 ms, and so on up to 10 s between attempts, until it connects and lists its tools. A server
 * that sends {@code notifications/tools/list_changed} is listed again. Closing the hub closes every session and
 * ends every server process it started.
 */
public final class ServerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHub.class);

    /** The first wait before starting a server that died again; it doubles after each failed attempt. */
    static final Duration FIRST_RESPAWN_DELAY = Duration.ofMillis(200);

    /** The longest wait between two attempts to start a server that died. */
    static final Duration MAX_RESPAWN_DELAY = Duration.ofSeconds(10);

    /** How often every connected server is pinged. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(15);

    private final List<ServerManifest> enabled;
    private final Optional<Sampler> sampler;
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();
    private final Thread pinger;
    private final Map<String, ServerConnection> live = new ConcurrentHashMap<>();
    private final Map<String, ServerFailure> failed = new ConcurrentHashMap<>();
    private final Set<Thread> respawners = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ServerHub(
            List<ServerManifest> enabled,
            List<ServerConnection> connections,
            List<ServerFailure> failures,
            Optional<Sampler> sampler) {
        this.enabled = new CopyOnWriteArrayList<>(enabled);
        this.sampler = sampler;
        failures.forEach(f -> failed.put(f.server(), f));
        connections.forEach(c -> {
            live.put(c.name(), c);
            watch(c);
        });
        this.pinger = Thread.ofVirtual().name("server-pings").start(this::pingLoop);
    }

    /** Connects to every enabled server, each on its own virtual thread, and waits for all of them. */
    public static ServerHub connect(List<ServerManifest> manifests) {
        return connect(manifests, Optional.empty());
    }

    /**
     * Connects as {@link #connect(List)} does; the servers' sampling requests go to {@code sampler}, and are
     * declined when there is none.
     */
    public static ServerHub connect(List<ServerManifest> manifests, Optional<Sampler> sampler) {
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(sampler, "sampler");
        List<ServerManifest> enabled =
                manifests.stream().filter(ServerManifest::enabled).toList();
        List<ServerConnection> connections = new ArrayList<>();
        List<ServerFailure> failures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ServerConnection>> opening = enabled.stream()
                    .map(m -> executor.submit(() -> ServerConnection.open(m, sampler)))
                    .toList();
            for (int i = 0; i < opening.size(); i++) {
                try {
                    connections.add(opening.get(i).get());
                } catch (ExecutionException e) {
                    failures.add(failure(enabled.get(i), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(new ServerFailure(enabled.get(i).name(), "interrupted while connecting", List.of()));
                }
            }
        }
        failures.forEach(f -> LOG.debug("server {} failed: {}", f.server(), f.message()));
        return new ServerHub(enabled, connections, failures, sampler);
    }

    private static ServerFailure failure(ServerManifest manifest, Throwable cause) {
        if (cause instanceof ServerStartException e) {
            return e.failure();
        }
        return new ServerFailure(manifest.name(), String.valueOf(cause), List.of());
    }

    /** The servers connected now, in manifest order; a server that died is back once it is respawned. */
    public List<ServerConnection> connections() {
        return enabled.stream()
                .map(m -> live.get(m.name()))
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * The servers not connected now, in manifest order: those that could not be connected, and those that died
     * and are not respawned yet.
     */
    public List<ServerFailure> failures() {
        return enabled.stream()
                .map(m -> failed.get(m.name()))
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * The catalog of the tools of every server connected now, filtered by their manifests. It is built again
     * only when a server connected, left, or listed its tools again.
     */
    public ToolCatalog catalog() {
        List<ServerConnection> now = connections();
        List<Object> key = new ArrayList<>(now.size() * 2);
        for (ServerConnection c : now) {
            key.add(c);
            key.add(c.tools());
        }
        Cached cached = catalog;
        if (cached != null && sameIdentities(cached.key(), key)) {
            return cached.catalog();
        }
        ToolCatalog built = ToolCatalog.of(now);
        catalog = new Cached(key, built);
        return built;
    }

    private record Cached(List<Object> key, ToolCatalog catalog) {}

    private volatile Cached catalog;

    private static boolean sameIdentities(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Calls a tool by its catalog name ({@code server__tool}) on its server's session. A tool that is not
     * read-only is refused: approvals come with the session API.
     *
     * @return the result, {@link ToolResult#error()} when the tool itself reported a failure
     * @throws ToolCallException when the tool is unknown, needs approval, or its server died during the call or
     *     gave neither an answer nor progress within its manifest's timeout
     */
    public ToolResult call(String name, Map<String, Object> arguments) {
        return call(name, arguments, progress -> {});
    }

    /**
     * Calls a tool as {@link #call(String, Map)} does, telling {@code onProgress} of each progress notification
     * of the call; each one also starts the server's timeout again.
     */
    public ToolResult call(
            String name, Map<String, Object> arguments, Consumer<McpSchema.ProgressNotification> onProgress) {
        Objects.requireNonNull(onProgress, "onProgress");
        CatalogTool tool = catalog().find(name).orElseThrow(() -> new ToolCallException(unknown(name)));
        if (!tool.readOnly()) {
            throw new ToolCallException(name + " is not read-only and needs approval, which only a session "
                    + "of the host can give (./sirsi up, then chat); it was not run");
        }
        return invoke(name, arguments, new CallObserver() {
            @Override
            public void progress(McpSchema.ProgressNotification notification) {
                onProgress.accept(notification);
            }
        });
    }

    /**
     * Calls a tool by its catalog name whether or not it is read-only: the caller has settled its approval. The
     * observer hears the call's progress and log messages, and answers the server's questions.
     *
     * @throws ToolCallException as {@link #call(String, Map)} does, except for approval
     */
    public ToolResult invoke(String name, Map<String, Object> arguments, CallObserver observer) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(observer, "observer");
        CatalogTool tool = catalog().find(name).orElseThrow(() -> new ToolCallException(unknown(name)));
        ServerConnection connection = live.get(tool.server());
        if (connection == null) {
            throw new ToolCallException(name + " failed: " + unknown(name));
        }
        AtomicLong[] count =
                counts.computeIfAbsent(tool.server(), s -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        count[0].incrementAndGet();
        McpSchema.CallToolResult result;
        try {
            result = connection.call(tool.tool().name(), arguments, observer).block();
        } catch (RuntimeException e) {
            count[1].incrementAndGet();
            throw new ToolCallException(name + " failed: " + describe(connection, e), e);
        }
        if (result == null) {
            count[1].incrementAndGet();
            throw new ToolCallException(name + " failed: server '" + tool.server() + "' gave no result");
        }
        StringBuilder text = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                if (content instanceof McpSchema.TextContent t) {
                    text.append(text.isEmpty() ? "" : "\n").append(t.text());
                }
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        if (result.structuredContent() instanceof Map<?, ?> map) {
            map.forEach((k, v) -> structured.put(String.valueOf(k), v));
        }
        boolean error = Boolean.TRUE.equals(result.isError());
        if (error) {
            count[1].incrementAndGet();
        }
        return new ToolResult(name, error, structured, text.toString());
    }

    /**
     * Reads a resource of a connected server ({@code resources/read}) and returns its text contents, joined: an
     * inventory a discovery server keeps, for instance.
     *
     * @throws ToolCallException when the server is not connected, fails, does not answer within {@code timeout},
     *     or the resource has no text
     */
    public String readResource(String server, String uri, Duration timeout) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        ServerConnection connection = live.get(server);
        if (connection == null) {
            throw new ToolCallException("cannot read " + uri + ": server '" + server + "' is not connected");
        }
        McpSchema.ReadResourceResult result;
        try {
            result = connection
                    .client()
                    .readResource(new McpSchema.ReadResourceRequest(uri))
                    .block(timeout);
        } catch (RuntimeException e) {
            throw new ToolCallException("cannot read " + uri + ": " + describe(connection, e), e);
        }
        StringBuilder text = new StringBuilder();
        if (result != null && result.contents() != null) {
            for (McpSchema.ResourceContents c : result.contents()) {
                if (c instanceof McpSchema.TextResourceContents t) {
                    text.append(t.text());
                }
            }
        }
        if (text.isEmpty()) {
            throw new ToolCallException("cannot read " + uri + ": server '" + server + "' gave no text for it");
        }
        return text.toString();
    }

    /**
     * Disconnects a server and forgets its manifest: its calls in flight fail, and it is not started again.
     *
     * @return true if the hub knew the server
     */
    public boolean detach(String name) {
        Objects.requireNonNull(name, "name");
        boolean known;
        synchronized (this) {
            known = enabled.removeIf(m -> m.name().equals(name));
            failed.remove(name);
        }
        ServerConnection connection = live.remove(name);
        if (connection != null) {
            connection.close();
        }
        return known || connection != null;
    }

    /** The process of a connected stdio server, for operators (and fault tests). */
    public Optional<ProcessHandle> process(String name) {
        ServerConnection c = live.get(name);
        return c == null ? Optional.empty() : c.process();
    }

    /** The enabled servers' manifests, in order (those attached later last). */
    public List<ServerManifest> manifests() {
        return List.copyOf(enabled);
    }

    /** Tool calls sent to {@code server} since the hub started, and how many of them failed. */
    public long[] calls(String server) {
        AtomicLong[] count = counts.get(server);
        return count == null ? new long[2] : new long[] {count[0].get(), count[1].get()};
    }

    /**
     * Connects one more server, or connects again one that failed to start; a server already connected is
     * left as it is.
     *
     * @return true when the server is connected now
     * @throws ServerStartException when it cannot be connected (it is then listed among the failures)
     */
    public boolean attach(ServerManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        if (live.containsKey(manifest.name())) {
            return true;
        }
        synchronized (this) {
            if (enabled.stream().noneMatch(m -> m.name().equals(manifest.name()))) {
                enabled.add(manifest);
            }
        }
        try {
            ServerConnection connection = ServerConnection.open(manifest, sampler);
            synchronized (this) {
                if (closed) {
                    connection.close();
                    return false;
                }
                live.put(manifest.name(), connection);
                failed.remove(manifest.name());
            }
            watch(connection);
            return true;
        } catch (ServerStartException e) {
            failed.put(manifest.name(), e.failure());
            throw e;
        }
    }

    /** Closes every connection concurrently, and stops starting again the servers that died. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        respawners.forEach(Thread::interrupt);
        pinger.interrupt();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            live.values().forEach(c -> executor.submit(c::close));
        }
        live.clear();
    }

    private String unknown(String name) {
        for (ServerFailure f : failures()) {
            if (name.startsWith(ToolCatalog.prefix(f.server()) + ToolCatalog.SEPARATOR)) {
                return "server '" + f.server() + "' of " + name + " is not connected: " + f.message();
            }
        }
        return "no tool " + name + " among the connected servers";
    }

    private static String describe(ServerConnection connection, RuntimeException e) {
        Throwable cause = reactor.core.Exceptions.unwrap(e);
        String server = "server '" + connection.name() + "'";
        if (cause instanceof ServerConnection.ServerExitedException exited) {
            List<String> tail = connection.stderrTail();
            return server + " exited with code " + exited.code() + " during the call and is being restarted"
                    + (tail.isEmpty() ? "" : "; its last stderr lines:\n  " + String.join("\n  ", tail));
        }
        if (cause instanceof TimeoutException) {
            return server + " gave " + cause.getMessage();
        }
        if (cause instanceof ServerConnection.CallCancelledException cancelled) {
            return cancelled.getMessage()
                    + (cancelled.told() ? "; server '" + connection.name() + "' was told to stop" : "");
        }
        return server + ": " + cause.getMessage();
    }

    /**
     * Pings every connected server every {@link #PING_INTERVAL}. A stdio server that does not answer within its
     * timeout is ended, so it is respawned like one that died; an HTTP server is connected again.
     */
    private void pingLoop() {
        try {
            while (!closed) {
                Thread.sleep(PING_INTERVAL);
                for (ServerConnection c : List.copyOf(live.values())) {
                    try {
                        c.ping().block();
                    } catch (RuntimeException e) {
                        if (closed) {
                            return;
                        }
                        if (c.closing()) {
                            continue;
                        }
                        LOG.warn("server {} did not answer a ping: {}; restarting it", c.name(), e.getMessage());
                        if (c.process().isPresent()) {
                            c.process().get().destroyForcibly();
                        } else if (live.remove(c.name(), c)) {
                            failed.put(
                                    c.name(),
                                    new ServerFailure(c.name(), "it did not answer a ping; reconnecting", List.of()));
                            Thread respawner = Thread.ofVirtual()
                                    .name("respawn-" + c.name())
                                    .unstarted(() -> respawn(c));
                            respawners.add(respawner);
                            respawner.start();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Respawns the server when its process ends, unless the host closed it. */
    private void watch(ServerConnection connection) {
        connection.exited().subscribe(code -> {
            if (closed || connection.closing()) {
                return;
            }
            ServerManifest manifest = connection.manifest();
            if (!live.remove(manifest.name(), connection)) {
                return;
            }
            String message = "the server exited with code " + code + "; restarting it";
            failed.put(manifest.name(), new ServerFailure(manifest.name(), message, connection.stderrTail()));
            LOG.warn("server {} exited with code {}; restarting it", manifest.name(), code);
            Thread respawner =
                    Thread.ofVirtual().name("respawn-" + manifest.name()).unstarted(() -> respawn(connection));
            respawners.add(respawner);
            respawner.start();
        });
    }

    private void respawn(ServerConnection dead) {
        ServerManifest manifest = dead.manifest();
        try {
            dead.abandon();
            Duration delay = FIRST_RESPAWN_DELAY;
            for (int attempt = 1; !closed; attempt++) {
                Thread.sleep(delay);
                if (enabled.stream().noneMatch(m -> m.name().equals(manifest.name()))) {
                    return; // detached meanwhile
                }
                try {
                    ServerConnection connection = ServerConnection.open(manifest, sampler);
                    synchronized (this) {
                        if (closed) {
                            connection.close();
                            return;
                        }
                        live.put(manifest.name(), connection);
                        failed.remove(manifest.name());
                    }
                    watch(connection);
                    LOG.info("server {} restarted (attempt {})", manifest.name(), attempt);
                    return;
                } catch (ServerStartException e) {
                    failed.put(manifest.name(), e.failure());
                    LOG.warn("server {} did not restart (attempt {}): {}", manifest.name(), attempt, e.getMessage());
                }
                delay = delay.multipliedBy(2).compareTo(MAX_RESPAWN_DELAY) > 0
                        ? MAX_RESPAWN_DELAY
                        : delay.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            respawners.remove(Thread.currentThread());
        }
    }
}
