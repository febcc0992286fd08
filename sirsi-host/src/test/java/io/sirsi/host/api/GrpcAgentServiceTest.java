package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.sirsi.host.ApprovalPolicy;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.HostFixture;
import io.sirsi.host.Role;
import io.sirsi.proto.agent.v1.AgentServiceGrpc;
import io.sirsi.proto.agent.v1.AgentStatus;
import io.sirsi.proto.agent.v1.ApprovalNeeded;
import io.sirsi.proto.agent.v1.CancelTurnRequest;
import io.sirsi.proto.agent.v1.CancelTurnResponse;
import io.sirsi.proto.agent.v1.CloseSessionRequest;
import io.sirsi.proto.agent.v1.CreateAgentRequest;
import io.sirsi.proto.agent.v1.CreateSessionRequest;
import io.sirsi.proto.agent.v1.Decision;
import io.sirsi.proto.agent.v1.FinalEvent;
import io.sirsi.proto.agent.v1.GetAgentStatusRequest;
import io.sirsi.proto.agent.v1.GetSessionRequest;
import io.sirsi.proto.agent.v1.GetSuggestionsRequest;
import io.sirsi.proto.agent.v1.GetSystemHealthRequest;
import io.sirsi.proto.agent.v1.ListAgentsRequest;
import io.sirsi.proto.agent.v1.ListSessionsRequest;
import io.sirsi.proto.agent.v1.ListToolsRequest;
import io.sirsi.proto.agent.v1.ResolveApprovalRequest;
import io.sirsi.proto.agent.v1.SendMessageRequest;
import io.sirsi.proto.agent.v1.Session;
import io.sirsi.proto.agent.v1.SessionSummary;
import io.sirsi.proto.agent.v1.SystemHealth;
import io.sirsi.proto.agent.v1.Tool;
import io.sirsi.proto.agent.v1.ToolCallStarted;
import io.sirsi.proto.agent.v1.ToolResult;
import io.sirsi.proto.agent.v1.TurnEvent;
import io.sirsi.proto.agent.v1.TurnEvent.EventCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole conversations through the gRPC API with a grpc-java client, over plaintext HTTP/2 (prior knowledge) on
 * the port that also serves HTTP/1, against a host over real servers: a turn's events streamed in order, an
 * approval and a server's question answered on a second stub while the turn's stream is open, a denied call, a
 * cancelled call (in-process: Helidon 4.2.3 does not pass a client's cancellation on), the catalog by role, and
 * bad requests refused with their status while the channel keeps serving.
 */
class GrpcAgentServiceTest {
    static final String ADMIN = FixedTokens.ADMIN;
    static final String OPERATOR = FixedTokens.OPERATOR;
    static final String VIEWER = FixedTokens.VIEWER;
    static final String SPENT = FixedTokens.SPENT;

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    static Host host;
    static HostServer server;
    static ManagedChannel channel;

    @BeforeAll
    static void start() {
        host = HostFixture.start(root, ApprovalPolicy.askAlways());
        server = HostServer.start(host, new FixedTokens(), "127.0.0.1", 0);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        host.close();
    }

    static AgentServiceGrpc.AgentServiceBlockingStub stub(Optional<String> authorization) {
        Metadata headers = new Metadata();
        authorization.ifPresent(a -> headers.put(GrpcCallGuard.AUTHORIZATION, a));
        return AgentServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static AgentServiceGrpc.AgentServiceBlockingStub as(String token) {
        return stub(Optional.of("Bearer " + token));
    }

    static Session newSession(String token) {
        return as(token).createSession(CreateSessionRequest.getDefaultInstance());
    }

    /** The session {@code id}, read by an admin, who may read anyone's. */
    static Session session(String id) {
        return as(ADMIN)
                .getSession(GetSessionRequest.newBuilder().setSessionId(id).build());
    }

    static ResolveApprovalRequest resolution(String session, ApprovalNeeded ask, Decision decision, String content) {
        return ResolveApprovalRequest.newBuilder()
                .setSessionId(session)
                .setRequestId(ask.getRequestId())
                .setDecision(decision)
                .setContentJson(content)
                .build();
    }

    /** The events of one turn's stream, as the client reads them. */
    static final class Turn {
        final Iterator<TurnEvent> stream;
        final List<TurnEvent> seen = new ArrayList<>();

        Turn(Iterator<TurnEvent> stream) {
            this.stream = stream;
        }

        /** Reads up to the next event of {@code wanted}; the stub's deadline bounds the wait. */
        TurnEvent next(EventCase wanted) {
            while (stream.hasNext()) {
                TurnEvent e = stream.next();
                seen.add(e);
                if (e.getEventCase() == wanted) {
                    return e;
                }
                if (e.getEventCase() == EventCase.FINAL) {
                    throw new AssertionError("the turn ended before a " + wanted + ": " + e + "; saw " + cases());
                }
            }
            throw new AssertionError("the stream ended before a " + wanted + "; saw " + cases());
        }

        /** Reads the final event and checks that the stream ends with it. */
        FinalEvent last() {
            FinalEvent last = next(EventCase.FINAL).getFinal();
            assertFalse(stream.hasNext(), "an event followed the final one");
            return last;
        }

        List<EventCase> cases() {
            return seen.stream().map(TurnEvent::getEventCase).toList();
        }
    }

    static Turn send(String token, String session, String text) {
        return new Turn(as(token)
                .sendMessage(SendMessageRequest.newBuilder()
                        .setSessionId(session)
                        .setText(text)
                        .build()));
    }

    @Test
    void streamsAnExposureTurnInOrderAndTheSessionKeepsItsEstate() {
        Session s = newSession(OPERATOR);
        Turn turn = send(OPERATOR, s.getId(), "what is exposed to the internet in the Kulturio estate?");
        FinalEvent last = turn.last();

        // The server's progress, if it reports any, comes between the call's start and its result.
        List<EventCase> cases =
                turn.cases().stream().filter(c -> c != EventCase.PROGRESS).toList();
        assertEquals(
                List.of(EventCase.TEXT, EventCase.TOOL_CALL_STARTED, EventCase.TOOL_RESULT, EventCase.FINAL), cases);
        int firstProgress = turn.cases().indexOf(EventCase.PROGRESS);
        assertTrue(
                firstProgress == -1 || firstProgress > turn.cases().indexOf(EventCase.TOOL_CALL_STARTED),
                turn.cases().toString());
        assertFalse(last.hasError(), last.toString());
        assertTrue(last.getAnswer().contains("kulturio-bastion-1"), last.getAnswer());
        assertFalse(last.getTurnId().isEmpty());
        for (TurnEvent e : turn.seen) {
            assertEquals(s.getId(), e.getSessionId(), e.toString());
            assertEquals(last.getTurnId(), e.getTurnId(), e.toString());
        }
        ToolCallStarted started =
                turn.seen.get(turn.cases().indexOf(EventCase.TOOL_CALL_STARTED)).getToolCallStarted();
        assertEquals("security__run_checks", started.getTool());
        assertEquals("{\"estate\":\"kulturio\"}", started.getArgumentsJson());
        ToolResult result =
                turn.seen.get(turn.cases().indexOf(EventCase.TOOL_RESULT)).getToolResult();
        assertEquals(ToolResult.Status.OK, result.getStatus());
        assertEquals(started.getCallId(), result.getCallId());

        Session saved = session(s.getId());
        assertEquals(
                List.of(Session.Message.Role.USER, Session.Message.Role.ASSISTANT),
                saved.getHistoryList().stream().map(Session.Message::getRole).toList());
        assertEquals(
                "what is exposed to the internet in the Kulturio estate?",
                saved.getHistory(0).getText());
        assertEquals(last.getAnswer(), saved.getHistory(1).getText());
        assertEquals("kulturio", saved.getContext().getEstate());
        assertTrue(Instant.ofEpochSecond(saved.getLastActive().getSeconds())
                .isAfter(Instant.now().minus(Duration.ofMinutes(5))));

        // What to ask next follows the session's estate (with none, the suggestions name several estates).
        List<String> next = as(OPERATOR)
                .getSuggestions(GetSuggestionsRequest.newBuilder()
                        .setSessionId(s.getId())
                        .build())
                .getSuggestionsList();
        assertFalse(next.isEmpty());
        assertTrue(next.size() <= 5, next.toString());
        assertTrue(next.stream().allMatch(q -> q.contains("kulturio")), next.toString());
    }

    @Test
    void runsAToolThatIsNotReadOnlyWhenApprovedOnASecondStubWhileTheStreamIsOpen() {
        // The viewer's session, in which an admin's turn calls the tool.
        Session s = newSession(VIEWER);
        Turn turn = send(ADMIN, s.getId(), "please stamp this note for me");
        ApprovalNeeded ask = turn.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        assertEquals(ApprovalNeeded.Kind.TOOL, ask.getKind());
        assertEquals("plugins__stamp", ask.getTool());
        assertEquals("{\"text\":\"stamped\"}", ask.getArgumentsJson());
        assertFalse(turn.cases().contains(EventCase.TOOL_CALL_STARTED), "it ran before approval: " + turn.cases());
        assertEquals(
                List.of(ask.getRequestId()),
                session(s.getId()).getPendingList().stream()
                        .map(Session.PendingCall::getId)
                        .toList());

        // The viewer may not approve it, even in its own session; the question still waits for someone who may.
        refused(Status.Code.PERMISSION_DENIED, () -> as(VIEWER)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "")));
        as(ADMIN).resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, ""));

        ToolResult ran = turn.next(EventCase.TOOL_RESULT).getToolResult();
        assertEquals(ToolResult.Status.OK, ran.getStatus());
        assertEquals("plugins__stamp", ran.getTool());
        assertTrue(ran.getSummary().contains("stamped"), ran.getSummary());
        assertTrue(
                turn.cases().contains(EventCase.TOOL_CALL_STARTED), turn.cases().toString());
        FinalEvent last = turn.last();
        assertFalse(last.hasError(), last.toString());
        Session after = session(s.getId());
        assertEquals(List.of(), after.getPendingList());
        assertEquals(List.of(), after.getApprovalsList(), "approved once, not always");
    }

    @Test
    void relaysAServersQuestionAndItsAnswer() {
        Session s = newSession(OPERATOR);
        Turn turn = send(OPERATOR, s.getId(), "let the fixture ask me a question");
        ApprovalNeeded ask = turn.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        assertEquals(ApprovalNeeded.Kind.ELICITATION, ask.getKind());
        assertEquals("fixture__test_elicitation", ask.getTool());
        assertEquals("Who are you?", ask.getMessage());
        Map<?, ?> schema = JSON.readValue(ask.getSchemaJson(), Map.class);
        assertTrue(schema.toString().contains("username"), ask.getSchemaJson());
        assertTrue(schema.toString().contains("email"), ask.getSchemaJson());
        Session.PendingCall pending = session(s.getId()).getPending(0);
        assertEquals(ask.getRequestId(), pending.getId());
        assertEquals(ApprovalNeeded.Kind.ELICITATION, pending.getKind());
        assertEquals("Who are you?", pending.getMessage());
        assertEquals(schema, JSON.readValue(pending.getSchemaJson(), Map.class));

        StatusRuntimeException malformed = refused(Status.Code.INVALID_ARGUMENT, () -> as(OPERATOR)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "{\"username\": ")));
        assertTrue(
                malformed.getStatus().getDescription().startsWith("content_json is not valid JSON"),
                malformed.getStatus().toString());
        StatusRuntimeException array = refused(Status.Code.INVALID_ARGUMENT, () -> as(OPERATOR)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "[\"ada\"]")));
        assertTrue(
                array.getStatus().getDescription().contains("JSON object"),
                array.getStatus().toString());
        StatusRuntimeException incomplete = refused(Status.Code.INVALID_ARGUMENT, () -> as(OPERATOR)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "{\"username\":\"ada\"}")));
        assertTrue(
                incomplete.getStatus().getDescription().contains("email"),
                incomplete.getStatus().toString());

        as(OPERATOR)
                .resolveApproval(resolution(
                        s.getId(), ask, Decision.APPROVE, "{\"username\":\"ada\",\"email\":\"ada@example.org\"}"));
        FinalEvent last = turn.last();
        assertTrue(last.getAnswer().contains("action=accept"), last.getAnswer());
        assertTrue(last.getAnswer().contains("ada@example.org"), last.getAnswer());
    }

    @Test
    void reportsADeniedCallAsDeniedAndDoesNotRunIt() {
        Session s = newSession(OPERATOR);
        Turn turn = send(OPERATOR, s.getId(), "put a stamp on my note");
        ApprovalNeeded ask = turn.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        as(OPERATOR).resolveApproval(resolution(s.getId(), ask, Decision.DENY, ""));
        ToolResult denied = turn.next(EventCase.TOOL_RESULT).getToolResult();
        assertEquals(ToolResult.Status.DENIED, denied.getStatus());
        FinalEvent last = turn.last();
        assertFalse(
                turn.cases().contains(EventCase.TOOL_CALL_STARTED), turn.cases().toString());
        assertTrue(last.getAnswer().contains("plugins__stamp was denied by olga; it was not run"), last.getAnswer());
        Session.Message decision = session(s.getId()).getHistoryList().stream()
                .filter(m -> m.getRole() == Session.Message.Role.APPROVAL)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision in the history: " + session(s.getId())));
        assertTrue(decision.getText().startsWith("deny plugins__stamp"), decision.getText());
        // Answered already.
        refused(Status.Code.NOT_FOUND, () -> as(OPERATOR)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "")));
    }

    @Test
    void aCancelledCallCancelsItsTurnAndItsQuestion() throws Exception {
        Session s = newSession(OPERATOR);
        RecordingCall call = new RecordingCall();
        Context.current()
                .withValue(GrpcCallGuard.CALLER, new Caller("olga", Role.OPERATOR))
                .run(() -> new GrpcAgentService(host)
                        .sendMessage(
                                SendMessageRequest.newBuilder()
                                        .setSessionId(s.getId())
                                        .setText("please stamp this note for me")
                                        .build(),
                                call));
        ApprovalNeeded ask = call.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        call.cancel();
        assertTurnCancelled(s, ask);
        assertTrue(call.events.isEmpty(), "events were sent after the call was cancelled: " + call.events);
        assertFalse(call.completed, "a cancelled call was completed");
    }

    @Test
    @Disabled("Helidon 4.2.3's HTTP/2 stream does not pass a client's RST_STREAM to the gRPC handler, so the service"
            + " never learns of the cancellation (aCancelledCallCancelsItsTurnAndItsQuestion covers the service);"
            + " enable with a Helidon whose gRPC handler cancels the call on RST_STREAM")
    void cancellingTheCallOverTheWireCancelsTheTurn() throws Exception {
        Session s = newSession(OPERATOR);
        Context.CancellableContext call = Context.current().withCancellation();
        Turn turn = call.wrap(() -> send(OPERATOR, s.getId(), "please stamp this note for me"))
                .call();
        ApprovalNeeded ask = turn.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        call.cancel(null);
        assertTurnCancelled(s, ask);
    }

    @Test
    void listsTheCallersSessionsAndEveryonesOnlyForAnAdmin() {
        Session mine = newSession(VIEWER);
        Session theirs = newSession(OPERATOR);
        List<SessionSummary> listed = as(VIEWER)
                .listSessions(ListSessionsRequest.getDefaultInstance())
                .getSessionsList();
        assertTrue(listed.stream().anyMatch(x -> x.getId().equals(mine.getId())), listed.toString());
        assertTrue(listed.stream().allMatch(x -> x.getOwner().equals(mine.getOwner())), listed.toString());
        refused(Status.Code.PERMISSION_DENIED, () -> as(VIEWER)
                .listSessions(ListSessionsRequest.newBuilder().setAll(true).build()));
        refused(Status.Code.INVALID_ARGUMENT, () -> as(VIEWER)
                .listSessions(ListSessionsRequest.newBuilder().setLimit(-1).build()));
        List<String> all = as(ADMIN)
                .listSessions(ListSessionsRequest.newBuilder()
                        .setAll(true)
                        .setLimit(500)
                        .build())
                .getSessionsList()
                .stream()
                .map(SessionSummary::getId)
                .toList();
        assertTrue(all.containsAll(List.of(mine.getId(), theirs.getId())), all.toString());
    }

    @Test
    void cancelTurnStopsTheTurnWhereTheCallsCancellationCannot() {
        Session s = newSession(OPERATOR);
        Turn turn = send(OPERATOR, s.getId(), "please stamp this note for me");
        ApprovalNeeded ask = turn.next(EventCase.APPROVAL_NEEDED).getApprovalNeeded();
        String id = turn.seen.getFirst().getTurnId();
        refused(Status.Code.NOT_FOUND, () -> as(OPERATOR)
                .cancelTurn(CancelTurnRequest.newBuilder()
                        .setSessionId(s.getId())
                        .setTurnId("20260101-000000-nosuchtu")
                        .build()));
        refused(Status.Code.NOT_FOUND, () -> as(VIEWER)
                .cancelTurn(
                        CancelTurnRequest.newBuilder().setSessionId(s.getId()).build()));
        CancelTurnResponse cancelled = as(OPERATOR)
                .cancelTurn(CancelTurnRequest.newBuilder()
                        .setSessionId(s.getId())
                        .setTurnId(id)
                        .build());
        assertEquals(id, cancelled.getTurnId());
        FinalEvent last = turn.last();
        assertTrue(last.hasError() && last.getError().contains("cancel"), last.toString());
        assertTurnCancelled(s, ask);
        refused(Status.Code.NOT_FOUND, () -> as(OPERATOR)
                .cancelTurn(
                        CancelTurnRequest.newBuilder().setSessionId(s.getId()).build()));
    }

    /** The turn ends well before its question's 60 s timeout, says why, leaves nothing pending and frees the session. */
    static void assertTurnCancelled(Session s, ApprovalNeeded ask) {
        Session after = awaitSession(
                s.getId(),
                x -> x.getHistoryCount() > 0
                        && x.getHistory(x.getHistoryCount() - 1).getRole() == Session.Message.Role.ASSISTANT);
        String answer = after.getHistory(after.getHistoryCount() - 1).getText();
        // Cancelled while it waited ("by cancellation"), or just before it began to ("by the turn's cancellation").
        assertTrue(
                answer.matches("(?s).*plugins__stamp was cancelled by (the turn's )?cancellation; it was not run.*"),
                answer);
        assertEquals(List.of(), after.getPendingList());
        refused(Status.Code.NOT_FOUND, () -> as(OPERATOR)
                .resolveApproval(resolution(s.getId(), ask, Decision.APPROVE, "")));
        assertTrue(send(OPERATOR, s.getId(), "what is exposed to the internet in tvfone?")
                .last()
                .getAnswer()
                .contains("tvfone"));
    }

    @Test
    void listsToolsByRoleWithSchemasAndAnnotations() throws Exception {
        List<Tool> viewer =
                as(VIEWER).listTools(ListToolsRequest.getDefaultInstance()).getToolsList();
        List<Tool> operator =
                as(OPERATOR).listTools(ListToolsRequest.getDefaultInstance()).getToolsList();
        assertTrue(viewer.stream().noneMatch(t -> t.getName().equals("plugins__stamp")), viewer.toString());
        assertTrue(viewer.stream().allMatch(Tool::getReadOnly));
        Tool stamp = operator.stream()
                .filter(t -> t.getName().equals("plugins__stamp"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plugins__stamp for an operator"));
        assertFalse(stamp.getReadOnly());
        assertTrue(stamp.getDestructive());
        assertEquals("plugins", stamp.getServer());
        assertTrue(stamp.getDescription().startsWith("Stamps its text. Writes it."), stamp.getDescription());
        assertTrue(operator.size() > viewer.size());

        Tool checks = viewer.stream()
                .filter(t -> t.getName().equals("security__run_checks"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no security__run_checks for a viewer"));
        assertTrue(checks.getReadOnly());
        Map<?, ?> input = JSON.readValue(checks.getInputSchemaJson(), Map.class);
        assertEquals("object", input.get("type"), checks.getInputSchemaJson());

        List<Tool> plugins = as(OPERATOR)
                .listTools(ListToolsRequest.newBuilder().setServer("plugins").build())
                .getToolsList();
        assertFalse(plugins.isEmpty());
        assertTrue(plugins.stream().allMatch(t -> t.getServer().equals("plugins")), plugins.toString());
        refused(Status.Code.NOT_FOUND, () -> as(OPERATOR)
                .listTools(ListToolsRequest.newBuilder().setServer("nope").build()));
    }

    @Test
    void reportsAgentsAndHealth() {
        List<AgentStatus> agents =
                as(VIEWER).listAgents(ListAgentsRequest.getDefaultInstance()).getAgentsList();
        assertEquals(
                List.of("fixture", "migration", "plugins", "security"),
                agents.stream().map(AgentStatus::getName).sorted().toList());
        assertTrue(
                agents.stream()
                        .allMatch(a -> a.getState() == AgentStatus.State.CONNECTED
                                && a.getTransport() == AgentStatus.Transport.STDIO
                                && a.getTools() > 0),
                agents.toString());
        AgentStatus security = as(VIEWER)
                .getAgentStatus(
                        GetAgentStatusRequest.newBuilder().setName("security").build());
        assertEquals(AgentStatus.State.CONNECTED, security.getState());
        assertTrue(security.getVersion().contains("security"), security.getVersion());
        refused(Status.Code.NOT_FOUND, () -> as(VIEWER)
                .getAgentStatus(
                        GetAgentStatusRequest.newBuilder().setName("nope").build()));

        SystemHealth health = as(VIEWER).getSystemHealth(GetSystemHealthRequest.getDefaultInstance());
        assertEquals(SystemHealth.Status.OK, health.getStatus());
        assertEquals(4, health.getAgentsCount());
        assertFalse(health.getReasoner().isEmpty());

        // An admin may ask for a connected agent: it is left as it is.
        AgentStatus again = as(ADMIN)
                .createAgent(CreateAgentRequest.newBuilder().setName("security").build());
        assertEquals(AgentStatus.State.CONNECTED, again.getState());
        assertEquals(security.getTools(), again.getTools());
    }

    @Test
    void servesHttpAndGrpcOnOnePort() throws Exception {
        HttpResponse<String> health;
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            health = http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(HttpClient.Version.HTTP_1_1, health.version());
        assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
        assertEquals(
                SystemHealth.Status.OK,
                as(VIEWER)
                        .getSystemHealth(GetSystemHealthRequest.getDefaultInstance())
                        .getStatus());
    }

    @Test
    void refusesBadRequestsWithTheirStatusAndKeepsServing() {
        long unauthenticated =
                host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"unauthenticated\"}");
        long rateLimited = host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"rate_limited\"}");
        long tooLarge = host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"too_large\"}");

        StatusRuntimeException unknown = refused(Status.Code.NOT_FOUND, () -> as(VIEWER)
                .getSession(GetSessionRequest.newBuilder()
                        .setSessionId("no-such-session")
                        .build()));
        assertTrue(
                unknown.getStatus().getDescription().contains("no-such-session"),
                unknown.getStatus().toString());
        refused(Status.Code.NOT_FOUND, () -> send(OPERATOR, "no-such-session", "hello")
                .next(EventCase.FINAL));
        refused(Status.Code.INVALID_ARGUMENT, () -> as(VIEWER).getSession(GetSessionRequest.getDefaultInstance()));
        // A description beyond printable ASCII arrives as the host wrote it.
        StatusRuntimeException odd = refused(Status.Code.INVALID_ARGUMENT, () -> as(VIEWER)
                .getSession(
                        GetSessionRequest.newBuilder().setSessionId("café 100%").build()));
        assertTrue(
                odd.getStatus().getDescription().contains("'café 100%'"),
                odd.getStatus().toString());

        Session s = newSession(OPERATOR);
        StatusRuntimeException unspecified = refused(Status.Code.INVALID_ARGUMENT, () -> as(OPERATOR)
                .resolveApproval(ResolveApprovalRequest.newBuilder()
                        .setSessionId(s.getId())
                        .setRequestId("approval-1")
                        .build()));
        assertTrue(
                unspecified.getStatus().getDescription().contains("decision is required"),
                unspecified.getStatus().toString());
        StatusRuntimeException malformed = refused(Status.Code.INVALID_ARGUMENT, () -> as(OPERATOR)
                .resolveApproval(ResolveApprovalRequest.newBuilder()
                        .setSessionId(s.getId())
                        .setRequestId("approval-1")
                        .setDecision(Decision.APPROVE)
                        .setContentJson("{username: ada}")
                        .build()));
        assertTrue(
                malformed.getStatus().getDescription().startsWith("content_json is not valid JSON"),
                malformed.getStatus().toString());

        // Larger than any API takes, and larger than a turn takes.
        StatusRuntimeException huge =
                refused(Status.Code.RESOURCE_EXHAUSTED, () -> send(OPERATOR, s.getId(), "x".repeat(300 * 1024))
                        .next(EventCase.FINAL));
        assertTrue(
                huge.getStatus().getDescription().contains("at most " + HostServer.MAX_MESSAGE_BYTES),
                huge.getStatus().toString());
        StatusRuntimeException tooLong = refused(
                Status.Code.RESOURCE_EXHAUSTED, () -> send(OPERATOR, s.getId(), "x".repeat(Host.MAX_MESSAGE_CHARS + 1))
                        .next(EventCase.FINAL));
        assertTrue(
                tooLong.getStatus().getDescription().contains("at most " + Host.MAX_MESSAGE_CHARS),
                tooLong.getStatus().toString());
        assertEquals(List.of(), session(s.getId()).getHistoryList(), "a refused message is not in the history");

        // No token, a token the host does not know, a token over its rate.
        StatusRuntimeException none = refused(Status.Code.UNAUTHENTICATED, () -> stub(Optional.empty())
                .createSession(CreateSessionRequest.getDefaultInstance()));
        assertEquals("a bearer token is required", none.getStatus().getDescription());
        StatusRuntimeException wrong = refused(Status.Code.UNAUTHENTICATED, () -> as("not-a-token")
                .getSystemHealth(GetSystemHealthRequest.getDefaultInstance()));
        assertFalse(wrong.getStatus().getDescription().contains("not-a-token"), "the token was repeated");
        refused(Status.Code.UNAUTHENTICATED, () -> send("not-a-token", s.getId(), "hello")
                .next(EventCase.FINAL));
        refused(Status.Code.RESOURCE_EXHAUSTED, () -> as(SPENT)
                .createSession(CreateSessionRequest.getDefaultInstance()));
        assertEquals(
                unauthenticated + 3,
                host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"unauthenticated\"}"));
        assertEquals(
                rateLimited + 1,
                host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"rate_limited\"}"));
        assertEquals(
                tooLarge + 1, host.metrics().counter("sirsi_requests_refused_total{api=\"grpc\",code=\"too_large\"}"));

        // Roles.
        refused(Status.Code.PERMISSION_DENIED, () -> as(VIEWER)
                .createAgent(CreateAgentRequest.newBuilder().setName("fixture").build()));
        refused(Status.Code.PERMISSION_DENIED, () -> as(OPERATOR)
                .createAgent(CreateAgentRequest.newBuilder().setName("fixture").build()));

        // Closing: once true, then false; the session is gone.
        assertTrue(as(OPERATOR)
                .closeSession(
                        CloseSessionRequest.newBuilder().setSessionId(s.getId()).build())
                .getClosed());
        assertFalse(as(OPERATOR)
                .closeSession(
                        CloseSessionRequest.newBuilder().setSessionId(s.getId()).build())
                .getClosed());
        refused(Status.Code.NOT_FOUND, () -> session(s.getId()));
    }

    @Test
    void anotherCallersSessionIsNotFoundAndGetSessionShowsTheOwner() {
        Session s = newSession(OPERATOR);
        assertEquals("olga", s.getOwner());
        assertEquals(
                "olga",
                as(OPERATOR)
                        .getSession(GetSessionRequest.newBuilder()
                                .setSessionId(s.getId())
                                .build())
                        .getOwner());
        assertEquals("olga", session(s.getId()).getOwner(), "an admin reads it too");

        String unknown = refused(Status.Code.NOT_FOUND, () -> as(VIEWER)
                        .getSession(GetSessionRequest.newBuilder()
                                .setSessionId("no-such-session")
                                .build()))
                .getStatus()
                .getDescription()
                .replace("no-such-session", s.getId());
        List<Executable> calls = List.of(
                () -> as(VIEWER)
                        .getSession(GetSessionRequest.newBuilder()
                                .setSessionId(s.getId())
                                .build()),
                () -> send(VIEWER, s.getId(), "what is exposed to the internet in tvfone?")
                        .next(EventCase.FINAL),
                () -> as(VIEWER)
                        .getSuggestions(GetSuggestionsRequest.newBuilder()
                                .setSessionId(s.getId())
                                .build()),
                () -> as(VIEWER)
                        .resolveApproval(ResolveApprovalRequest.newBuilder()
                                .setSessionId(s.getId())
                                .setRequestId("approval-1")
                                .setDecision(Decision.DENY)
                                .build()));
        for (Executable call : calls) {
            assertEquals(
                    unknown, refused(Status.Code.NOT_FOUND, call).getStatus().getDescription());
        }
        assertFalse(as(VIEWER)
                .closeSession(
                        CloseSessionRequest.newBuilder().setSessionId(s.getId()).build())
                .getClosed());
        assertEquals(s.getId(), session(s.getId()).getId(), "the session was closed by another caller");
    }

    /**
     * Checks that {@code call} fails with {@code code}, then that the same channel still serves a good request.
     */
    static StatusRuntimeException refused(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(
                SystemHealth.Status.OK,
                as(VIEWER)
                        .getSystemHealth(GetSystemHealthRequest.getDefaultInstance())
                        .getStatus(),
                "the host did not serve a good request after a refused one");
        return e;
    }

    /** The session once it satisfies {@code done}, read again each time the previous read returns; 30 s at most. */
    static Session awaitSession(String id, Predicate<Session> done) {
        Instant deadline = Instant.now().plusSeconds(30);
        Session s = session(id);
        while (!done.test(s)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("session " + id + " did not get there within 30 s: " + s);
            }
            s = session(id);
        }
        return s;
    }
}
