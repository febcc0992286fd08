package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.graph.AuditMain;
import io.sirsi.graph.KnowledgeGraph;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole turns through the host, in-process, against real servers: events in order, the session's context
 * carried from turn to turn, a clarifying question answered, approvals (once, always, denied, by role, by
 * policy), a server's question relayed, sessions kept to their owners and admins, and bad requests refused with
 * the kind of problem.
 */
class HostTest {
    static final Caller ALICE = new Caller("alice", Role.OPERATOR);
    static final Caller VIEWER = new Caller("victor", Role.VIEWER);
    static final Caller BOB = new Caller("bob", Role.OPERATOR);
    static final Caller ADMIN = new Caller("ada", Role.ADMIN);

    @TempDir
    static Path root;

    static Host host;

    @BeforeAll
    static void start() {
        host = HostFixture.start(root, ApprovalPolicy.of(List.of(), List.of("plugins__forbidden*")));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** The events of one turn, as the client receives them. */
    static final class Events {
        final BlockingQueue<TurnEvent> queue = new LinkedBlockingQueue<>();
        final List<TurnEvent> seen = new ArrayList<>();

        <T extends TurnEvent> T next(Class<T> type) throws InterruptedException {
            while (true) {
                TurnEvent e = queue.poll(60, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " within 60 s; saw " + types());
                }
                seen.add(e);
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
                if (e instanceof TurnEvent.Final f) {
                    throw new AssertionError(
                            "the turn ended before a " + type.getSimpleName() + ": " + f + "; saw " + types());
                }
            }
        }

        List<String> types() {
            return seen.stream().map(TurnEvent::type).toList();
        }
    }

    static Events send(String session, String text, Caller caller) {
        Events events = new Events();
        host.send(session, text, caller, events.queue::add);
        return events;
    }

    @Test
    void answersAnExposureTurnWithEventsInOrderAndKeepsTheEstateForTheNextTurn() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "what is exposed to the internet in the Kulturio estate?", ALICE);
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        // The server's progress, if it reports any, comes between the call's start and its result.
        List<TurnEvent> events = turn.seen.stream()
                .filter(e -> !(e instanceof TurnEvent.Progress))
                .toList();
        assertEquals(
                List.of("text", "tool_call_started", "tool_result", "final"),
                events.stream().map(TurnEvent::type).toList());
        int firstProgress = turn.types().indexOf("progress");
        assertTrue(
                firstProgress == -1 || firstProgress > turn.types().indexOf("tool_call_started"),
                turn.types().toString());
        assertTrue(last.error().isEmpty(), last.toString());
        assertTrue(last.answer().contains("kulturio-bastion-1"), last.answer());
        TurnEvent.ToolCallStarted started = (TurnEvent.ToolCallStarted) events.get(1);
        assertEquals("security__run_checks", started.tool());
        assertEquals("{\"estate\":\"kulturio\"}", started.arguments());
        TurnEvent.ToolResultEvent result = (TurnEvent.ToolResultEvent) events.get(2);
        assertEquals("ok", result.status());
        assertEquals(started.callId(), result.callId());

        Session saved = host.session(s.id(), ALICE);
        assertEquals(
                List.of("user", "assistant"),
                saved.history().stream().map(Session.Message::role).toList());
        assertEquals(last.answer(), saved.history().get(1).text());
        assertEquals("kulturio", saved.context().estate());

        // No estate named: the session's is used.
        Events posture = send(s.id(), "what is our security posture?", ALICE);
        TurnEvent.Final second = posture.next(TurnEvent.Final.class);
        assertTrue(second.answer().startsWith("Security posture of kulturio"), second.answer());
        assertEquals(4, host.session(s.id(), ALICE).history().size());
    }

    @Test
    void asksForAMissingEstateAndRunsWithTheAnswer() throws Exception {
        Session s = host.createSession(ALICE);
        TurnEvent.Final question =
                send(s.id(), "what is exposed to the internet?", ALICE).next(TurnEvent.Final.class);
        assertEquals("Which estate: kulturio, tvfone or uniedu?", question.answer());
        TurnEvent.Final answer = send(s.id(), "uniedu", ALICE).next(TurnEvent.Final.class);
        assertTrue(answer.answer().startsWith("Exposed to the internet in uniedu"), answer.answer());
        assertEquals("uniedu", host.session(s.id(), ALICE).context().estate());
    }

    @Test
    void runsAToolThatIsNotReadOnlyOnlyAfterApprovalAndAlwaysMeansForTheSession() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "please stamp this note for me", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);
        assertEquals(TurnEvent.ApprovalNeeded.TOOL, ask.kind());
        assertEquals("plugins__stamp", ask.tool());
        assertEquals("{\"text\":\"stamped\"}", ask.arguments());
        assertFalse(turn.types().contains("tool_call_started"), "the tool ran before approval: " + turn.types());
        // Pending while waiting, in the stored session.
        assertEquals(
                List.of(ask.requestId()),
                host.session(s.id(), ALICE).pending().stream()
                        .map(Session.PendingCall::id)
                        .toList());

        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE_ALWAYS), ALICE);
        TurnEvent.ToolResultEvent ran = turn.next(TurnEvent.ToolResultEvent.class);
        assertEquals("ok", ran.status());
        assertTrue(ran.summary().contains("stamped"), ran.summary());
        turn.next(TurnEvent.Final.class);
        Session after = host.session(s.id(), ALICE);
        assertEquals(List.of("plugins__stamp"), after.approvals());
        assertEquals(List.of(), after.pending());
        assertTrue(after.history().stream()
                .anyMatch(m -> m.role().equals("approval") && m.text().startsWith("approve_always plugins__stamp")));

        // Approved always: the next turn runs it without asking.
        Events again = send(s.id(), "stamp the note", ALICE);
        again.next(TurnEvent.Final.class);
        assertFalse(again.types().contains("approval_needed"), again.types().toString());
        assertTrue(again.types().contains("tool_result"), again.types().toString());
        assertTrue(host.metrics().counter("sirsi_approvals_total{kind=\"tool\",decision=\"approve_always\"}") >= 1);
    }

    @Test
    void reportsADeniedCallAsDeniedAndDoesNotRunIt() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "put a stamp on my note", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.DENY), ALICE);
        TurnEvent.ToolResultEvent denied = turn.next(TurnEvent.ToolResultEvent.class);
        assertEquals("denied", denied.status());
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        assertFalse(turn.types().contains("tool_call_started"), turn.types().toString());
        assertTrue(last.answer().contains("plugins__stamp was denied by alice; it was not run"), last.answer());
        // Answered already.
        RequestException twice = assertThrows(
                RequestException.class,
                () -> host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE), ALICE));
        assertEquals(RequestException.Kind.NOT_FOUND, twice.kind());
    }

    @Test
    void aViewerCannotRunNorApproveAToolThatIsNotReadOnly() throws Exception {
        Session s = host.createSession(VIEWER);
        Events turn = send(s.id(), "please stamp this note for me", VIEWER);
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        assertFalse(turn.types().contains("approval_needed"), turn.types().toString());
        assertTrue(last.answer().contains("victor is a viewer: only an operator or admin may run it"), last.answer());
        assertTrue(host.catalog(VIEWER).find("plugins__stamp").isEmpty());
        assertTrue(host.catalog(ALICE).find("plugins__stamp").isPresent());

        // Not even a call an admin's turn in the viewer's own session waits on.
        Events waiting = send(s.id(), "please stamp this note for me", ADMIN);
        TurnEvent.ApprovalNeeded ask = waiting.next(TurnEvent.ApprovalNeeded.class);
        RequestException forbidden = assertThrows(
                RequestException.class,
                () -> host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE), VIEWER));
        assertEquals(RequestException.Kind.FORBIDDEN, forbidden.kind());
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.CANCEL), VIEWER);
        assertTrue(waiting.next(TurnEvent.Final.class).answer().contains("cancelled"));
    }

    @Test
    void listsACallersOwnSessionsAndEveryonesOnlyForAnAdmin() throws Exception {
        Caller carol = new Caller("carol-" + java.util.UUID.randomUUID(), Role.OPERATOR);
        Session first = host.createSession(carol);
        Session second = host.createSession(carol);
        send(second.id(), "  what is exposed to the internet in tvfone?  " + "x".repeat(100), carol)
                .next(TurnEvent.Final.class);
        Session bobs = host.createSession(BOB);

        List<Session> mine = host.sessions(carol, false, 0);
        assertEquals(
                List.of(second.id(), first.id()), mine.stream().map(Session::id).toList());
        String title = mine.getFirst().title();
        assertTrue(title.startsWith("what is exposed to the internet in tvfone? xxx"), title);
        assertEquals(80, title.codePointCount(0, title.length()), title);
        assertTrue(title.endsWith("…"), title);
        assertEquals("tvfone", mine.getFirst().context().estate());
        assertEquals("", mine.getLast().title());
        assertEquals(
                List.of(second.id()),
                host.sessions(carol, false, 1).stream().map(Session::id).toList());

        assertEquals(
                RequestException.Kind.FORBIDDEN,
                assertThrows(RequestException.class, () -> host.sessions(carol, true, 0))
                        .kind());
        assertEquals(
                RequestException.Kind.INVALID,
                assertThrows(RequestException.class, () -> host.sessions(carol, false, Host.MAX_LISTED + 1))
                        .kind());
        List<String> everyone = host.sessions(new Caller("root", Role.ADMIN), true, Host.MAX_LISTED).stream()
                .map(Session::id)
                .toList();
        assertTrue(everyone.containsAll(List.of(first.id(), second.id(), bobs.id())), everyone.toString());
    }

    @Test
    void aTurnCancelledWhileAServerAsksEndsWithItsAnswerSavedLastAndNothingPending() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "let the fixture ask me a question", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);
        assertEquals(TurnEvent.ApprovalNeeded.ELICITATION, ask.kind());
        host.cancelTurn(s.id(), Optional.empty(), ALICE);
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        Session saved = host.session(s.id(), ALICE);
        assertEquals(
                "assistant", saved.history().getLast().role(), saved.history().toString());
        assertEquals(last.answer(), saved.history().getLast().text());
        assertEquals(List.of(), saved.pending());
        // The question is gone with its turn.
        assertEquals(
                RequestException.Kind.NOT_FOUND,
                assertThrows(
                                RequestException.class,
                                () -> host.resolve(
                                        s.id(), ask.requestId(), Resolution.of(Resolution.Decision.DENY), ALICE))
                        .kind());
    }

    @Test
    void cancellingATurnEndsItsToolCallInFlight() throws Exception {
        Session s = host.createSession(ALICE);
        // 200 steps of 100 ms: twenty seconds, unless the call is cut short.
        Events turn = send(s.id(), "count slowly with the fixture server", ALICE);
        turn.next(TurnEvent.ToolCallStarted.class);
        turn.next(TurnEvent.Progress.class);
        String cancelled = host.cancelTurn(s.id(), Optional.empty(), ALICE);
        TurnEvent.ToolResultEvent result = turn.next(TurnEvent.ToolResultEvent.class);
        assertEquals("failed", result.status(), result.toString());
        assertTrue(
                result.summary().contains("the call was cancelled with its turn; server 'fixture' was told to stop"),
                result.summary());
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        assertEquals(cancelled, last.turnId(), "the turn under way was the one cancelled");
        assertTrue(last.error().orElseThrow().contains("cancelled"), last.toString());
        // The session is free for the next turn, and the server serves it.
        assertTrue(send(s.id(), "what is exposed to the internet in tvfone?", ALICE)
                .next(TurnEvent.Final.class)
                .answer()
                .contains("tvfone"));
    }

    @Test
    void relaysAServersQuestionAndChecksTheAnswerAgainstItsSchema() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "let the fixture ask me a question", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);
        assertEquals(TurnEvent.ApprovalNeeded.ELICITATION, ask.kind());
        assertEquals("fixture__test_elicitation", ask.tool());
        assertEquals("Who are you?", ask.message());
        assertTrue(ask.schema().contains("\"username\""), ask.schema());
        // The session lists the question too, for a client that did not get the event.
        Session.PendingCall pending = host.session(s.id(), ALICE).pending().getFirst();
        assertEquals(
                List.of(ask.requestId(), Session.PendingCall.ELICITATION, "fixture__test_elicitation", "Who are you?"),
                List.of(pending.id(), pending.kind(), pending.tool(), pending.message()));
        assertEquals(HostFixture.JSON.readTree(ask.schema()), HostFixture.JSON.readTree(pending.schema()));

        RequestException invalid = assertThrows(
                RequestException.class,
                () -> host.resolve(
                        s.id(),
                        ask.requestId(),
                        new Resolution(Resolution.Decision.APPROVE, Map.of("username", "ada")),
                        ALICE));
        assertEquals(RequestException.Kind.INVALID, invalid.kind());
        assertTrue(invalid.getMessage().contains("email"), invalid.getMessage());

        host.resolve(
                s.id(),
                ask.requestId(),
                new Resolution(Resolution.Decision.APPROVE, Map.of("username", "ada", "email", "ada@example.org")),
                ALICE);
        TurnEvent.Final last = turn.next(TurnEvent.Final.class);
        assertTrue(last.answer().contains("action=accept"), last.answer());
        assertTrue(last.answer().contains("ada@example.org"), last.answer());
        assertEquals(List.of(), host.session(s.id(), ALICE).pending());
    }

    /** Checks that {@code call} is refused exactly as a request naming an unknown session {@code id} is. */
    static void refusedAsUnknown(String id, org.junit.jupiter.api.function.Executable call) {
        RequestException unknown = assertThrows(RequestException.class, () -> host.session("no-such-session", BOB));
        RequestException e = assertThrows(RequestException.class, call);
        assertEquals(RequestException.Kind.NOT_FOUND, e.kind());
        assertEquals(unknown.getMessage().replace("no-such-session", id), e.getMessage());
    }

    @Test
    void anotherOperatorIsToldASessionIsUnknownAndItsOwnerMayUseIt() throws Exception {
        Session s = host.createSession(ALICE);
        assertEquals("alice", s.owner());
        Events turn = send(s.id(), "please stamp this note for me", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);

        refusedAsUnknown(s.id(), () -> host.session(s.id(), BOB));
        refusedAsUnknown(s.id(), () -> host.send(s.id(), "what is exposed in tvfone?", BOB, e -> {}));
        refusedAsUnknown(
                s.id(), () -> host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE), BOB));
        refusedAsUnknown(
                s.id(), () -> host.resolve(s.id(), "no-such-question", Resolution.of(Resolution.Decision.DENY), BOB));
        refusedAsUnknown(s.id(), () -> host.suggestions(s.id(), BOB));
        // Closing answers as for a session that is not there, and leaves it and its turn alone.
        assertFalse(host.closeSession("no-such-session", BOB));
        assertFalse(host.closeSession(s.id(), BOB));

        assertEquals("alice", host.session(s.id(), ALICE).owner());
        assertFalse(host.suggestions(s.id(), ALICE).isEmpty());
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE), ALICE);
        assertEquals("ok", turn.next(TurnEvent.ToolResultEvent.class).status());
        turn.next(TurnEvent.Final.class);
        assertTrue(send(s.id(), "what is exposed to the internet in tvfone?", ALICE)
                .next(TurnEvent.Final.class)
                .answer()
                .contains("tvfone"));
        assertTrue(host.closeSession(s.id(), ALICE));
    }

    @Test
    void anAdminMayUseAnySessionAndAnyoneOneStoredWithoutAnOwner() throws Exception {
        Session s = host.createSession(ALICE);
        Events turn = send(s.id(), "please stamp this note for me", ALICE);
        TurnEvent.ApprovalNeeded ask = turn.next(TurnEvent.ApprovalNeeded.class);
        assertEquals("alice", host.session(s.id(), ADMIN).owner());
        assertFalse(host.suggestions(s.id(), ADMIN).isEmpty());
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.DENY), ADMIN);
        assertTrue(turn.next(TurnEvent.Final.class).answer().contains("denied by ada"));
        assertTrue(send(s.id(), "what is exposed to the internet in tvfone?", ADMIN)
                .next(TurnEvent.Final.class)
                .answer()
                .contains("tvfone"));
        assertTrue(host.closeSession(s.id(), ADMIN));

        // As a store keeps a session saved before sessions had owners.
        Session legacy = Session.create(java.util.UUID.randomUUID().toString(), java.time.Instant.now());
        host.store().save(legacy);
        assertEquals("", host.session(legacy.id(), BOB).owner());
        Events stamp = send(legacy.id(), "please stamp this note for me", BOB);
        TurnEvent.ApprovalNeeded question = stamp.next(TurnEvent.ApprovalNeeded.class);
        host.resolve(legacy.id(), question.requestId(), Resolution.of(Resolution.Decision.DENY), BOB);
        assertTrue(stamp.next(TurnEvent.Final.class).answer().contains("denied by bob"));
        assertFalse(host.suggestions(legacy.id(), BOB).isEmpty());
        assertEquals(
                "please stamp this note for me",
                host.session(legacy.id(), ALICE).history().getFirst().text());
        assertTrue(host.closeSession(legacy.id(), BOB));
    }

    @Test
    void refusesBadRequestsWithTheKindOfProblem() throws Exception {
        assertEquals(
                RequestException.Kind.NOT_FOUND,
                assertThrows(RequestException.class, () -> host.send("no-such-session", "hi", ALICE, e -> {}))
                        .kind());
        assertEquals(
                RequestException.Kind.INVALID,
                assertThrows(RequestException.class, () -> host.session("../../etc", ALICE))
                        .kind());
        Session s = host.createSession(ALICE);
        assertEquals(
                RequestException.Kind.INVALID,
                assertThrows(RequestException.class, () -> host.send(s.id(), "  ", ALICE, e -> {}))
                        .kind());
        assertEquals(
                RequestException.Kind.TOO_LARGE,
                assertThrows(
                                RequestException.class,
                                () -> host.send(s.id(), "x".repeat(Host.MAX_MESSAGE_CHARS + 1), ALICE, e -> {}))
                        .kind());
        Events busy = send(s.id(), "please stamp this note for me", ALICE);
        TurnEvent.ApprovalNeeded ask = busy.next(TurnEvent.ApprovalNeeded.class);
        assertEquals(
                RequestException.Kind.CONFLICT,
                assertThrows(RequestException.class, () -> host.send(s.id(), "hello", ALICE, e -> {}))
                        .kind());
        assertEquals(
                RequestException.Kind.FORBIDDEN,
                assertThrows(RequestException.class, () -> host.attach("fixture", java.util.Optional.empty(), ALICE))
                        .kind());
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.DENY), ALICE);
        busy.next(TurnEvent.Final.class);
        assertTrue(host.closeSession(s.id(), ALICE));
        assertEquals(
                RequestException.Kind.NOT_FOUND,
                assertThrows(RequestException.class, () -> host.session(s.id(), ALICE))
                        .kind());
    }

    @Test
    void anAgentAttachedFromASessionIsRecordedWithWhoAskedButNotItsEntry() throws Exception {
        Caller admin = new Caller("root", Role.ADMIN);
        Session s = host.createSession(admin);
        assertEquals(
                RequestException.Kind.NOT_FOUND,
                assertThrows(
                                RequestException.class,
                                () -> host.attach("extra", Optional.empty(), Optional.of("no-such-session"), admin))
                        .kind());
        List<String> args = new ArrayList<>(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        args.add("io.sirsi.mcp.fixture.Main");
        String entry = HostFixture.JSON.writeValueAsString(Map.of(
                "command", HostFixture.JAVA, "args", args, "env", Map.of("EXTRA_TOKEN", "hunter2-not-for-the-graph")));
        try {
            AgentStatus status = host.attach("extra", Optional.of(entry), Optional.of(s.id()), admin);
            assertEquals("connected", status.state());
            // Asked again, it is connected already: no change, nothing more recorded.
            host.attach("extra", Optional.empty(), Optional.of(s.id()), admin);
            host.sealGraph();
        } finally {
            host.hub().detach("extra");
        }
        try (KnowledgeGraph graph = AuditMain.openLocal(root.resolve("graph"), 1000)) {
            List<io.sirsi.graph.Change> changes = graph.byType("agent-change").stream()
                    .filter(c -> c.properties().path("session").asString().equals(s.id()))
                    .toList();
            assertEquals(1, changes.size(), changes.toString());
            assertEquals("extra", changes.getFirst().properties().path("server").asString());
            assertEquals(
                    "stdio", changes.getFirst().properties().path("transport").asString());
            assertTrue(graph.neighbours(changes.getFirst().id()).stream().anyMatch(e -> e.to().equals("user:root")));
            assertFalse(changes.getFirst().properties().toString().contains("hunter2"));
        }
    }

    @Test
    void recordsToolCallsFindingsAndDecisionsInTheKnowledgeGraph() throws Exception {
        Session s = host.createSession(ALICE);
        send(s.id(), "what is exposed to the internet in tvfone?", ALICE).next(TurnEvent.Final.class);
        Events stamp = send(s.id(), "stamp the note", ALICE);
        TurnEvent.ApprovalNeeded ask = stamp.next(TurnEvent.ApprovalNeeded.class);
        host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.APPROVE), ALICE);
        stamp.next(TurnEvent.Final.class);
        host.sealGraph();
        try (KnowledgeGraph graph = AuditMain.openLocal(root.resolve("graph"), 1000)) {
            assertTrue(
                    graph.byType("finding").stream().anyMatch(c -> c.id().contains("tvfone")),
                    "no tvfone finding in the graph");
            assertTrue(graph.byType("tool-call").stream()
                    .anyMatch(c -> c.properties().toString().contains(s.id())));
            assertTrue(graph.byType("approval").stream()
                    .anyMatch(c -> c.properties().toString().contains("approve")
                            && c.properties().toString().contains(s.id())));
        }
    }
}
