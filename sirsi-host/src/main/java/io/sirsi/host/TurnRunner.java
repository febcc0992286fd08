package io.sirsi.host;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.mcp.CallDeniedException;
import io.sirsi.host.mcp.CallObserver;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ToolCallException;
import io.sirsi.host.mcp.ToolCatalog;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.reasoning.Turn;
import io.sirsi.host.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * One turn under way: the {@link Turn} a reasoner sees. It owns its session until the turn ends: it alone
 * saves it, so approvals, pending calls and the history never race. Calls that are not read-only wait here
 * for the user's decision; servers' questions wait here for the user's answer.
 */
final class TurnRunner implements Turn {
    private static final int SUMMARY_LIMIT = 2_000;

    private final Host host;
    private final String id;
    private final String message;
    private final Caller caller;
    private final Consumer<TurnEvent> events;
    private final Path artifacts;
    private final Map<String, String> written = new LinkedHashMap<>();
    // Graph writes of this turn, made once its answer is saved and sent (elicitations add from other threads).
    private final List<Runnable> knowledge = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Waiting> waiting = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Session session;
    private volatile boolean cancelled;
    private volatile boolean closed;

    /** Orders the session's changes; {@link #finished} once the turn's last save is made. */
    private final Object saving = new Object();

    private boolean finished;
    private long toolNanos;
    private long waitNanos;
    private long modelNanos;

    /** Completed when the turn is cancelled: a tool call in flight then ends at once. */
    private final CompletableFuture<String> stopCalls = new CompletableFuture<>();

    /** A question waiting for the user: what it is, the schema an answer must match, and the answer. */
    record Waiting(String kind, String tool, String schema, CompletableFuture<Answer> answer) {
        /**
         * Checks an elicitation's answer against the schema the server asked for.
         *
         * @throws RequestException INVALID naming the first problems
         */
        void check(Map<String, Object> content) {
            if (schema.equals("{}")) {
                return;
            }
            var errors = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                            com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                    .getSchema(schema)
                    .validate(Host.json(content), com.networknt.schema.InputFormat.JSON);
            if (!errors.isEmpty()) {
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "the answer does not match what " + tool
                                + " asked for: "
                                + String.join(
                                        "; ",
                                        errors.stream()
                                                .limit(5)
                                                .map(e -> {
                                                    String at = e.getInstanceLocation()
                                                            .toString();
                                                    return (at.isEmpty() ? "" : at + ": ") + e.getMessage();
                                                })
                                                .toList()));
            }
        }
    }

    /** The user's answer and who gave it. */
    record Answer(Resolution resolution, String who) {}

    TurnRunner(Host host, String id, Session session, String message, Caller caller, Consumer<TurnEvent> events) {
        this.host = host;
        this.id = id;
        this.session = session;
        this.message = message;
        this.caller = caller;
        this.events = events;
        this.artifacts = host.artifactsRoot().resolve(session.id()).resolve(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public ToolCatalog catalog() {
        ToolCatalog all = host.hub().catalog();
        return caller.role().atLeast(Role.OPERATOR) ? all : all.readOnly();
    }

    @Override
    public ToolResult call(String name, Map<String, Object> arguments) {
        if (cancelled) {
            throw new ToolCallException(name + " was not called: the turn was cancelled");
        }
        CatalogTool tool = host.hub()
                .catalog()
                .find(name)
                .orElseThrow(() -> new ToolCallException("no tool " + name + " among the connected servers"));
        String callId = "call-" + UUID.randomUUID().toString().substring(0, 8);
        String json = Host.json(arguments);
        if (!tool.readOnly()) {
            try {
                approve(tool, callId, json);
            } catch (CallDeniedException e) {
                host.metrics().toolCall(tool.server(), "denied", 0);
                emit(new TurnEvent.ToolResultEvent(callId, name, "denied", e.getMessage(), 0));
                throw e;
            }
        }
        emit(new TurnEvent.ToolCallStarted(callId, name, json));
        long start = System.nanoTime();
        long waitedBefore = waitNanos;
        ToolResult result;
        try {
            result = host.hub().invoke(name, arguments, observer(callId, name));
        } catch (ToolCallException e) {
            long nanos = System.nanoTime() - start - (waitNanos - waitedBefore);
            toolNanos += nanos;
            host.metrics().toolCall(tool.server(), "failed", nanos);
            emit(new TurnEvent.ToolResultEvent(callId, name, "failed", cut(e.getMessage()), nanos / 1_000_000));
            throw e;
        }
        long nanos = System.nanoTime() - start - (waitNanos - waitedBefore);
        toolNanos += nanos;
        String status = result.error() ? "error" : "ok";
        host.metrics().toolCall(tool.server(), status, nanos);
        emit(new TurnEvent.ToolResultEvent(callId, name, status, cut(summary(result)), nanos / 1_000_000));
        knowledge.add(host.recording(session.id(), callId, tool, json, result));
        return result;
    }

    /** Waits for the policy's or the user's approval of a call; returns when it may run. */
    private void approve(CatalogTool tool, String callId, String json) {
        String name = tool.name();
        if (!caller.role().atLeast(Role.OPERATOR)) {
            decided(callId, name, "denied-role", caller.subject());
            throw new CallDeniedException(name + " is not read-only, and " + caller.subject() + " is a "
                    + caller.role().label() + ": only an operator or admin may run it; it was not run");
        }
        switch (host.policy().verdict(name)) {
            case DENY -> {
                decided(callId, name, "denied-policy", "policy");
                throw new CallDeniedException(name + " is forbidden by the approval policy ("
                        + host.policy().describe() + "); it was not run");
            }
            case ALLOW -> {
                decided(callId, name, "allowed-policy", "policy");
                return;
            }
            case ASK -> {}
        }
        if (session.approvals().stream()
                .anyMatch(glob ->
                        io.sirsi.host.mcp.ToolFilter.glob(glob).matcher(name).matches())) {
            decided(callId, name, "approved-always", caller.subject());
            return;
        }
        String requestId = "approval-" + UUID.randomUUID().toString().substring(0, 8);
        Session.PendingCall asked = new Session.PendingCall(requestId, name, json, Instant.now());
        update(s -> s.withPending(with(s.pending(), asked)));
        String why = name + " is not read-only"
                + (Boolean.TRUE.equals(
                                tool.tool().annotations() == null
                                        ? null
                                        : tool.tool().annotations().destructiveHint())
                        ? " and may be destructive"
                        : "")
                + ": approve once, approve always for this session, or deny";
        Answer given = ask(
                requestId,
                new TurnEvent.ApprovalNeeded(requestId, TurnEvent.ApprovalNeeded.TOOL, name, json, why, "{}"));
        Resolution answer = given.resolution();
        update(s -> {
            Session changed = s.withPending(without(s.pending(), requestId));
            if (answer.decision() == Resolution.Decision.APPROVE_ALWAYS) {
                changed = changed.withApproval(name);
            }
            return changed.withMessage(new Session.Message(
                    "approval", answer.decision().label() + " " + name + " (" + requestId + ")", Instant.now()));
        });
        decided(callId, name, answer.decision().label(), given.who());
        host.metrics().approval(TurnEvent.ApprovalNeeded.TOOL, answer.decision().label());
        if (answer.decision() == Resolution.Decision.DENY || answer.decision() == Resolution.Decision.CANCEL) {
            throw new CallDeniedException(name + " was "
                    + (answer.decision() == Resolution.Decision.DENY ? "denied" : "cancelled")
                    + " by " + given.who() + "; it was not run");
        }
    }

    private void decided(String callId, String tool, String decision, String who) {
        knowledge.add(host.approvalRecording(session.id(), callId, tool, decision, who));
    }

    /** Sends a question to the client and waits for its answer, the turn's cancellation, or the timeout. */
    private Answer ask(String requestId, TurnEvent.ApprovalNeeded question) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(requestId, new Waiting(question.kind(), question.tool(), question.schema(), answer));
        host.waiting(requestId, this);
        long start = System.nanoTime();
        try {
            emit(question);
            if (cancelled) {
                return new Answer(Resolution.of(Resolution.Decision.CANCEL), "the turn's cancellation");
            }
            return answer.get(host.approvalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Answer(
                    Resolution.of(Resolution.Decision.CANCEL),
                    "no answer within " + host.approvalTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Resolution.of(Resolution.Decision.CANCEL), "the host stopping");
        } catch (ExecutionException e) {
            return new Answer(Resolution.of(Resolution.Decision.CANCEL), "an error");
        } finally {
            waitNanos += System.nanoTime() - start;
            waiting.remove(requestId);
            host.answered(requestId);
        }
    }

    /** Answers a waiting question; false when it is not this turn's or was answered already. */
    boolean resolve(String requestId, Resolution resolution, String who) {
        Waiting w = waiting.get(requestId);
        return w != null && w.answer().complete(new Answer(resolution, who));
    }

    /** What kind of question {@code requestId} is, when this turn waits on it. */
    java.util.Optional<Waiting> question(String requestId) {
        return java.util.Optional.ofNullable(waiting.get(requestId));
    }

    private CallObserver observer(String callId, String tool) {
        return new CallObserver() {
            @Override
            public void progress(McpSchema.ProgressNotification n) {
                emit(new TurnEvent.Progress(
                        callId,
                        n.progress() == null ? 0 : n.progress(),
                        n.total() == null ? 0 : n.total(),
                        n.message() == null ? "" : n.message()));
            }

            @Override
            public McpSchema.ElicitResult elicit(String server, McpSchema.ElicitFormRequest request) {
                return relay(tool, request);
            }

            @Override
            public Mono<String> cancelled() {
                // Not cancelled when this call's wait ends: the next call of the turn watches it too.
                return Mono.fromFuture(stopCalls, true);
            }
        };
    }

    /** Relays a server's question to the user and its answer back, recording the decision. */
    private McpSchema.ElicitResult relay(String tool, McpSchema.ElicitFormRequest request) {
        String requestId = "elicitation-" + UUID.randomUUID().toString().substring(0, 8);
        String schema = request.requestedSchema() == null ? "{}" : Host.json(request.requestedSchema());
        Session.PendingCall asked = new Session.PendingCall(
                requestId,
                tool,
                "{}",
                Instant.now(),
                Session.PendingCall.ELICITATION,
                request.message() == null ? "" : request.message(),
                schema);
        update(s -> s.withPending(with(s.pending(), asked)));
        Answer given = ask(
                requestId,
                new TurnEvent.ApprovalNeeded(
                        requestId, TurnEvent.ApprovalNeeded.ELICITATION, tool, "{}", request.message(), schema));
        Resolution answer = given.resolution();
        String decision =
                switch (answer.decision()) {
                    case APPROVE, APPROVE_ALWAYS -> "accept";
                    case DENY -> "decline";
                    case CANCEL -> "cancel";
                };
        update(s -> s.withPending(without(s.pending(), requestId))
                .withMessage(new Session.Message(
                        "approval", decision + " the question of " + tool + " (" + requestId + ")", Instant.now())));
        decided(requestId, tool, decision, given.who());
        host.metrics().approval(TurnEvent.ApprovalNeeded.ELICITATION, decision);
        return switch (decision) {
            case "accept" -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, answer.content());
            case "decline" -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
            default -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
        };
    }

    @Override
    public void say(String text) {
        emit(new TurnEvent.Text(text));
    }

    @Override
    public Path artifacts() {
        // Not created here: a turn that writes nothing makes no folder (a mkdir can wait behind the disk's syncs).
        return artifacts;
    }

    @Override
    public void artifact(String name, Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            bytes = -1;
        }
        written.put(name, file.toString());
        emit(new TurnEvent.Artifact(name, file.toString(), bytes));
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** Cancels the turn: its waiting questions are answered with cancel, and it stops at its next step. */
    void cancel() {
        cancelled = true;
        stopCalls.complete("the call was cancelled with its turn");
        waiting.values().forEach(w -> w.answer()
                .complete(new Answer(Resolution.of(Resolution.Decision.CANCEL), "cancellation")));
    }

    List<Runnable> knowledge() {
        synchronized (knowledge) {
            return List.copyOf(knowledge);
        }
    }

    Map<String, String> written() {
        return written;
    }

    long toolNanos() {
        return toolNanos;
    }

    long waitNanos() {
        return waitNanos;
    }

    @Override
    public void modelNanos(long nanos) {
        modelNanos += nanos;
    }

    long modelNanos() {
        return modelNanos;
    }

    /**
     * Changes the session and saves it. Changes come from the turn's thread and from the threads that relay
     * servers' questions; they apply one at a time, each to the latest session, and none after the turn's last
     * save ({@link #finish}).
     */
    void update(UnaryOperator<Session> change) {
        synchronized (saving) {
            if (finished) {
                return;
            }
            Session changed = change.apply(session);
            session = changed;
            if (!closed) {
                host.store().save(changed);
            }
        }
    }

    /**
     * The turn's last save: questions still open are cancelled first (their relays then change nothing), and
     * nothing waits any more, so the saved session has no pending calls.
     */
    void finish(UnaryOperator<Session> change) {
        waiting.values().forEach(w -> w.answer()
                .complete(new Answer(Resolution.of(Resolution.Decision.CANCEL), "the turn's end")));
        synchronized (saving) {
            try {
                update(s -> change.apply(s.withPending(List.of())));
            } finally {
                finished = true;
            }
        }
    }

    private static List<Session.PendingCall> with(List<Session.PendingCall> pending, Session.PendingCall added) {
        List<Session.PendingCall> all = new ArrayList<>(pending);
        all.add(added);
        return all;
    }

    private static List<Session.PendingCall> without(List<Session.PendingCall> pending, String requestId) {
        return pending.stream().filter(p -> !p.id().equals(requestId)).toList();
    }

    /** The session was closed during the turn: the turn stops, and saves nothing more that would revive it. */
    void sessionClosed() {
        closed = true;
        cancel();
    }

    void emit(TurnEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            // A client that went away does not stop the turn: its session still gets the answer.
            Host.LOG.debug("turn {}: the client did not take {}: {}", id, event.type(), e.toString());
        }
    }

    private static String summary(ToolResult result) {
        return result.text().isEmpty() ? Host.json(result.structured()) : result.text();
    }

    private static String cut(String s) {
        return s.length() <= SUMMARY_LIMIT ? s : s.substring(0, SUMMARY_LIMIT) + " [cut]";
    }
}
