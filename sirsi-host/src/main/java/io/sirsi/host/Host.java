package io.sirsi.host;

import io.sirsi.graph.GraphRecorder;
import io.sirsi.graph.KnowledgeGraph;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.ServerConnection;
import io.sirsi.host.mcp.ServerFailure;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ServerManifest;
import io.sirsi.host.mcp.ServerStartException;
import io.sirsi.host.mcp.ToolCatalog;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.reasoning.Reasoner;
import io.sirsi.host.reasoning.TurnOutcome;
import io.sirsi.host.session.Session;
import io.sirsi.host.session.SessionException;
import io.sirsi.host.session.SessionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Sirsi host: sessions, turns, approvals and the agents, behind every API. A turn loads its session, lets
 * the {@link Reasoner} call tools through the {@link ServerHub} (waiting for the user's approval of a tool that
 * is not read-only, relaying servers' questions), records what it learns in the knowledge graph, saves the
 * session, and only then sends its final event. One turn runs at a time per session; turns of different
 * sessions run concurrently, each on a virtual thread.
 */
public final class Host implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(Host.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final java.util.regex.Pattern SESSION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** The longest message a turn accepts, in characters. */
    public static final int MAX_MESSAGE_CHARS = 32_000;

    private final ServerHub hub;
    private final SessionStore store;
    private final Reasoner reasoner;
    private final ApprovalPolicy policy;
    private final Optional<KnowledgeGraph> graph;
    private final Optional<GraphRecorder> recorder;
    private final Optional<ManifestLoader> loader;
    private final List<ServerManifest> disabled;
    private final Path artifactsRoot;
    private final Duration approvalTimeout;
    private final HostMetrics metrics = new HostMetrics();
    private final Instant started = Instant.now();
    private final Map<String, TurnRunner> running = new ConcurrentHashMap<>();
    private final Map<String, TurnRunner> questions = new ConcurrentHashMap<>();
    private final ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread expirer;
    private final Thread sealer;
    private final java.util.concurrent.BlockingQueue<Runnable> graphWrites =
            new java.util.concurrent.LinkedBlockingQueue<>(10_000);
    private final Thread graphWriter;
    private final java.util.concurrent.atomic.AtomicInteger knowledgePending =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * How often the graph's changes are sealed into a set and anchored to the ledger. Turns commit their changes
     * durably at once; sealing them in the background keeps the ledger (a network transaction, on Hedera) off
     * the turn's path and groups the changes of many turns into one message.
     */
    static final Duration SEAL_INTERVAL = Duration.ofSeconds(2);

    /** How long the graph's writer waits for a discovery server to hand over an inventory it named. */
    private static final Duration INVENTORY_READ_TIMEOUT = Duration.ofSeconds(30);

    private volatile boolean closed;

    private Host(Builder b) {
        this.hub = b.hub;
        this.store = b.store;
        this.reasoner = b.reasoner;
        this.policy = b.policy;
        this.graph = b.graph;
        this.recorder = b.graph.map(GraphRecorder::new);
        this.loader = b.loader;
        this.disabled = List.copyOf(b.disabled);
        this.artifactsRoot = b.artifacts.toAbsolutePath().normalize();
        this.approvalTimeout = b.approvalTimeout;
        metrics.gauge("sirsi_turns_running", running::size);
        metrics.gauge("sirsi_servers_connected", () -> hub.connections().size());
        metrics.gauge("sirsi_tools", () -> hub.catalog().size());
        this.expirer = Thread.ofVirtual().name("session-expiry").start(this::expireLoop);
        this.sealer = Thread.ofVirtual().name("graph-sealer").start(this::sealLoop);
        this.graphWriter = Thread.ofPlatform().name("graph-writer").daemon().start(this::writeLoop);
    }

    /** A builder of a host over these parts; the host owns and closes them. */
    public static Builder builder(ServerHub hub, SessionStore store, Reasoner reasoner) {
        return new Builder(hub, store, reasoner);
    }

    /** Starts a new, empty session, owned by {@code caller}: only they and admins may use it. */
    public Session createSession(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        open();
        try {
            return store.create(caller.subject(), Instant.now());
        } catch (SessionException e) {
            throw storeFailed(e);
        }
    }

    /**
     * The session {@code id}, if {@code caller} may use it: an admin may use any session, anyone else a session
     * they own or one with no owner (stored before sessions had owners).
     *
     * @throws RequestException NOT_FOUND when it is unknown, closed or expired, or is someone else's: the same
     *     error either way, so that the ids of other people's sessions are not revealed
     */
    public Session session(String id, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        return find(id).filter(s -> mayUse(s, caller)).orElseThrow(() -> RequestException.unknownSession(id));
    }

    /** The session {@code id} whoever owns it, unless it is unknown, closed or expired. */
    private Optional<Session> find(String id) {
        checkId(id);
        try {
            return store.get(id);
        } catch (SessionException e) {
            throw storeFailed(e);
        }
    }

    private static boolean mayUse(Session session, Caller caller) {
        return caller.role().atLeast(Role.ADMIN)
                || session.owner().isEmpty()
                || session.owner().equals(caller.subject());
    }

    private static void checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!SESSION_ID.matcher(id).matches()) {
            throw new RequestException(
                    RequestException.Kind.INVALID,
                    "a session id is 1 to 100 letters, digits, '-' or '_', not '"
                            + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
    }

    private static RequestException storeFailed(SessionException e) {
        return new RequestException(RequestException.Kind.UNAVAILABLE, "the session store failed: " + e.getMessage());
    }

    /**
     * Ends a session: a turn under way is cancelled, and the session is deleted; true if it existed. A session
     * that {@code caller} may not use (see {@link #session}) is left alone and answered false, as one that is not
     * there, so that closing does not reveal the ids of other people's sessions either.
     */
    public boolean closeSession(String id, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Optional<Session> session = find(id);
        if (session.isEmpty() || !mayUse(session.get(), caller)) {
            return false;
        }
        TurnRunner turn = running.get(id);
        if (turn != null) {
            turn.sessionClosed();
        }
        try {
            return store.delete(id);
        } catch (SessionException e) {
            throw storeFailed(e);
        }
    }

    /** How many sessions a list gives at most. */
    public static final int MAX_LISTED = 500;

    /** How many sessions a list gives when no limit is asked for. */
    public static final int DEFAULT_LISTED = 50;

    /**
     * The caller's sessions, the most recently active first; with {@code all}, everyone's (admins only).
     *
     * @param limit at most this many; 0 for {@link #DEFAULT_LISTED}
     * @throws RequestException FORBIDDEN for {@code all} asked by a caller who is not an admin, INVALID for a
     *     limit under 0 or over {@link #MAX_LISTED}, UNAVAILABLE when the store fails
     */
    public List<Session> sessions(Caller caller, boolean all, int limit) {
        Objects.requireNonNull(caller, "caller");
        if (all && !caller.role().atLeast(Role.ADMIN)) {
            throw new RequestException(
                    RequestException.Kind.FORBIDDEN,
                    caller.subject() + " is a " + caller.role().label() + ": listing everyone's sessions needs an"
                            + " admin");
        }
        if (limit < 0 || limit > MAX_LISTED) {
            throw new RequestException(
                    RequestException.Kind.INVALID,
                    "limit is " + limit + "; a list gives 1 to " + MAX_LISTED + " sessions (0 for " + DEFAULT_LISTED
                            + ")");
        }
        try {
            return store.list(
                    all ? Optional.empty() : Optional.of(caller.subject()), limit == 0 ? DEFAULT_LISTED : limit);
        } catch (SessionException e) {
            throw storeFailed(e);
        }
    }

    /**
     * Cancels the turn under way in a session: it stops at its next step, a question it waits on is cancelled,
     * and it ends with its final event as usual.
     *
     * @param turnId the turn to cancel, or empty for whichever is under way
     * @return the id of the turn asked to stop
     * @throws RequestException NOT_FOUND for an unknown session or one {@code caller} may not use (see
     *     {@link #session}), when no turn is under way in it, or when the one under way is not {@code turnId}
     */
    public String cancelTurn(String sessionId, Optional<String> turnId, Caller caller) {
        Objects.requireNonNull(turnId, "turnId");
        session(sessionId, caller);
        TurnRunner turn = running.get(sessionId);
        if (turn == null || (turnId.isPresent() && !turnId.get().equals(turn.id()))) {
            throw new RequestException(
                    RequestException.Kind.NOT_FOUND,
                    turnId.map(t -> "turn " + t + " is not under way in session " + sessionId + ": it ended")
                            .orElse("no turn is under way in session " + sessionId));
        }
        turn.cancel();
        return turn.id();
    }

    /**
     * Starts a turn: saves the user's message to the session (it is acknowledged when this returns), then runs
     * the reasoner on a virtual thread, sending each event to {@code events} as it happens. {@code events} may be
     * called from several threads, never concurrently for one turn; the final event is always last.
     *
     * @throws RequestException NOT_FOUND for an unknown session or one {@code caller} may not use (see
     *     {@link #session}), INVALID for an empty message, TOO_LARGE for one over {@link #MAX_MESSAGE_CHARS},
     *     CONFLICT when the session is already in a turn
     */
    public TurnHandle send(String sessionId, String text, Caller caller, Consumer<TurnEvent> events) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(events, "events");
        open();
        if (text.isBlank()) {
            throw new RequestException(RequestException.Kind.INVALID, "the message is empty");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new RequestException(
                    RequestException.Kind.TOO_LARGE,
                    "the message has " + text.length() + " characters; the host takes at most " + MAX_MESSAGE_CHARS);
        }
        Session session = session(sessionId, caller);
        String turnId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        // Calls left waiting by a turn that ended with the host (a crash) can no longer be approved.
        Session started = session.withPending(List.of()).withMessage(new Session.Message("user", text, Instant.now()));
        Object lock = new Object();
        TurnRunner runner = new TurnRunner(this, turnId, started, text, caller, event -> {
            synchronized (lock) {
                events.accept(event);
            }
        });
        TurnRunner other = running.putIfAbsent(sessionId, runner);
        if (other != null) {
            throw new RequestException(
                    RequestException.Kind.CONFLICT,
                    "session " + sessionId + " is in turn " + other.id() + "; wait for its final event, or cancel it");
        }
        CompletableFuture<TurnEvent.Final> done = new CompletableFuture<>();
        try {
            runner.update(s -> s);
            turns.submit(() -> run(runner, done));
        } catch (RuntimeException e) {
            running.remove(sessionId, runner);
            throw e instanceof SessionException s
                    ? new RequestException(
                            RequestException.Kind.UNAVAILABLE, "the session store failed: " + s.getMessage())
                    : e;
        }
        return new TurnHandle(sessionId, turnId, done, runner::cancel);
    }

    private void run(TurnRunner runner, CompletableFuture<TurnEvent.Final> done) {
        long start = System.nanoTime();
        String sessionId = runner.session().id();
        TurnOutcome outcome;
        try {
            outcome = reasoner.reason(runner);
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError too (a model that failed to load): the turn must still end with its final event.
            LOG.warn("turn {} of session {} failed", runner.id(), sessionId, e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            outcome = new TurnOutcome(
                    "I could not finish: " + why,
                    Optional.of(why),
                    runner.session().context());
        }
        if (runner.cancelled() && outcome.error().isEmpty()) {
            outcome = new TurnOutcome(outcome.answer(), Optional.of("the turn was cancelled"), outcome.context());
        }
        Map<String, String> artifacts =
                new java.util.LinkedHashMap<>(outcome.context().artifacts());
        artifacts.putAll(runner.written());
        Session.Context context = new Session.Context(
                outcome.context().estate(), outcome.context().target(), artifacts);
        Optional<String> error = outcome.error();
        String answer = outcome.answer();
        try {
            runner.finish(
                    s -> s.withContext(context).withMessage(new Session.Message("assistant", answer, Instant.now())));
        } catch (RuntimeException e) {
            LOG.error("turn {}: the session {} could not be saved", runner.id(), sessionId, e);
            error = Optional.of("the answer could not be saved to the session: " + e.getMessage());
        }
        long total = System.nanoTime() - start;
        long overhead = Math.max(0, total - runner.toolNanos() - runner.waitNanos() - runner.modelNanos());
        metrics.turn(runner.cancelled() ? "cancelled" : error.isPresent() ? "failed" : "answered", total, overhead);
        running.remove(sessionId, runner);
        TurnEvent.Final last = new TurnEvent.Final(runner.id(), answer, error);
        // What the turn learned goes to the graph's writer once its answer is out, so the graph's syncs never delay
        // a turn; sealGraph waits for the turns whose final event went out to have queued theirs.
        knowledgePending.incrementAndGet();
        try {
            runner.emit(last);
            done.complete(last);
            if (recorder.isPresent()) {
                runner.knowledge().forEach(this::write);
            }
        } finally {
            if (knowledgePending.decrementAndGet() == 0) {
                synchronized (knowledgePending) {
                    knowledgePending.notifyAll();
                }
            }
        }
    }

    /**
     * Answers a question a turn waits on: a tool approval or a server's elicitation.
     *
     * @throws RequestException NOT_FOUND when the session is unknown or one {@code caller} may not use (see
     *     {@link #session}), or the question is unknown (answered, or its turn ended), FORBIDDEN when a viewer
     *     approves a tool, INVALID when an accepted elicitation's content does not match the schema the server
     *     asked for
     */
    public void resolve(String sessionId, String requestId, Resolution resolution, Caller caller) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(caller, "caller");
        TurnRunner turn = questions.get(requestId);
        if (turn == null || !turn.session().id().equals(sessionId)) {
            session(sessionId, caller);
            throw new RequestException(
                    RequestException.Kind.NOT_FOUND,
                    "no question '" + requestId + "' waits in session " + sessionId
                            + ": it was answered, or its turn ended");
        }
        if (!mayUse(turn.session(), caller)) {
            throw RequestException.unknownSession(sessionId);
        }
        TurnRunner.Waiting question = turn.question(requestId)
                .orElseThrow(() -> new RequestException(
                        RequestException.Kind.NOT_FOUND, "question '" + requestId + "' was answered already"));
        boolean approving = resolution.decision() == Resolution.Decision.APPROVE
                || resolution.decision() == Resolution.Decision.APPROVE_ALWAYS;
        if (question.kind().equals(TurnEvent.ApprovalNeeded.TOOL)
                && approving
                && !caller.role().atLeast(Role.OPERATOR)) {
            throw new RequestException(
                    RequestException.Kind.FORBIDDEN,
                    caller.subject() + " is a " + caller.role().label() + ": approving " + question.tool()
                            + " needs an operator or admin");
        }
        if (question.kind().equals(TurnEvent.ApprovalNeeded.ELICITATION) && approving) {
            question.check(resolution.content());
        } else if (!resolution.content().isEmpty()) {
            throw new RequestException(
                    RequestException.Kind.INVALID,
                    "content answers a server's question that is accepted; '" + requestId + "' is "
                            + (question.kind().equals(TurnEvent.ApprovalNeeded.TOOL) ? "a tool approval" : "declined")
                            + ", so send no content");
        }
        if (!turn.resolve(requestId, resolution, caller.subject())) {
            throw new RequestException(
                    RequestException.Kind.CONFLICT, "question '" + requestId + "' was answered already");
        }
    }

    /**
     * Next things to ask, from the session's context.
     *
     * @throws RequestException NOT_FOUND for an unknown session or one {@code caller} may not use (see
     *     {@link #session})
     */
    public List<String> suggestions(String sessionId, Caller caller) {
        return reasoner.suggestions(session(sessionId, caller));
    }

    /** The tools a caller may call: a viewer sees the read-only ones only. */
    public ToolCatalog catalog(Caller caller) {
        ToolCatalog all = hub.catalog();
        return caller.role().atLeast(Role.OPERATOR) ? all : all.readOnly();
    }

    /** Every server the host knows, enabled ones first, in manifest order. */
    public List<AgentStatus> agents() {
        List<AgentStatus> out = new ArrayList<>();
        Map<String, ServerConnection> live = new java.util.HashMap<>();
        hub.connections().forEach(c -> live.put(c.name(), c));
        Map<String, ServerFailure> failed = new java.util.HashMap<>();
        hub.failures().forEach(f -> failed.put(f.server(), f));
        ToolCatalog catalog = hub.catalog();
        for (ServerManifest m : hub.manifests()) {
            long[] calls = hub.calls(m.name());
            String transport = m.transport() instanceof ServerManifest.Stdio ? "stdio" : "http";
            ServerConnection c = live.get(m.name());
            if (c != null) {
                var info = c.serverInfo();
                out.add(new AgentStatus(
                        m.name(),
                        "connected",
                        transport,
                        catalog.ofServer(m.name()).size(),
                        info == null ? "" : info.name() + " " + info.version(),
                        "",
                        calls[0],
                        calls[1]));
            } else {
                ServerFailure f = failed.get(m.name());
                String why = f == null ? "not connected" : f.message();
                out.add(new AgentStatus(
                        m.name(),
                        why.contains("restart") ? "restarting" : "failed",
                        transport,
                        0,
                        "",
                        why,
                        calls[0],
                        calls[1]));
            }
        }
        for (ServerManifest m : disabled) {
            if (hub.manifests().stream().noneMatch(e -> e.name().equals(m.name()))) {
                out.add(new AgentStatus(
                        m.name(),
                        "disabled",
                        m.transport() instanceof ServerManifest.Stdio ? "stdio" : "http",
                        0,
                        "",
                        "",
                        0,
                        0));
            }
        }
        return out;
    }

    /**
     * One server's status.
     *
     * @throws RequestException NOT_FOUND when the host knows no server of that name
     */
    public AgentStatus agent(String name) {
        return agents().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new RequestException(
                        RequestException.Kind.NOT_FOUND,
                        "no agent '" + name + "'; the agents are "
                                + agents().stream().map(AgentStatus::name).toList()));
    }

    /**
     * Attaches or starts a server (admin only): one the host knows by name (disabled, or failed), or a new one
     * from a manifest entry ({@code {"command": ...}} or {@code {"url": ...}}). A connected server is left as is.
     *
     * @throws RequestException FORBIDDEN for a caller who is not admin, INVALID for a bad entry, NOT_FOUND for an
     *     unknown name with no entry, UNAVAILABLE when the server cannot be started (with why)
     */
    public AgentStatus attach(String name, Optional<String> manifestJson, Caller caller) {
        return attach(name, manifestJson, Optional.empty(), caller);
    }

    /**
     * Attaches or starts a server as {@link #attach(String, Optional, Caller)} does, asked for from a session:
     * a server that was not connected is recorded in the knowledge graph as an {@code agent-change} with who
     * asked and from which session (not its entry, which may hold secrets).
     *
     * @throws RequestException as {@link #attach(String, Optional, Caller)} does, and NOT_FOUND for a session the
     *     caller does not have
     */
    public AgentStatus attach(String name, Optional<String> manifestJson, Optional<String> sessionId, Caller caller) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(manifestJson, "manifestJson");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(caller, "caller");
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new RequestException(
                    RequestException.Kind.FORBIDDEN,
                    caller.subject() + " is a " + caller.role().label() + ": managing agents needs an admin");
        }
        open();
        String session = sessionId
                .filter(id -> !id.isBlank())
                .map(id -> session(id, caller).id())
                .orElse("");
        ServerManifest manifest;
        if (manifestJson.isPresent() && !manifestJson.get().isBlank()) {
            try {
                manifest = loader.orElseGet(() -> ManifestLoader.create(Path.of("")))
                        .parse(name, manifestJson.get());
            } catch (HostException e) {
                throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
            }
        } else {
            manifest = java.util.stream.Stream.concat(hub.manifests().stream(), disabled.stream())
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new RequestException(
                            RequestException.Kind.NOT_FOUND,
                            "no agent '" + name + "' in the manifests; give its manifest entry to attach a new one"));
        }
        boolean connected = hub.connections().stream().anyMatch(c -> c.name().equals(name));
        try {
            hub.attach(manifest);
        } catch (ServerStartException e) {
            throw new RequestException(
                    RequestException.Kind.UNAVAILABLE,
                    "agent '" + name + "' did not start: " + e.failure().message());
        }
        if (!connected) {
            String transport = manifest.transport() instanceof ServerManifest.Http ? "http" : "stdio";
            String change = UUID.randomUUID().toString();
            Instant at = Instant.now();
            LOG.info(
                    "agent {} attached over {} by {}{}",
                    name,
                    transport,
                    caller.subject(),
                    session.isEmpty() ? "" : " from session " + session);
            recorder.ifPresent(r -> write(() -> {
                try {
                    r.agentChange(change, name, transport, caller.subject(), session, at);
                } catch (RuntimeException e) {
                    LOG.warn("agent change {} not recorded in the knowledge graph: {}", name, e.getMessage());
                }
            }));
        }
        return agent(name);
    }

    /** The host's health: {@code ok} when every enabled server is connected. */
    public HostHealth health() {
        List<AgentStatus> agents = agents();
        boolean ok = agents.stream()
                .allMatch(a -> a.state().equals("connected") || a.state().equals("disabled"));
        return new HostHealth(
                closed ? "stopping" : ok ? "ok" : "degraded",
                reasoner.describe(),
                store.describe(),
                graph.map(g -> "local graph, " + g.counts()[0] + " changes, ledger "
                                + g.ledger().getClass().getSimpleName())
                        .orElse("off"),
                Duration.between(started, Instant.now()).toSeconds(),
                agents);
    }

    /** The host's metrics. */
    public HostMetrics metrics() {
        return metrics;
    }

    /** The servers. */
    public ServerHub hub() {
        return hub;
    }

    /** Cancels every turn, then closes the servers, the session store, the graph and the reasoner. */
    @Override
    public void close() {
        closed = true;
        expirer.interrupt();
        running.values().forEach(TurnRunner::cancel);
        turns.shutdown();
        try {
            if (!turns.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                turns.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sealer.interrupt();
        write(STOP);
        try {
            graphWriter.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hub.close();
        store.close();
        seal();
        graph.ifPresent(KnowledgeGraph::close);
        reasoner.close();
    }

    // What the turns use.

    Path artifactsRoot() {
        return artifactsRoot;
    }

    ApprovalPolicy policy() {
        return policy;
    }

    Duration approvalTimeout() {
        return approvalTimeout;
    }

    SessionStore store() {
        return store;
    }

    void waiting(String requestId, TurnRunner turn) {
        questions.put(requestId, turn);
    }

    void answered(String requestId) {
        questions.remove(requestId);
    }

    /**
     * What records a tool call and what it produced in the knowledge graph, to run once the turn's answer is
     * saved; a failure there does not fail the turn.
     */
    Runnable recording(String session, String callId, CatalogTool tool, String arguments, ToolResult result) {
        if (recorder.isEmpty()) {
            return () -> {};
        }
        String argumentsSha256 = sha256(arguments);
        Instant at = Instant.now();
        return () -> recordNow(session, callId, tool, argumentsSha256, result, at);
    }

    private void recordNow(
            String session, String callId, CatalogTool tool, String argumentsSha256, ToolResult result, Instant now) {
        GraphRecorder r = recorder.get();
        if (!result.error() && !result.structured().isEmpty()) {
            try {
                JsonNode doc = JSON.valueToTree(result.structured());
                String tag = "turn:" + callId;
                String own = tool.tool().name();
                if (own.equals("run_checks") && doc.has("estate") && doc.has("findings")) {
                    r.findings(doc, tag, now);
                } else if (own.equals("plan_migration") && doc.has("waves")) {
                    r.plan(doc, tag, now);
                } else if (doc.has("syncTag")
                        && doc.path("resources").isArray()
                        && doc.path("relationships").isArray()) {
                    r.inventory(doc, now);
                } else if (doc.has("syncTag") && doc.path("inventories").isArray()) {
                    // A discovery server's summary: the inventories it names are its resources.
                    for (JsonNode uri : doc.get("inventories")) {
                        String text = hub.readResource(tool.server(), uri.asString(), INVENTORY_READ_TIMEOUT);
                        r.inventory(JSON.readTree(text), now);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "call {} of {}: its results were not recorded in the knowledge graph: {}",
                        callId,
                        tool.name(),
                        e.getMessage());
            }
        }
        try {
            r.toolCall(callId, session, tool.server(), tool.tool().name(), argumentsSha256, List.of(), now);
        } catch (RuntimeException e) {
            LOG.warn("call {} of {}: not recorded in the knowledge graph: {}", callId, tool.name(), e.getMessage());
        }
    }

    /** Logs a decision on an approval or a question, and returns what records it in the knowledge graph. */
    Runnable approvalRecording(String session, String callId, String tool, String decision, String who) {
        LOG.info("session {}: {} {} ({}) by {}", session, decision, tool, callId, who);
        Instant at = Instant.now();
        return () -> recorder.ifPresent(r -> {
            try {
                r.approval(callId + "-" + decision, callId, who, decision, session, at);
            } catch (RuntimeException e) {
                LOG.warn("decision on {} not recorded in the knowledge graph: {}", callId, e.getMessage());
            }
        });
    }

    /**
     * Hands a write to the graph's writer thread, in order. The turn does not wait for the graph's fsync; a full
     * queue (10,000 writes) makes it wait, so a slow disk slows turns rather than losing knowledge.
     */
    private void write(Runnable work) {
        try {
            graphWrites.put(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.run();
        }
    }

    private void writeLoop() {
        while (true) {
            Runnable work;
            try {
                work = graphWrites.take();
            } catch (InterruptedException e) {
                break;
            }
            if (work == STOP) {
                break;
            }
            work.run();
        }
    }

    private static final Runnable STOP = () -> {};

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void open() {
        if (closed) {
            throw new RequestException(RequestException.Kind.UNAVAILABLE, "the host is stopping");
        }
    }

    /**
     * Waits until the graph holds what every turn so far recorded, then seals it and anchors it to the ledger:
     * for auditors' exports and for tests.
     */
    public void sealGraph() {
        if (graph.isEmpty()) {
            return;
        }
        synchronized (knowledgePending) {
            while (knowledgePending.get() > 0) {
                try {
                    knowledgePending.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        write(() -> written.complete(null));
        written.join();
        seal();
    }

    private void sealLoop() {
        try {
            while (!closed) {
                Thread.sleep(SEAL_INTERVAL);
                seal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void seal() {
        graph.ifPresent(g -> {
            try {
                g.flush();
            } catch (RuntimeException e) {
                LOG.warn("the knowledge graph could not seal its changes: {}", e.getMessage());
            }
        });
    }

    private void expireLoop() {
        try {
            while (!closed) {
                Thread.sleep(Duration.ofMinutes(1));
                int removed = store.expire(Instant.now());
                if (removed > 0) {
                    LOG.info("{} expired sessions removed", removed);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("session expiry stopped: {}", e.getMessage());
        }
    }

    /** Builds a {@link Host}. */
    public static final class Builder {
        private final ServerHub hub;
        private final SessionStore store;
        private final Reasoner reasoner;
        private ApprovalPolicy policy = ApprovalPolicy.askAlways();
        private Optional<KnowledgeGraph> graph = Optional.empty();
        private Optional<ManifestLoader> loader = Optional.empty();
        private List<ServerManifest> disabled = List.of();
        private Path artifacts = Path.of(System.getProperty("user.home"), ".sirsi", "artifacts");
        private Duration approvalTimeout = Duration.ofMinutes(10);

        private Builder(ServerHub hub, SessionStore store, Reasoner reasoner) {
            this.hub = Objects.requireNonNull(hub, "hub");
            this.store = Objects.requireNonNull(store, "store");
            this.reasoner = Objects.requireNonNull(reasoner, "reasoner");
        }

        /** Which tools that are not read-only run without asking, or never (default: ask for each). */
        public Builder policy(ApprovalPolicy value) {
            this.policy = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The knowledge graph turns record into (default: none). */
        public Builder graph(KnowledgeGraph value) {
            this.graph = Optional.of(value);
            return this;
        }

        /** How manifests given to {@link Host#attach} are read, and the disabled servers it may start. */
        public Builder manifests(ManifestLoader value, List<ServerManifest> disabledServers) {
            this.loader = Optional.of(value);
            this.disabled = List.copyOf(disabledServers);
            return this;
        }

        /** Where turns write their files, in SESSION/TURN/ (default ~/.sirsi/artifacts). */
        public Builder artifacts(Path value) {
            this.artifacts = Objects.requireNonNull(value, "value");
            return this;
        }

        /** How long a question waits for the user before it is cancelled (default 10 minutes). */
        public Builder approvalTimeout(Duration value) {
            this.approvalTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The host. */
        public Host build() {
            return new Host(this);
        }
    }
}
