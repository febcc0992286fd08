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
 * offers no way to cancel a request; the host wraps its Streamable HTTP transport in this one (its stdio one,
 * {@link ChildProcessTransport}, does the same itself).
 */
final class CancellingTransport implements McpClientTransport, CallCanceller {
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
        CallCanceller.progressToken(message)
                .ifPresent(token -> callsByProgressToken.put(token, ((McpSchema.JSONRPCRequest) message).id()));
        return delegate.sendMessage(message);
    }

    @Override
    public boolean cancel(Object progressToken, String reason) {
        Object id = callsByProgressToken.remove(progressToken);
        if (id == null) {
            return false;
        }
        delegate.sendMessage(CallCanceller.cancelled(id, reason))
                .onErrorComplete()
                .subscribe();
        return true;
    }

    @Override
    public void forget(Object progressToken) {
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
