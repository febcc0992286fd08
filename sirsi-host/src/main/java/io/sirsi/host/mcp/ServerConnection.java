package io.sirsi.host.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.reasoning.Sampler;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One initialized MCP session with one server, and the tools it listed (every page), with their annotations
 * and schemas. Closing it ends the session and, for a stdio server, its process.
 */
public final class ServerConnection implements AutoCloseable {
    /**
     * The least time a server gets to start, initialize and list its tools, whatever its manifest's (request)
     * timeout: a JVM server's cold start alone can pass a second on a loaded machine.
     */
    public static final Duration MIN_START_TIMEOUT = Duration.ofSeconds(20);

    /** The client name and version the host reports when it initializes. */
    public static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("sirsi-host", "0.1.0");

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    /*
     * The SDK's own timeout would end a call that is still reporting progress: calls are bounded here instead,
     * by the manifest's timeout counted from the last sign of life. This only keeps the SDK out of the way.
     */
    private static final Duration SDK_REQUEST_TIMEOUT = Duration.ofDays(1);

    /** How long a failed call waits for its server's exit code, when the server's output ended. */
    private static final Duration EXIT_GRACE = Duration.ofMillis(800);

    private final ServerManifest manifest;
    private final Optional<ChildProcessTransport> child;

    /** The server's transport, which can tell it to stop a call. */
    private final CancellingTransport canceller;

    private final Map<Object, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private McpAsyncClient client;
    private volatile List<McpSchema.Tool> tools = List.of();
    private volatile boolean closing;

    private ServerConnection(
            ServerManifest manifest, Optional<ChildProcessTransport> child, CancellingTransport canceller) {
        this.manifest = manifest;
        this.child = child;
        this.canceller = canceller;
    }

    /**
     * Starts or reaches the server, initializes a session and lists its tools, all within the manifest's
     * timeout or {@link #MIN_START_TIMEOUT}, whichever is longer; a stdio server that exits first fails at once.
     *
     * @throws ServerStartException naming the server and the cause, with the server's last stderr lines
     */
    public static ServerConnection open(ServerManifest manifest) {
        return open(manifest, Optional.empty());
    }

    /**
     * Opens the server as {@link #open(ServerManifest)} does; the server's sampling requests go to {@code
     * sampler}, and are declined when there is none.
     */
    public static ServerConnection open(ServerManifest manifest, Optional<Sampler> sampler) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(sampler, "sampler");
        Duration timeout = manifest.timeout();
        // A short timeout is for requests: a process starting cold on a busy machine still gets its time.
        Duration start = timeout.compareTo(MIN_START_TIMEOUT) < 0 ? MIN_START_TIMEOUT : timeout;
        McpClientTransport transport;
        Optional<ChildProcessTransport> child = Optional.empty();
        switch (manifest.transport()) {
            case ServerManifest.Stdio stdio -> {
                Optional<String> missing = missingCommand(stdio.command());
                if (missing.isPresent()) {
                    throw new ServerStartException(new ServerFailure(manifest.name(), missing.get(), List.of()), null);
                }
                var parameters = ServerParameters.builder(stdio.command())
                        .args(stdio.args())
                        .env(stdio.env())
                        .build();
                var stdioTransport = new ChildProcessTransport(parameters, JSON, stdio.directory());
                child = Optional.of(stdioTransport);
                transport = stdioTransport;
            }
            case ServerManifest.Http http -> transport = httpTransport(http, timeout);
        }
        CancellingTransport cancelling = new CancellingTransport(transport);
        ServerConnection connection = new ServerConnection(manifest, child, cancelling);
        McpAsyncClient client = McpClient.async(cancelling)
                .clientInfo(CLIENT_INFO)
                .requestTimeout(SDK_REQUEST_TIMEOUT)
                .initializationTimeout(start)
                .toolsChangeConsumer(listed -> connection.relist())
                .progressConsumer(connection::progress)
                .loggingConsumer(connection::log)
                .capabilities(McpSchema.ClientCapabilities.builder()
                        .elicitation()
                        .sampling()
                        .build())
                .elicitation(connection::elicit)
                .sampling(request -> sample(manifest.name(), sampler, request))
                .build();
        connection.client = client;
        Mono<List<McpSchema.Tool>> work =
                client.initialize().then(allTools(client).timeout(start));
        if (child.isPresent()) {
            Mono<List<McpSchema.Tool>> died = child.get()
                    .exited()
                    .flatMap(code -> Mono.error(new IllegalStateException(
                            "the server exited with code " + code + " before it listed its tools")));
            work = Mono.firstWithSignal(work, died);
        }
        try {
            List<McpSchema.Tool> tools = work.block(start.plusSeconds(1));
            connection.tools = tools == null ? List.of() : tools;
            return connection;
        } catch (RuntimeException e) {
            close(client, child);
            List<String> tail = child.map(ChildProcessTransport::stderrTail).orElse(List.of());
            throw new ServerStartException(new ServerFailure(manifest.name(), describe(e, start), tail), e);
        }
    }

    /** The manifest this connection follows. */
    public ServerManifest manifest() {
        return manifest;
    }

    /** The server's name, from its manifest. */
    public String name() {
        return manifest.name();
    }

    /** What the server said it is when it initialized. */
    public McpSchema.Implementation serverInfo() {
        return client.getServerInfo();
    }

    /** Every tool the server listed, before the manifest's filter. */
    public List<McpSchema.Tool> tools() {
        return tools;
    }

    /** The tools the manifest exposes. */
    public List<McpSchema.Tool> exposedTools() {
        ToolFilter filter = manifest.filter();
        return tools.stream().filter(filter::admits).toList();
    }

    /** The session, for calls. */
    public McpAsyncClient client() {
        return client;
    }

    /**
     * Calls a tool by its own name. The call fails when the manifest's timeout passes without an answer or a
     * progress notification (each one starts the timeout again), and then the server is sent {@code
     * notifications/cancelled}; it fails as soon as a stdio server exits, with its exit code and last stderr
     * lines.
     *
     * @param observer told of the call's progress and log messages, and asked the server's questions
     */
    Mono<McpSchema.CallToolResult> call(String tool, Map<String, Object> arguments, CallObserver observer) {
        Duration timeout = manifest.timeout();
        long order = tokens.incrementAndGet();
        String token = manifest.name() + "-" + order;
        InFlight call = new InFlight(order, observer, Sinks.many().multicast().directBestEffort());
        Mono<McpSchema.CallToolResult> answer = Mono.defer(() -> {
            inFlight.put(token, call);
            return client.callTool(new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token)));
        });
        Mono<McpSchema.CallToolResult> silent = call.alive()
                .asFlux()
                .startWith(RESTART)
                .switchMap(signal -> signal == PAUSE ? Mono.never() : Mono.delay(timeout))
                .next()
                .flatMap(ignored -> {
                    canceller.cancel(token, "no answer or progress within " + timeout.toSeconds() + " s");
                    return Mono.error(new TimeoutException(
                            "no answer or progress within " + timeout.toSeconds() + " s; the call was cancelled"));
                });
        Mono<McpSchema.CallToolResult> dropped = observer.cancelled()
                .flatMap(reason -> Mono.error(new CallCancelledException(reason, canceller.cancel(token, reason))));
        Mono<McpSchema.CallToolResult> died = exited().flatMap(code -> Mono.error(new ServerExitedException(code)));
        if (child.isPresent()) {
            // The SDK may notice the end of the server's output first ("session terminated"); say why it ended.
            answer = answer.onErrorResume(e -> died.timeout(EXIT_GRACE)
                    .onErrorResume(TimeoutException.class, t -> Mono.error(e))
                    .switchIfEmpty(Mono.error(e)));
        }
        return Mono.firstWithSignal(answer, silent, died, dropped).doFinally(signal -> {
            inFlight.remove(token);
            canceller.forget(token);
        });
    }

    /** Emits the exit code when a stdio server's process ends; never for an HTTP server. */
    Mono<Integer> exited() {
        return child.map(c -> c.exited().onErrorResume(e -> Mono.empty())).orElse(Mono.never());
    }

    /** The server's process, for a stdio server that started. */
    Optional<ProcessHandle> process() {
        return child.flatMap(ChildProcessTransport::process);
    }

    /** The last lines a stdio server wrote to stderr, oldest first. */
    List<String> stderrTail() {
        return child.map(ChildProcessTransport::stderrTail).orElse(List.of());
    }

    /** Whether {@link #close()} was called: the server's exit is then expected. */
    boolean closing() {
        return closing;
    }

    /** Asks the server whether it is alive, within the manifest's timeout. */
    Mono<Object> ping() {
        return client.ping().timeout(manifest.timeout());
    }

    @Override
    public void close() {
        closing = true;
        close(client, child);
    }

    /** Drops a session whose server died, without the graceful goodbye it can no longer answer. */
    void abandon() {
        closing = true;
        try {
            client.close();
        } finally {
            child.ifPresent(ChildProcessTransport::destroyForcibly);
        }
    }

    private Mono<Void> relist() {
        // Every page, as when connecting: the SDK's own list may stop at the first.
        allTools(client)
                .timeout(manifest.timeout())
                .subscribe(
                        listed -> {
                            tools = listed;
                            LOG.debug("server {} changed its tools: {} now", manifest.name(), listed.size());
                        },
                        e -> LOG.warn(
                                "server {} changed its tools but could not list them: {}",
                                manifest.name(),
                                e.toString()));
        return Mono.empty();
    }

    private Mono<Void> progress(McpSchema.ProgressNotification notification) {
        InFlight call = inFlight.get(notification.progressToken());
        if (call != null) {
            call.alive().tryEmitNext(RESTART);
            call.observer().progress(notification);
        }
        return Mono.empty();
    }

    /**
     * A question from the server: asked of the user through the observer of the call that asks, the call's
     * timeout waiting meanwhile. The call is the one whose progress token the question's {@code _meta} carries
     * (Sirsi's servers send it), else the only call in flight. A question that could be any of several calls'
     * (they may be different users' turns), or that comes with no call in flight, is declined.
     */
    private Mono<McpSchema.ElicitResult> elicit(McpSchema.ElicitFormRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        Optional<InFlight> asking = token != null
                ? Optional.ofNullable(inFlight.get(String.valueOf(token)))
                : inFlight.size() == 1 ? inFlight.values().stream().findFirst() : Optional.empty();
        if (asking.isEmpty()) {
            LOG.warn(
                    "server {} asked a question {}; declined",
                    manifest.name(),
                    token != null
                            ? "for a call that is not in flight (" + token + ")"
                            : inFlight.isEmpty()
                                    ? "with no call in flight"
                                    : "without naming which of its " + inFlight.size() + " calls in flight asks");
            return Mono.just(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
        }
        InFlight call = asking.get();
        return Mono.fromCallable(() -> {
                    call.alive().tryEmitNext(PAUSE);
                    try {
                        return call.observer().elicit(manifest.name(), request);
                    } finally {
                        call.alive().tryEmitNext(RESTART);
                    }
                })
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }

    private static Mono<McpSchema.CreateMessageResult> sample(
            String server, Optional<Sampler> sampler, McpSchema.CreateMessageRequest request) {
        if (sampler.isEmpty()) {
            return Mono.error(new IllegalStateException("the Sirsi host has no language model configured, so it "
                    + "declines sampling requests from server '" + server
                    + "' (set SIRSI_LLM_PROVIDER to enable them)"));
        }
        return Mono.fromCallable(() -> sampler.get().sample(request))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }

    private Mono<Void> log(McpSchema.LoggingMessageNotification message) {
        inFlight.values().forEach(call -> call.observer().log(manifest.name(), message));
        String logger = message.logger() == null ? "" : " " + message.logger();
        var level = message.level() == null ? McpSchema.LoggingLevel.INFO : message.level();
        switch (level) {
            case DEBUG -> LOG.debug("server {}{}: {}", manifest.name(), logger, message.data());
            case INFO, NOTICE -> LOG.info("server {}{}: {}", manifest.name(), logger, message.data());
            case WARNING -> LOG.warn("server {}{}: {}", manifest.name(), logger, message.data());
            default -> LOG.error("server {}{}: {}", manifest.name(), logger, message.data());
        }
        return Mono.empty();
    }

    private static final Long RESTART = 0L;
    private static final Long PAUSE = 1L;

    /** A call waiting for its answer: who to tell of its progress, and its timer's signals. */
    private record InFlight(long order, CallObserver observer, Sinks.Many<Long> alive) {}

    /** A stdio server's process ended while a call was waiting for it. */
    /** The caller cancelled the call ({@link CallObserver#cancelled()}). */
    static final class CallCancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean told;

        CallCancelledException(String reason, boolean told) {
            super(reason, null, false, false);
            this.told = told;
        }

        /** Whether the server was sent {@code notifications/cancelled} (the request had gone out). */
        boolean told() {
            return told;
        }
    }

    static final class ServerExitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int code;

        ServerExitedException(int code) {
            super("the server exited with code " + code, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private static void close(McpAsyncClient client, Optional<ChildProcessTransport> child) {
        try {
            client.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            client.close();
        } finally {
            child.ifPresent(ChildProcessTransport::destroyForcibly);
        }
    }

    private static Mono<List<McpSchema.Tool>> allTools(McpAsyncClient client) {
        return client.listTools(McpSchema.FIRST_PAGE)
                .expand(page -> page.nextCursor() == null || page.nextCursor().isEmpty()
                        ? Mono.empty()
                        : client.listTools(page.nextCursor()))
                .reduce(new ArrayList<McpSchema.Tool>(), (all, page) -> {
                    if (page.tools() != null) {
                        all.addAll(page.tools());
                    }
                    return all;
                })
                .map(List::copyOf);
    }

    private static McpClientTransport httpTransport(ServerManifest.Http http, Duration timeout) {
        URI url = http.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(JSON)
                .connectTimeout(timeout)
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> http.headers().forEach(builder::header))
                .build();
    }

    /** Why a command cannot be started, found before starting it: the SDK would only log it. */
    static Optional<String> missingCommand(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            if (!Files.isRegularFile(path)) {
                return Optional.of("command not found: " + command);
            }
            return Files.isExecutable(path) ? Optional.empty() : Optional.of("command not executable: " + command);
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.empty();
            }
        }
        return Optional.of("command not found on PATH: " + command);
    }

    private static String describe(Throwable e, Duration timeout) {
        Throwable cause = Exceptions.unwrap(e);
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // The SDK wraps a timed-out initialization ("Client failed to initialize ...: Did not observe any item").
            if (c instanceof TimeoutException
                    || (c instanceof IllegalStateException
                            && String.valueOf(c.getMessage()).startsWith("Timeout"))) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
        }
        StringBuilder message = new StringBuilder(String.valueOf(cause.getMessage()));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append(": ").append(c.getMessage());
            }
        }
        return message.toString();
    }
}
