package io.sirsi.host;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.sirsi.proto.agent.v1.AgentServiceGrpc;
import io.sirsi.proto.agent.v1.ApprovalNeeded;
import io.sirsi.proto.agent.v1.CancelTurnRequest;
import io.sirsi.proto.agent.v1.CreateSessionRequest;
import io.sirsi.proto.agent.v1.Decision;
import io.sirsi.proto.agent.v1.FinalEvent;
import io.sirsi.proto.agent.v1.ResolveApprovalRequest;
import io.sirsi.proto.agent.v1.SendMessageRequest;
import io.sirsi.proto.agent.v1.TurnEvent;
import java.io.PrintStream;
import java.net.URI;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A command-line client of a running host, over its gRPC API: one session, turns whose events are printed as
 * they come, and questions (approvals, servers' elicitations) answered through a {@link Prompter}.
 */
public final class RemoteChat implements AutoCloseable {
    /** Answers the questions a turn asks. */
    public interface Prompter {
        /** The decision on a tool call that is not read-only, or an elicitation (with its content as JSON). */
        Answer answer(ApprovalNeeded question);

        /** The user's answer: a decision, and for an accepted elicitation the content as a JSON object. */
        record Answer(Decision decision, String contentJson) {}
    }

    private final ManagedChannel channel;
    private final AgentServiceGrpc.AgentServiceBlockingStub stub;
    private String session;

    private RemoteChat(ManagedChannel channel, AgentServiceGrpc.AgentServiceBlockingStub stub) {
        this.channel = channel;
        this.stub = stub;
    }

    /** Connects to the host at {@code url} (its base URL) with {@code token}. */
    public static RemoteChat connect(URI url, String token) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        ManagedChannel channel = NettyChannelBuilder.forAddress(url.getHost(), url.getPort())
                .usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return new RemoteChat(
                channel,
                AgentServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)));
    }

    /** Uses an existing session, or creates one when {@code id} is empty; returns the session's id. */
    public String session(String id) {
        session = id.isEmpty()
                ? call(() -> stub.createSession(CreateSessionRequest.getDefaultInstance())
                        .getId())
                : id;
        return session;
    }

    /**
     * Runs a turn, printing its progress to {@code log} as it comes, and returns its final event.
     *
     * @throws HostException with the host's message when the host refuses the turn
     */
    public FinalEvent send(String text, Prompter prompter, PrintStream log) {
        AtomicReference<String> turn = new AtomicReference<>();
        // Interrupted (Ctrl-C) or killed while the turn runs: the host is asked to stop it, since a cancelled call
        // does not reach every server (Helidon 4.2.3 drops it).
        Thread stopper = new Thread(() -> cancelTurn(turn.get(), log), "sirsi-cancel-turn");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return events(text, prompter, log, turn);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs, or ran.
            }
        }
    }

    private void cancelTurn(String turn, PrintStream log) {
        if (turn == null) {
            return;
        }
        try {
            stub.withDeadlineAfter(3, TimeUnit.SECONDS)
                    .cancelTurn(CancelTurnRequest.newBuilder()
                            .setSessionId(session)
                            .setTurnId(turn)
                            .build());
            log.println("sirsi: interrupted; the host was asked to stop turn " + turn);
        } catch (StatusRuntimeException e) {
            // It ended meanwhile, or the host is gone: nothing to stop.
        }
    }

    private FinalEvent events(String text, Prompter prompter, PrintStream log, AtomicReference<String> turn) {
        Iterator<TurnEvent> events = call(() -> stub.sendMessage(SendMessageRequest.newBuilder()
                .setSessionId(session)
                .setText(text)
                .build()));
        while (true) {
            TurnEvent e = call(() -> events.hasNext() ? events.next() : null);
            if (e == null) {
                throw new HostException("the host ended the turn without a final answer");
            }
            turn.compareAndSet(null, e.getTurnId().isEmpty() ? null : e.getTurnId());
            switch (e.getEventCase()) {
                case TEXT -> log.println("  " + e.getText().getText());
                case TOOL_CALL_STARTED ->
                    log.println("  -> " + e.getToolCallStarted().getTool() + " "
                            + e.getToolCallStarted().getArgumentsJson());
                case PROGRESS -> log.println("     " + progress(e));
                case TOOL_RESULT ->
                    log.println("  <- " + e.getToolResult().getTool() + " "
                            + e.getToolResult().getStatus().name().toLowerCase(java.util.Locale.ROOT) + " ("
                            + e.getToolResult().getMillis() + " ms)");
                case ARTIFACT -> log.println("  artifact " + e.getArtifact().getPath());
                case APPROVAL_NEEDED -> {
                    ApprovalNeeded q = e.getApprovalNeeded();
                    Prompter.Answer a = prompter.answer(q);
                    call(() -> stub.resolveApproval(ResolveApprovalRequest.newBuilder()
                            .setSessionId(session)
                            .setRequestId(q.getRequestId())
                            .setDecision(a.decision())
                            .setContentJson(a.contentJson())
                            .build()));
                }
                case FINAL -> {
                    return e.getFinal();
                }
                default -> {}
            }
        }
    }

    private static String progress(TurnEvent e) {
        var p = e.getProgress();
        return (p.getTotal() > 0 ? Math.round(100 * p.getProgress() / p.getTotal()) + "% " : "") + p.getMessage();
    }

    private static <T> T call(java.util.function.Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            String why = e.getStatus().getDescription() == null
                    ? ""
                    : ": " + e.getStatus().getDescription();
            throw new HostException("the host answered " + e.getStatus().getCode() + why, e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
