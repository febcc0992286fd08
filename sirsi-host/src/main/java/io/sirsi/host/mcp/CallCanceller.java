package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.Map;
import java.util.Optional;

/** A transport that can tell its server to stop a tool call it sent, named by the call's progress token. */
interface CallCanceller {
    /**
     * Sends {@code notifications/cancelled} for the tool call sent with this progress token, if it was sent.
     *
     * @return whether a call was found to cancel
     */
    boolean cancel(Object progressToken, String reason);

    /** Forgets the call of this progress token once it ended. */
    void forget(Object progressToken);

    /** The progress token of a {@code tools/call} request that carries one. */
    static Optional<Object> progressToken(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                && request.params() instanceof McpSchema.CallToolRequest call
                && call.meta() != null) {
            return Optional.ofNullable(call.meta().get("progressToken"));
        }
        return Optional.empty();
    }

    /** The notification that cancels request {@code id}. */
    static McpSchema.JSONRPCNotification cancelled(Object id, String reason) {
        return new McpSchema.JSONRPCNotification(
                McpSchema.JSONRPC_VERSION, "notifications/cancelled", Map.of("requestId", id, "reason", reason));
    }
}
