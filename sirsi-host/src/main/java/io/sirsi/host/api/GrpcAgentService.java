package io.sirsi.host.api;

import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.helidon.webserver.grpc.GrpcRouting;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.RequestException;
import io.sirsi.host.Resolution;
import io.sirsi.host.TurnEvent;
import io.sirsi.host.TurnHandle;
import io.sirsi.proto.agent.v1.AgentServiceGrpc;
import io.sirsi.proto.agent.v1.AgentStatus;
import io.sirsi.proto.agent.v1.CancelTurnRequest;
import io.sirsi.proto.agent.v1.CancelTurnResponse;
import io.sirsi.proto.agent.v1.CloseSessionRequest;
import io.sirsi.proto.agent.v1.CloseSessionResponse;
import io.sirsi.proto.agent.v1.CreateAgentRequest;
import io.sirsi.proto.agent.v1.CreateSessionRequest;
import io.sirsi.proto.agent.v1.GetAgentStatusRequest;
import io.sirsi.proto.agent.v1.GetSessionRequest;
import io.sirsi.proto.agent.v1.GetSuggestionsRequest;
import io.sirsi.proto.agent.v1.GetSystemHealthRequest;
import io.sirsi.proto.agent.v1.ListAgentsRequest;
import io.sirsi.proto.agent.v1.ListAgentsResponse;
import io.sirsi.proto.agent.v1.ListSessionsRequest;
import io.sirsi.proto.agent.v1.ListSessionsResponse;
import io.sirsi.proto.agent.v1.ListToolsRequest;
import io.sirsi.proto.agent.v1.ListToolsResponse;
import io.sirsi.proto.agent.v1.ResolveApprovalRequest;
import io.sirsi.proto.agent.v1.ResolveApprovalResponse;
import io.sirsi.proto.agent.v1.SendMessageRequest;
import io.sirsi.proto.agent.v1.Session;
import io.sirsi.proto.agent.v1.Suggestions;
import io.sirsi.proto.agent.v1.SystemHealth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code sirsi.agent.v1.AgentService} over a {@link Host}: each RPC is one call of the host, as the caller that
 * {@link GrpcCallGuard} authenticated. A turn streams its events as they happen and the stream ends after the
 * final one; a client that cancels the call cancels the turn. Errors are mapped once, in {@link #status}.
 */
public final class GrpcAgentService extends AgentServiceGrpc.AgentServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcAgentService.class);

    private final Host host;

    GrpcAgentService(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The gRPC routing of the service for {@code host}, its calls authenticated by {@code auth}. */
    public static GrpcRouting.Builder routing(Host host, Authentication auth) {
        return GrpcRouting.builder()
                .service(ServerInterceptors.intercept(new GrpcAgentService(host), new GrpcCallGuard(host, auth)));
    }

    @Override
    public void createSession(CreateSessionRequest request, StreamObserver<Session> out) {
        unary("CreateSession", out, () -> GrpcMessages.session(host.createSession(caller())));
    }

    @Override
    public void createAgent(CreateAgentRequest request, StreamObserver<AgentStatus> out) {
        unary("CreateAgent", out, () -> {
            String name = required(request.getName(), "name");
            Optional<String> manifest = Optional.of(request.getManifestJson()).filter(m -> !m.isBlank());
            Optional<String> session = Optional.of(request.getSessionId()).filter(id -> !id.isBlank());
            return GrpcMessages.agent(host.attach(name, manifest, session, caller()));
        });
    }

    @Override
    public void sendMessage(SendMessageRequest request, StreamObserver<io.sirsi.proto.agent.v1.TurnEvent> out) {
        var call = (ServerCallStreamObserver<io.sirsi.proto.agent.v1.TurnEvent>) out;
        CompletableFuture<TurnHandle> turn = new CompletableFuture<>();
        AtomicBoolean over = new AtomicBoolean();
        // A client that cancels ends the turn. Servers report that as the call's cancellation (grpc-java, newer
        // Helidon) or, in Helidon 4.2.3's gRPC handler, as its completion; Helidon 4.2.3's HTTP/2 stream does not
        // pass a client's RST_STREAM on at all, so there the turn runs to its end. After the final event, neither
        // handler does anything.
        Runnable gone = () -> {
            if (over.compareAndSet(false, true)) {
                turn.thenAccept(TurnHandle::cancel);
            }
        };
        call.setOnCancelHandler(gone);
        call.setOnCloseHandler(gone);
        try {
            String sessionId = required(request.getSessionId(), "session_id");
            // Events may come before send returns; the turn's id comes with its handle.
            turn.complete(host.send(sessionId, request.getText(), caller(), event -> {
                if (over.get()) {
                    return;
                }
                call.onNext(GrpcMessages.event(sessionId, turn.join().turnId(), event));
                if (event instanceof TurnEvent.Final && over.compareAndSet(false, true)) {
                    call.onCompleted();
                }
            }));
        } catch (RuntimeException e) {
            over.set(true);
            turn.completeExceptionally(e);
            out.onError(status("SendMessage", e).asRuntimeException());
        }
    }

    @Override
    public void getSuggestions(GetSuggestionsRequest request, StreamObserver<Suggestions> out) {
        unary("GetSuggestions", out, () -> {
            List<String> next = host.suggestions(required(request.getSessionId(), "session_id"), caller());
            return Suggestions.newBuilder()
                    .addAllSuggestions(next.stream().limit(5).toList())
                    .build();
        });
    }

    @Override
    public void getSystemHealth(GetSystemHealthRequest request, StreamObserver<SystemHealth> out) {
        unary("GetSystemHealth", out, () -> GrpcMessages.health(host.health()));
    }

    @Override
    public void getAgentStatus(GetAgentStatusRequest request, StreamObserver<AgentStatus> out) {
        unary("GetAgentStatus", out, () -> GrpcMessages.agent(host.agent(required(request.getName(), "name"))));
    }

    @Override
    public void listAgents(ListAgentsRequest request, StreamObserver<ListAgentsResponse> out) {
        unary("ListAgents", out, () -> ListAgentsResponse.newBuilder()
                .addAllAgents(host.agents().stream().map(GrpcMessages::agent).toList())
                .build());
    }

    @Override
    public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> out) {
        unary("ListTools", out, () -> {
            var catalog = host.catalog(caller());
            String server = request.getServer();
            var tools = server.isEmpty()
                    ? catalog.tools()
                    : catalog.ofServer(host.agent(server).name());
            return ListToolsResponse.newBuilder()
                    .addAllTools(tools.stream().map(GrpcMessages::tool).toList())
                    .build();
        });
    }

    @Override
    public void resolveApproval(ResolveApprovalRequest request, StreamObserver<ResolveApprovalResponse> out) {
        unary("ResolveApproval", out, () -> {
            String sessionId = required(request.getSessionId(), "session_id");
            String requestId = required(request.getRequestId(), "request_id");
            Resolution.Decision decision =
                    switch (request.getDecision()) {
                        case APPROVE -> Resolution.Decision.APPROVE;
                        case APPROVE_ALWAYS -> Resolution.Decision.APPROVE_ALWAYS;
                        case DENY -> Resolution.Decision.DENY;
                        case CANCEL -> Resolution.Decision.CANCEL;
                        case DECISION_UNSPECIFIED, UNRECOGNIZED ->
                            throw new RequestException(
                                    RequestException.Kind.INVALID,
                                    "decision is required: APPROVE, APPROVE_ALWAYS, DENY or CANCEL, not "
                                            + request.getDecision());
                    };
            Map<String, Object> content = content(request.getContentJson());
            if (!content.isEmpty() && decision != Resolution.Decision.APPROVE) {
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "content_json goes only with APPROVE of an elicitation, not with " + decision);
            }
            host.resolve(sessionId, requestId, new Resolution(decision, content), caller());
            return ResolveApprovalResponse.getDefaultInstance();
        });
    }

    @Override
    public void getSession(GetSessionRequest request, StreamObserver<Session> out) {
        unary(
                "GetSession",
                out,
                () -> GrpcMessages.session(host.session(required(request.getSessionId(), "session_id"), caller())));
    }

    @Override
    public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> out) {
        unary("CloseSession", out, () -> CloseSessionResponse.newBuilder()
                .setClosed(host.closeSession(required(request.getSessionId(), "session_id"), caller()))
                .build());
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> out) {
        unary("ListSessions", out, () -> ListSessionsResponse.newBuilder()
                .addAllSessions(host.sessions(caller(), request.getAll(), request.getLimit()).stream()
                        .map(GrpcMessages::summary)
                        .toList())
                .build());
    }

    @Override
    public void cancelTurn(CancelTurnRequest request, StreamObserver<CancelTurnResponse> out) {
        unary("CancelTurn", out, () -> {
            Optional<String> turn = Optional.of(request.getTurnId()).filter(t -> !t.isBlank());
            return CancelTurnResponse.newBuilder()
                    .setTurnId(host.cancelTurn(required(request.getSessionId(), "session_id"), turn, caller()))
                    .build();
        });
    }

    /**
     * The status of a failed call: a {@link RequestException} by its kind, with its message; anything else is a
     * fault of the host, logged here and answered INTERNAL without its details.
     */
    static Status status(String rpc, Throwable e) {
        if (e instanceof RequestException r) {
            return Status.fromCode(Status.Code.valueOf(r.kind().grpc())).withDescription(description(r.getMessage()));
        }
        LOG.error("gRPC {} failed", rpc, e);
        return Status.INTERNAL.withDescription("the host failed on " + rpc + "; its log says why");
    }

    /**
     * A status description as gRPC sends it: percent-encoded outside printable ASCII. Helidon 4.2.3 writes the
     * description to {@code grpc-message} as it is, and clients decode it.
     */
    private static String description(String message) {
        StringBuilder out = new StringBuilder();
        for (byte b : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if (b < ' ' || b >= '~' || b == '%') {
                out.append('%').append(String.format("%02X", b & 0xff));
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static <T> void unary(String rpc, StreamObserver<T> out, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            out.onError(status(rpc, e).asRuntimeException());
            return;
        }
        out.onNext(value);
        out.onCompleted();
    }

    private static Caller caller() {
        Caller caller = GrpcCallGuard.CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("a call reached the service without passing the call guard");
        }
        return caller;
    }

    private static String required(String value, String field) {
        if (value.isBlank()) {
            throw new RequestException(RequestException.Kind.INVALID, field + " is required");
        }
        return value;
    }

    /** An elicitation's answer: empty for no content, else a JSON object. */
    private static Map<String, Object> content(String json) {
        if (json.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = HttpJson.JSON.readTree(json);
        } catch (JacksonException e) {
            throw new RequestException(
                    RequestException.Kind.INVALID, "content_json is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new RequestException(
                    RequestException.Kind.INVALID,
                    "content_json must be a JSON object, not "
                            + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = HttpJson.JSON.convertValue(node, Map.class);
        return map;
    }
}
