package io.sirsi.conformance;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A raw JSON-RPC connection to one MCP server session, over stdio or Streamable HTTP. */
public interface McpConnection extends AutoCloseable {
    /** The default time a check waits for an answer. */
    Duration TIMEOUT = Duration.ofSeconds(15);

    /** Sends {@code initialize} and, if it succeeded, {@code notifications/initialized}. */
    Exchange initialize(String protocolVersion);

    /** Sends a request with a fresh id and waits for its response. */
    default Exchange request(String method, JsonNode params) {
        return request(method, params, TIMEOUT);
    }

    /** Sends a request with a fresh id and waits up to {@code timeout} for its response. */
    Exchange request(String method, JsonNode params, Duration timeout);

    /** Sends a complete request message (its id is the caller's) and returns its pending response. */
    CompletableFuture<Exchange> send(ObjectNode request);

    /** Sends a notification. */
    void notify(String method, JsonNode params);

    /** Registers a listener for every notification from the server, as it arrives. */
    void onNotification(Consumer<JsonNode> listener);

    /** A fresh request id, unique on this connection. */
    long nextId();

    /** Every message received that breaks JSON-RPC, or transport-level faults, described. */
    List<String> violations();

    /** Error responses with a null id: answers to messages the server could not read. */
    List<JsonNode> unaddressedErrors();

    /** The number of JSON-RPC messages received so far. */
    int messagesReceived();

    @Override
    void close();
}
