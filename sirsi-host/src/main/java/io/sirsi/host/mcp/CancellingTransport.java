package io.sirsi.host.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that can cancel a tool call it sent: it remembers the JSON-RPC id of each {@code tools/call}
 * sent with a progress token, and sends {@code notifications/cancelled} for it on request. The SDK's client
 * offers no way to cancel a request; the host wraps each server's transport, stdio or Streamable HTTP, in this.
 */
final class CancellingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final Map<Object, Object> callsByProgressToken = new ConcurrentHashMap<>();

    CancellingTransport(McpClientTransport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                && request.params() instanceof McpSchema.CallToolRequest call
                && call.meta() != null
                && call.meta().get("progressToken") != null) {
            callsByProgressToken.put(call.meta().get("progressToken"), request.id());
        }
        return delegate.sendMessage(message);
    }

    /**
     * Sends {@code notifications/cancelled} for the tool call sent with this progress token, if it was sent.
     *
     * @return whether a call was found to cancel
     */
    boolean cancel(Object progressToken, String reason) {
        Object id = callsByProgressToken.remove(progressToken);
        if (id == null) {
            return false;
        }
        delegate.sendMessage(new McpSchema.JSONRPCNotification(
                        McpSchema.JSONRPC_VERSION,
                        "notifications/cancelled",
                        Map.of("requestId", id, "reason", reason)))
                .onErrorComplete()
                .subscribe();
        return true;
    }

    /** Forgets the call of this progress token once it ended. */
    void forget(Object progressToken) {
        callsByProgressToken.remove(progressToken);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }
}
