package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One call of a tool, as its handler sees it: the validated arguments and what the handler may do
 * while it runs (report progress, log to the client, ask the client's model or user, notice
 * cancellation).
 */
public interface ToolCall {
    /** The name of the tool being called. */
    String toolName();

    /** The arguments, already validated against the tool's {@code inputSchema}; never null. */
    JsonNode arguments();

    /** The arguments bound to a record or class; unknown fields are ignored. */
    <T> T arguments(Class<T> type);

    /** A string argument, if present. */
    default Optional<String> string(String name) {
        JsonNode node = arguments().get(name);
        return node != null && node.isString() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    /** Reports progress if the client asked for it; values that do not increase are dropped. */
    void progress(double progress, double total, String message);

    /** Reports progress without a known total. */
    void progress(double progress, String message);

    /** Sends a log message to the client, if its level passes the client's {@code logging/setLevel}. */
    void log(McpSchema.LoggingLevel level, Object data);

    /** Whether the client cancelled this call. */
    boolean isCancelled();

    /** Throws {@link CancelledException} if the client cancelled this call. */
    void checkCancelled();

    /** Asks the client's model, through MCP sampling; throws {@link ToolException} if unsupported. */
    McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request);

    /** Asks the client's user, through MCP elicitation; throws {@link ToolException} if unsupported. */
    McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request);

    /**
     * Over HTTP, ends this call's SSE response early while the call goes on (SSE polling, SEP-1699):
     * the client reconnects with {@code Last-Event-ID} and receives the rest. Does nothing over stdio.
     */
    void releaseStream();

    /** What the client declared it can do. */
    McpSchema.ClientCapabilities clientCapabilities();

    /** The protocol version negotiated with this client. */
    String protocolVersion();
}
