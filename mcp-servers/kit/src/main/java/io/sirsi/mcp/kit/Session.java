package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** What the server knows of one connected client: its handshake, its level, its calls in flight. */
final class Session {
    /** A request being handled, so that the client can cancel it. */
    static final class InFlight {
        final String method;
        private Thread thread;
        volatile boolean cancelled;
        volatile String reason;
        private boolean done;

        /** A request registered as soon as it is read, before any thread runs it. */
        InFlight(String method) {
            this.method = method;
        }

        /** The thread that runs the call from now on; false if the call was cancelled before it started. */
        synchronized boolean start(Thread runner) {
            this.thread = runner;
            return !cancelled;
        }

        synchronized void cancel(String why) {
            if (done) {
                return;
            }
            reason = why;
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        /** Marks the call finished; an interrupt meant for it must not reach the thread's next work. */
        synchronized void finish() {
            done = true;
            if (Thread.currentThread() == thread) {
                Thread.interrupted();
            }
        }
    }

    private final String id;
    private final Outbound standalone;
    private final AtomicLong outboundIds = new AtomicLong();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaiting = new ConcurrentHashMap<>();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

    private volatile boolean initializeAnswered;
    private volatile String protocolVersion;
    private volatile JsonNode clientCapabilities = Json.object();
    private volatile JsonNode clientInfo = Json.object();
    private volatile McpSchema.LoggingLevel minLevel = McpSchema.LoggingLevel.INFO;
    private volatile boolean closed;

    /**
     * @param id the session id (the {@code Mcp-Session-Id} over HTTP)
     * @param standalone where messages unrelated to a request go (stdout, or the GET stream)
     */
    Session(String id, Outbound standalone) {
        this.id = id;
        this.standalone = standalone;
    }

    String id() {
        return id;
    }

    Outbound standalone() {
        return standalone;
    }

    boolean initialized() {
        return initializeAnswered;
    }

    /**
     * Records the handshake. The client's capabilities stay JSON until someone asks for them as records:
     * binding them at initialize would slow every server's start for a rarely used value.
     */
    void initialized(String version, JsonNode capabilities, JsonNode info) {
        this.protocolVersion = version;
        this.clientCapabilities = capabilities;
        this.clientInfo = info;
        this.initializeAnswered = true;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    /** The client's capabilities as it sent them. */
    JsonNode clientCapabilities() {
        return clientCapabilities;
    }

    /** The client's name and version as it sent them. */
    JsonNode clientInfo() {
        return clientInfo;
    }

    McpSchema.LoggingLevel minLevel() {
        return minLevel;
    }

    void minLevel(McpSchema.LoggingLevel level) {
        this.minLevel = level;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    /** Registers a request; false if a request with the same id is still in flight. */
    boolean begin(String key, InFlight call) {
        return inFlight.putIfAbsent(key, call) == null;
    }

    void end(String key, InFlight call) {
        call.finish();
        inFlight.remove(key, call);
    }

    void cancel(String key, String reason) {
        InFlight call = inFlight.get(key);
        if (call != null && !"initialize".equals(call.method)) {
            call.cancel(reason);
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Sends a request to the client on {@code out} and waits for its answer.
     *
     * @throws ToolException if the client answers with an error, does not answer in time, or the
     *     session closes
     */
    JsonNode request(String method, Object params, Outbound out, Duration timeout, InFlight caller) {
        String requestId = "sirsi-" + outboundIds.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        awaiting.put(requestId, answer);
        try {
            out.send(new Wire.Request(requestId, method, params));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ToolException("The client did not answer " + method + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (caller != null && caller.cancelled) {
                throw new CancelledException(caller.reason);
            }
            throw new ToolException("Interrupted while waiting for the client to answer " + method);
        } catch (ExecutionException e) {
            throw new ToolException(e.getCause().getMessage(), e.getCause());
        } finally {
            awaiting.remove(requestId);
        }
    }

    /** Routes a client's response to the request that waits for it; false if none does. */
    boolean answer(JsonNode id, JsonNode result, JsonNode error) {
        String key = id.isString() ? id.stringValue() : id.toString();
        CompletableFuture<JsonNode> waiting = awaiting.get(key);
        if (waiting == null) {
            return false;
        }
        if (error != null) {
            String message = error.path("message").asString("the client answered with an error");
            waiting.completeExceptionally(new ToolException("The client refused: " + message));
        } else {
            waiting.complete(result);
        }
        return true;
    }

    boolean closed() {
        return closed;
    }

    /** Ends the session: cancels its calls and fails whatever waits on the client. */
    void close(String reason) {
        closed = true;
        inFlight.values().forEach(c -> c.cancel(reason));
        awaiting.values().forEach(f -> f.completeExceptionally(new ToolException("The session ended: " + reason)));
    }
}
