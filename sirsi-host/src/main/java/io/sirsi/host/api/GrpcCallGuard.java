package io.sirsi.host.api;

import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.helidon.http.HeaderNames;
import io.helidon.http.http2.Http2Headers;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.RequestException;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every gRPC call passes before it reaches {@link GrpcAgentService}: the {@code authorization} metadata,
 * checked by {@link Authentication}, whose {@link Caller} the call then carries in its {@link Context}; and the
 * size of its request, at most {@link HostServer#MAX_MESSAGE_BYTES}. A refused call is closed with its status
 * and counted in the host's metrics.
 *
 * <p>It also makes up for three gaps of Helidon 4.2.3's gRPC server (the pinned version): it has no inbound
 * message limit, so the request is measured once parsed; it gives each header's name as its value in the call's
 * {@link Metadata} (helidon-io/helidon#10295), so the {@code authorization} header is read from the HTTP/2
 * request while the metadata shows that defect; and it closes a call that sent no headers without the
 * {@code :status} that a trailers-only response needs (grpc-java clients then report INTERNAL "Missing HTTP
 * status code"), so headers are sent before any such close.
 */
final class GrpcCallGuard implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcCallGuard.class);

    /** The caller of the current call, set for the service's methods. */
    static final Context.Key<Caller> CALLER = Context.key("sirsi-caller");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Host host;
    private final Authentication auth;

    GrpcCallGuard(Host host, Authentication auth) {
        this.host = Objects.requireNonNull(host, "host");
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ServerCall<Q, R> headed = new HeadersFirst<>(call);
        Caller caller;
        try {
            caller = auth.authenticate(HostServer.header(authorization(call, headers)));
        } catch (RuntimeException e) {
            refuse(headed, e);
            return new ServerCall.Listener<>() {};
        }
        Context context = Context.current().withValue(CALLER, caller);
        return new SizeLimit<>(headed, Contexts.interceptCall(context, headed, headers, next));
    }

    /** The {@code authorization} header of a call. */
    private static Optional<String> authorization(ServerCall<?, ?> call, Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || !value.equalsIgnoreCase(AUTHORIZATION.name())) {
            return Optional.ofNullable(value);
        }
        // helidon-io/helidon#10295: the metadata holds the header's name (in any case). Its value is in the HTTP/2
        // request, which Helidon's call keeps in its handler; should that not be found, the call has no credentials.
        try {
            Field outer = call.getClass().getDeclaredField("this$0");
            outer.setAccessible(true);
            Object handler = outer.get(call);
            Field request = handler.getClass().getDeclaredField("headers");
            request.setAccessible(true);
            return ((Http2Headers) request.get(handler)).httpHeaders().first(HeaderNames.AUTHORIZATION);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("the authorization header of a gRPC call could not be read: {}", e.toString());
            return Optional.empty();
        }
    }

    private void refuse(ServerCall<?, ?> call, RuntimeException e) {
        if (e instanceof RequestException r) {
            host.metrics().refused("grpc", r.kind().code());
        }
        call.close(GrpcAgentService.status(call.getMethodDescriptor().getBareMethodName(), e), new Metadata());
    }

    /** Sends the response headers before a close that would otherwise go without them. */
    private static final class HeadersFirst<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private volatile boolean headersSent;

        HeadersFirst(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!headersSent) {
                sendHeaders(new Metadata());
            }
            super.close(status, trailers);
        }
    }

    /** Passes requests of at most the limit on; closes the call on a larger one and drops what follows. */
    private final class SizeLimit<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, ?> call;
        private boolean refused;

        SizeLimit(ServerCall<Q, ?> call, ServerCall.Listener<Q> next) {
            super(next);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            if (refused) {
                return;
            }
            int size = message instanceof MessageLite m ? m.getSerializedSize() : 0;
            if (size > HostServer.MAX_MESSAGE_BYTES) {
                refused = true;
                refuse(
                        call,
                        new RequestException(
                                RequestException.Kind.TOO_LARGE,
                                "the request has " + size + " bytes; the host takes at most "
                                        + HostServer.MAX_MESSAGE_BYTES + " (256 KiB)"));
                return;
            }
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }
    }
}
