package io.sirsi.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What both transports share: ids, pending requests, notification routing, and shape checks. */
abstract class BaseConnection implements McpConnection {
    /** A request in flight, and the notifications received while it was. */
    static final class Pending {
        final CompletableFuture<Exchange> future = new CompletableFuture<>();
        final List<JsonNode> notifications = Collections.synchronizedList(new ArrayList<>());
    }

    private final AtomicLong ids = new AtomicLong(100);
    private final AtomicInteger received = new AtomicInteger();
    protected final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> unaddressed = new CopyOnWriteArrayList<>();

    @Override
    public long nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public Exchange request(String method, JsonNode params, Duration timeout) {
        ObjectNode message = Wire.request(nextId(), method, params);
        return await(send(message), timeout, method);
    }

    static Exchange await(CompletableFuture<Exchange> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConformanceException("no answer to " + what + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ConformanceException c
                    ? c
                    : new ConformanceException(what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConformanceException("interrupted while waiting for " + what);
        }
    }

    @Override
    public void onNotification(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    @Override
    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public int messagesReceived() {
        return received.get();
    }

    @Override
    public List<JsonNode> unaddressedErrors() {
        return List.copyOf(unaddressed);
    }

    protected void violation(String what) {
        violations.add(what);
    }

    static String key(JsonNode id) {
        return id == null ? "null" : id.isString() ? "s:" + id.stringValue() : "n:" + id.asString();
    }

    protected Pending register(ObjectNode request) {
        var p = new Pending();
        pending.put(key(request.get("id")), p);
        return p;
    }

    /**
     * Routes one message from the server. Notifications go to the listeners and to {@code scope} (the
     * request whose stream carried them) or, without a scope, to every pending request.
     */
    protected void deliver(JsonNode message, Pending scope) {
        received.incrementAndGet();
        for (String problem : Wire.violations(message)) {
            violation(problem + " in " + Wire.brief(message));
        }
        if (message.has("method") && message.has("id")) {
            answerServerRequest(message);
            return;
        }
        if (message.has("method")) {
            if (scope != null) {
                scope.notifications.add(message);
            } else {
                pending.values().forEach(p -> p.notifications.add(message));
            }
            listeners.forEach(l -> l.accept(message));
            return;
        }
        if (message.path("id").isNull() && message.has("error")) {
            unaddressed.add(message);
            return;
        }
        Pending p = pending.remove(key(message.get("id")));
        if (p == null) {
            violation("a response to no pending request: " + Wire.brief(message));
            return;
        }
        p.future.complete(new Exchange(message, p.notifications));
    }

    /** The conformance client declares no capabilities, so it refuses server requests politely. */
    private void answerServerRequest(JsonNode request) {
        ObjectNode error = Wire.object().put("jsonrpc", "2.0");
        error.set("id", request.get("id"));
        error.set(
                "error",
                Wire.object()
                        .put("code", -32601)
                        .put(
                                "message",
                                "The conformance client does not support "
                                        + request.path("method").asString("")));
        sendReply(error);
    }

    /** Sends a response to a server request. */
    protected abstract void sendReply(ObjectNode response);

    protected void failAll(String why) {
        pending.values().forEach(p -> p.future.completeExceptionally(new ConformanceException(why)));
        pending.clear();
    }
}
