package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sirsi.host.ApprovalPolicy;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.HostFixture;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole conversations over the WebSocket chat API, with the JDK's WebSocket client against a {@link HostServer}
 * on loopback over real servers: a turn's events in order, approvals and a server's question answered over the
 * socket, bad requests refused with their code while the connection stays open, authentication at the upgrade
 * and by a browser's first message; and the HTTP health and metrics beside it.
 */
class WebSocketChatTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long TIMEOUT = 60;
    static final Map<String, Caller> TOKENS = Map.of(
            "admin-token", new Caller("ada", Role.ADMIN),
            "operator-token", new Caller("otto", Role.OPERATOR),
            "viewer-token", new Caller("vera", Role.VIEWER),
            "limited-token", new Caller("lim", Role.VIEWER));

    @TempDir
    static Path root;

    static Host host;
    static HostServer server;
    static HttpClient http;
    static final FakeAuthentication AUTH = new FakeAuthentication();

    /** Fixed tokens for the three roles, and one whose rate limit a test switches on. */
    static final class FakeAuthentication implements Authentication {
        final AtomicBoolean overRate = new AtomicBoolean();

        @Override
        public Caller authenticate(Optional<String> authorization) {
            String value = authorization.orElseThrow(
                    () -> new RequestException(RequestException.Kind.UNAUTHENTICATED, "no authorization header"));
            Caller caller = value.startsWith("Bearer ") ? TOKENS.get(value.substring(7)) : null;
            if (caller == null) {
                throw new RequestException(RequestException.Kind.UNAUTHENTICATED, "the token is not accepted");
            }
            if (caller.subject().equals("lim") && overRate.get()) {
                throw new RequestException(RequestException.Kind.RATE_LIMITED, "lim is over its rate; retry later");
            }
            return caller;
        }
    }

    @BeforeAll
    static void start() {
        host = HostFixture.start(root, ApprovalPolicy.askAlways());
        server = HostServer.start(host, AUTH, "127.0.0.1", 0);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
        if (http != null) {
            http.close();
        }
    }

    /** A real WebSocket client that queues each whole text message it receives, as JSON. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();
        WebSocket socket;

        static Client connect(String token) throws Exception {
            return open(http.newWebSocketBuilder().header("Authorization", "Bearer " + token));
        }

        /** As a browser connects: an Origin header, no authorization header. */
        static Client browser() throws Exception {
            return open(http.newWebSocketBuilder().header("Origin", "http://localhost:3000"));
        }

        static Client open(WebSocket.Builder builder) throws Exception {
            Client c = new Client();
            c.socket = builder.buildAsync(ws(), c).get(TIMEOUT, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(JSON.readTree(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        void send(String json) throws Exception {
            socket.sendText(json, true).get(TIMEOUT, TimeUnit.SECONDS);
        }

        void send(Map<String, ?> message) throws Exception {
            send(JSON.writeValueAsString(message));
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = received.poll(TIMEOUT, TimeUnit.SECONDS);
            if (m == null) {
                fail("no message within " + TIMEOUT + " s");
            }
            return m;
        }

        /** The next message, which must be of {@code type}. */
        JsonNode expect(String type) throws InterruptedException {
            JsonNode m = next();
            assertEquals(type, m.path("type").asString(), m.toString());
            return m;
        }

        /** Sends a request and returns its reply, which must be of {@code type}. */
        JsonNode call(Map<String, ?> request, String type) throws Exception {
            send(request);
            return expect(type);
        }

        /** Every message up to and including the next of {@code type}. */
        List<JsonNode> until(String type) throws InterruptedException {
            List<JsonNode> seen = new ArrayList<>();
            while (true) {
                JsonNode m = next();
                seen.add(m);
                if (m.path("type").asString().equals(type)) {
                    return seen;
                }
                if (m.path("type").asString().equals("final")) {
                    fail("the turn ended before a " + type + ": " + types(seen));
                }
            }
        }

        /** Pings, and checks that the pong names this ping: the connection is open and in order. */
        void stillServes(String id) throws Exception {
            JsonNode pong = call(Map.of("type", "ping", "id", id), "pong");
            assertEquals(id, pong.path("id").asString());
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    static URI ws() {
        return URI.create("ws://127.0.0.1:" + server.port() + ChatSocket.PATH);
    }

    static List<String> types(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("type").asString()).toList();
    }

    static String createSession(Client c) throws Exception {
        return c.call(Map.of("type", "create_session"), "session")
                .at("/session/id")
                .asString();
    }

    /** Sends a message; returns the turn's id from its {@code accepted} reply. */
    static String say(Client c, String session, String text, String id) throws Exception {
        JsonNode accepted = c.call(Map.of("type", "message", "id", id, "session", session, "text", text), "accepted");
        assertEquals(id, accepted.path("id").asString());
        assertEquals(session, accepted.path("session").asString());
        String turn = accepted.path("turn").asString();
        assertFalse(turn.isBlank(), accepted.toString());
        return turn;
    }

    static void assertError(JsonNode m, String code, String id, String says) {
        assertEquals("error", m.path("type").asString(), m.toString());
        assertEquals(code, m.path("code").asString(), m.toString());
        if (id == null) {
            assertFalse(m.has("id"), m.toString());
        } else {
            assertEquals(id, m.path("id").asString(), m.toString());
        }
        assertTrue(m.path("message").asString().contains(says), m.toString());
    }

    static long refused(String code) {
        return host.metrics().counter("sirsi_requests_refused_total{api=\"ws\",code=\"" + code + "\"}");
    }

    @Test
    void answersAnExposureQuestionWithTheTurnsEventsInOrderAndKeepsItInTheSession() throws Exception {
        try (Client c = Client.connect("operator-token")) {
            JsonNode created = c.call(Map.of("type", "create_session", "id", "c1"), "session");
            assertEquals("c1", created.path("id").asString());
            String session = created.at("/session/id").asString();
            String turn = say(c, session, "what is exposed to the internet in the Kulturio estate?", "m1");

            List<JsonNode> events = c.until("final");
            for (JsonNode e : events) {
                assertEquals(session, e.path("session").asString(), e.toString());
                assertEquals(turn, e.path("turn").asString(), e.toString());
                assertEquals("m1", e.path("id").asString(), e.toString());
            }
            List<String> types = types(events);
            assertEquals(
                    List.of("text", "tool_call_started", "tool_result", "final"),
                    types.stream().filter(t -> !t.equals("progress")).toList());
            int progress = types.indexOf("progress");
            assertTrue(
                    progress == -1
                            || (progress > types.indexOf("tool_call_started")
                                    && types.lastIndexOf("progress") < types.indexOf("tool_result")),
                    types.toString());
            JsonNode started = events.get(types.indexOf("tool_call_started"));
            assertEquals("security__run_checks", started.path("tool").asString());
            assertEquals("kulturio", started.at("/arguments/estate").asString(), started.toString());
            JsonNode result = events.get(types.indexOf("tool_result"));
            assertEquals("ok", result.path("status").asString(), result.toString());
            assertEquals(
                    started.path("callId").asString(), result.path("callId").asString());
            JsonNode last = events.getLast();
            assertTrue(last.path("answer").asString().contains("kulturio-bastion-1"), last.toString());
            assertFalse(last.has("error"), last.toString());

            JsonNode saved = c.call(Map.of("type", "get_session", "id", "g1", "session", session), "session");
            assertEquals("g1", saved.path("id").asString());
            JsonNode history = saved.at("/session/history");
            assertEquals(2, history.size(), saved.toString());
            assertEquals("user", history.get(0).path("role").asString());
            assertEquals("assistant", history.get(1).path("role").asString());
            assertEquals(
                    last.path("answer").asString(), history.get(1).path("text").asString());
            assertEquals("kulturio", saved.at("/session/context/estate").asString());

            JsonNode next = c.call(Map.of("type", "suggestions", "session", session), "suggestions");
            assertTrue(
                    next.path("suggestions").isArray()
                            && !next.path("suggestions").isEmpty(),
                    next.toString());
        }
    }

    @Test
    void runsAToolThatIsNotReadOnlyOnceTheOperatorApprovesItOverTheSocket() throws Exception {
        try (Client c = Client.connect("operator-token")) {
            String session = createSession(c);
            say(c, session, "please stamp this note for me", "m1");
            List<JsonNode> before = c.until("approval_needed");
            assertFalse(
                    types(before).contains("tool_call_started"), types(before).toString());
            JsonNode ask = before.getLast();
            assertEquals("tool", ask.path("kind").asString(), ask.toString());
            assertEquals("plugins__stamp", ask.path("tool").asString());
            assertEquals("stamped", ask.at("/arguments/text").asString(), ask.toString());
            String request = ask.path("requestId").asString();
            assertEquals(
                    request,
                    c.call(Map.of("type", "get_session", "session", session), "session")
                            .at("/session/pending/0/id")
                            .asString());

            c.send(Map.of(
                    "type", "resolve", "id", "r1", "session", session, "request", request, "decision", "approve"));
            // The reply and the turn's next events come from different threads: their order is not fixed.
            List<JsonNode> after = c.until("final");
            JsonNode resolved = after.stream()
                    .filter(m -> m.path("type").asString().equals("resolved"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no resolved reply: " + types(after)));
            assertEquals("r1", resolved.path("id").asString());
            assertEquals("approve", resolved.path("decision").asString());
            List<String> events = types(after).stream()
                    .filter(t -> !t.equals("resolved") && !t.equals("progress"))
                    .toList();
            assertEquals(List.of("tool_call_started", "tool_result", "final"), events);
            JsonNode result = after.get(types(after).indexOf("tool_result"));
            assertEquals("ok", result.path("status").asString(), result.toString());
            assertTrue(result.path("summary").asString().contains("stamped"), result.toString());
        }
    }

    @Test
    void relaysAServersQuestionAndTakesTheAnswerWithItsContent() throws Exception {
        try (Client c = Client.connect("operator-token")) {
            String session = createSession(c);
            say(c, session, "let the fixture ask me a question", "m1");
            JsonNode ask = c.until("approval_needed").getLast();
            assertEquals("elicitation", ask.path("kind").asString(), ask.toString());
            assertEquals("fixture__test_elicitation", ask.path("tool").asString());
            assertEquals("Who are you?", ask.path("message").asString());
            List<String> required = new ArrayList<>();
            ask.at("/schema/required").forEach(r -> required.add(r.asString()));
            assertTrue(required.containsAll(List.of("username", "email")), ask.toString());
            String request = ask.path("requestId").asString();

            // An answer that does not match the schema is refused, and the question still waits.
            c.send(Map.of(
                    "type",
                    "resolve",
                    "id",
                    "r0",
                    "session",
                    session,
                    "request",
                    request,
                    "decision",
                    "approve",
                    "content",
                    Map.of("username", "ada")));
            assertError(c.next(), "invalid", "r0", "email");

            c.send(Map.of(
                    "type",
                    "resolve",
                    "id",
                    "r1",
                    "session",
                    session,
                    "request",
                    request,
                    "decision",
                    "approve",
                    "content",
                    Map.of("username", "ada", "email", "ada@example.org")));
            List<JsonNode> after = c.until("final");
            assertTrue(types(after).contains("resolved"), types(after).toString());
            String answer = after.getLast().path("answer").asString();
            assertTrue(answer.contains("action=accept"), answer);
            assertTrue(answer.contains("ada@example.org"), answer);
        }
    }

    @Test
    void reportsADeniedCallAsDeniedAndDoesNotRunIt() throws Exception {
        try (Client c = Client.connect("operator-token")) {
            String session = createSession(c);
            say(c, session, "put a stamp on my note", "m1");
            String request =
                    c.until("approval_needed").getLast().path("requestId").asString();
            c.send(Map.of("type", "resolve", "session", session, "request", request, "decision", "deny"));
            List<JsonNode> after = c.until("final");
            assertFalse(types(after).contains("tool_call_started"), types(after).toString());
            JsonNode result = after.get(types(after).indexOf("tool_result"));
            assertEquals("denied", result.path("status").asString(), result.toString());
            String answer = after.getLast().path("answer").asString();
            assertTrue(answer.contains("plugins__stamp was denied by otto; it was not run"), answer);
        }
    }

    @Test
    void listsTheCallersSessions() throws Exception {
        try (Client c = Client.connect("viewer-token")) {
            String session = createSession(c);
            JsonNode listed = c.call(Map.of("type", "list_sessions", "id", "l1", "limit", 500), "sessions");
            JsonNode found = null;
            for (JsonNode s : listed.path("sessions")) {
                assertEquals("vera", s.path("owner").asString(), s.toString());
                if (s.path("id").asString().equals(session)) {
                    found = s;
                }
            }
            assertTrue(found != null, listed.toString());
            assertEquals(0, found.path("messages").asInt(), found.toString());
            c.send(Map.of("type", "list_sessions", "id", "l2", "all", true));
            assertError(c.next(), "forbidden", "l2", "listing everyone's sessions needs an admin");
            c.send(Map.of("type", "list_sessions", "id", "l3", "limit", "many"));
            assertError(c.next(), "invalid", "l3", "limit");
            c.stillServes("p1");
        }
    }

    @Test
    void cancelStopsTheSessionsTurnAndItsQuestion() throws Exception {
        try (Client c = Client.connect("operator-token")) {
            String session = createSession(c);
            say(c, session, "put a stamp on my note", "m1");
            JsonNode ask = c.until("approval_needed").getLast();
            String turn = ask.path("turn").asString();
            c.send(Map.of("type", "cancel", "id", "x0", "session", session, "turn", "20260101-000000-nosuchtu"));
            assertError(c.next(), "not_found", "x0", "turn 20260101-000000-nosuchtu is not under way");
            c.send(Map.of("type", "cancel", "id", "x1", "session", session));
            List<JsonNode> after = new ArrayList<>();
            while (after.stream().noneMatch(m -> m.path("type").asString().equals("final"))
                    || after.stream().noneMatch(m -> m.path("type").asString().equals("turn_cancelled"))) {
                after.add(c.next());
            }
            JsonNode reply = after.stream()
                    .filter(m -> m.path("type").asString().equals("turn_cancelled"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(turn, reply.path("turn").asString(), reply.toString());
            assertEquals("x1", reply.path("id").asString(), reply.toString());
            JsonNode last = after.stream()
                    .filter(m -> m.path("type").asString().equals("final"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(last.path("error").asString().contains("cancel"), last.toString());
            assertFalse(types(after).contains("tool_call_started"), types(after).toString());
            c.send(Map.of("type", "cancel", "id", "x2", "session", session));
            assertError(c.next(), "not_found", "x2", "no turn is under way in session " + session);
            c.stillServes("p1");
        }
    }

    @Test
    void refusesBadRequestsWithTheirCodeAndKeepsTheConnectionOpen() throws Exception {
        long invalid = refused("invalid");
        long notFound = refused("not_found");
        long tooLarge = refused("too_large");
        try (Client c = Client.connect("operator-token")) {
            c.send("{\"type\": \"ping\", ");
            assertError(c.next(), "invalid", null, "not JSON");
            c.stillServes("p1");

            c.send("[1, 2]");
            assertError(c.next(), "invalid", null, "JSON object");
            c.stillServes("p2");

            c.send(Map.of("id", "t1", "session", "x"));
            assertError(c.next(), "invalid", "t1", "'type' is missing");
            c.stillServes("p3");

            c.send(Map.of("type", "dance", "id", "t2"));
            assertError(c.next(), "invalid", "t2", "unknown type 'dance'");
            c.stillServes("p4");

            c.send(Map.of("type", "message", "id", "t3", "text", "hello"));
            assertError(c.next(), "invalid", "t3", "'session' is missing");
            c.stillServes("p5");

            c.send(Map.of("type", "message", "id", "t4", "session", 42, "text", "hello"));
            assertError(c.next(), "invalid", "t4", "'session' must be a string");
            c.stillServes("p6");

            c.send(Map.of("type", "message", "id", "t5", "session", "no-such-session", "text", "hello"));
            assertError(c.next(), "not_found", "t5", "no-such-session");
            c.send(Map.of("type", "get_session", "id", "t6", "session", "no-such-session"));
            assertError(c.next(), "not_found", "t6", "no-such-session");
            c.stillServes("p7");

            String session = createSession(c);
            c.send(Map.of("type", "resolve", "id", "t7", "session", session, "request", "r", "decision", "maybe"));
            assertError(c.next(), "invalid", "t7", "no decision 'maybe'");
            c.stillServes("p8");

            // Over the host's limit, in bytes of UTF-8: the JDK client sends it in frames of 16 KiB.
            c.send(Map.of("type", "ping", "id", "t8", "pad", "\u00e9".repeat(HostServer.MAX_MESSAGE_BYTES / 2)));
            assertError(c.next(), "too_large", null, String.valueOf(HostServer.MAX_MESSAGE_BYTES));
            c.stillServes("p9");

            c.send(Map.of(
                    "type", "message", "id", "t9", "session", session, "text", "x".repeat(Host.MAX_MESSAGE_CHARS + 1)));
            assertError(c.next(), "too_large", "t9", String.valueOf(Host.MAX_MESSAGE_CHARS));
            c.stillServes("p10");

            c.send(Map.of("type", "list_tools", "id", "t10", "server", "nope"));
            assertError(c.next(), "not_found", "t10", "nope");
            c.stillServes("p11");

            c.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(TIMEOUT, TimeUnit.SECONDS);
            assertError(c.next(), "invalid", null, "binary");
            c.stillServes("p12");
        }
        assertEquals(8, refused("invalid") - invalid);
        assertEquals(3, refused("not_found") - notFound);
        assertEquals(2, refused("too_large") - tooLarge);
    }

    @Test
    void countsAMessagesSizeInBytesOfUtf8() {
        String text = "a\u00e9\u20ac\uD83D\uDE00"; // 1, 2, 3 and 4 bytes
        assertEquals(10, ChatSocket.utf8Length(text));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ChatSocket.utf8Length(text));
    }

    @Test
    void aViewerMayNotApproveATurnsToolCallNorManageAgents() throws Exception {
        try (Client operator = Client.connect("operator-token");
                Client viewer = Client.connect("viewer-token");
                Client admin = Client.connect("admin-token")) {
            // The viewer's session, in which an admin's turn calls the tool.
            String session = createSession(viewer);
            say(admin, session, "please stamp this note for me", "m1");
            String request =
                    admin.until("approval_needed").getLast().path("requestId").asString();

            viewer.send(Map.of(
                    "type", "resolve", "id", "v1", "session", session, "request", request, "decision", "approve"));
            assertError(viewer.next(), "forbidden", "v1", "vera is a viewer");
            viewer.stillServes("v2");

            viewer.send(Map.of("type", "create_agent", "id", "v3", "name", "fixture"));
            assertError(viewer.next(), "forbidden", "v3", "needs an admin");
            viewer.stillServes("v4");

            JsonNode viewerTools = viewer.call(Map.of("type", "list_tools"), "tools");
            assertFalse(viewerTools.toString().contains("plugins__stamp"), viewerTools.toString());
            assertTrue(viewerTools.toString().contains("security__run_checks"), viewerTools.toString());
            JsonNode plugins = operator.call(Map.of("type", "list_tools", "server", "plugins"), "tools");
            JsonNode stamp = null;
            for (JsonNode tool : plugins.path("tools")) {
                assertEquals("plugins", tool.path("server").asString(), tool.toString());
                if (tool.path("name").asString().equals("plugins__stamp")) {
                    stamp = tool;
                }
            }
            assertTrue(stamp != null, plugins.toString());
            assertFalse(stamp.path("readOnly").asBoolean(), stamp.toString());
            assertTrue(stamp.path("destructive").asBoolean(), stamp.toString());
            assertEquals("object", stamp.at("/inputSchema/type").asString(), stamp.toString());

            JsonNode attached = admin.call(Map.of("type", "create_agent", "id", "a1", "name", "fixture"), "agent");
            assertEquals("connected", attached.at("/agent/state").asString(), attached.toString());
            JsonNode status = admin.call(Map.of("type", "agent_status", "name", "security"), "agent");
            assertEquals("connected", status.at("/agent/state").asString(), status.toString());
            JsonNode agents = admin.call(Map.of("type", "list_agents"), "agents");
            assertEquals(4, agents.path("agents").size(), agents.toString());
            JsonNode health = admin.call(Map.of("type", "health"), "health");
            assertEquals("ok", health.at("/health/status").asString(), health.toString());

            viewer.send(Map.of("type", "resolve", "session", session, "request", request, "decision", "cancel"));
            viewer.expect("resolved");
            String answer = admin.until("final").getLast().path("answer").asString();
            assertTrue(answer.contains("cancelled"), answer);
        }
    }

    @Test
    void anotherCallersSessionIsNotFoundAndGetSessionShowsTheOwner() throws Exception {
        try (Client operator = Client.connect("operator-token");
                Client viewer = Client.connect("viewer-token")) {
            JsonNode created = operator.call(Map.of("type", "create_session"), "session");
            assertEquals("otto", created.at("/session/owner").asString(), created.toString());
            String session = created.at("/session/id").asString();
            JsonNode read = operator.call(Map.of("type", "get_session", "session", session), "session");
            assertEquals("otto", read.at("/session/owner").asString(), read.toString());

            viewer.send(Map.of("type", "get_session", "id", "u1", "session", "no-such-session"));
            JsonNode unknown = viewer.next();
            assertError(unknown, "not_found", "u1", "no-such-session");
            String message = unknown.path("message").asString().replace("no-such-session", session);
            List<Map<String, String>> requests = List.of(
                    Map.of("type", "get_session", "id", "o1", "session", session),
                    Map.of("type", "message", "id", "o2", "session", session, "text", "what is exposed in tvfone?"),
                    Map.of("type", "suggestions", "id", "o3", "session", session),
                    Map.of("type", "resolve", "id", "o4", "session", session, "request", "r", "decision", "deny"));
            for (Map<String, String> request : requests) {
                viewer.send(request);
                JsonNode refused = viewer.next();
                assertError(refused, "not_found", request.get("id"), session);
                assertEquals(message, refused.path("message").asString(), refused.toString());
            }
            JsonNode closed = viewer.call(Map.of("type", "close_session", "session", session), "session_closed");
            assertFalse(closed.path("closed").asBoolean(), closed.toString());
            viewer.stillServes("v1");

            JsonNode still = operator.call(Map.of("type", "get_session", "session", session), "session");
            assertEquals(session, still.at("/session/id").asString(), "another caller closed the session");
        }
    }

    @Test
    void aTurnGoesOnWhenItsSocketClosesAndItsQuestionCanBeAnsweredFromAnother() throws Exception {
        String session;
        String request;
        try (Client first = Client.connect("operator-token")) {
            session = createSession(first);
            say(first, session, "stamp the note", "m1");
            request = first.until("approval_needed").getLast().path("requestId").asString();
            first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT, TimeUnit.SECONDS);
            // The server answers the close after it has handled it.
            assertEquals(WebSocket.NORMAL_CLOSURE, first.closed.get(TIMEOUT, TimeUnit.SECONDS));
        }
        try (Client second = Client.connect("operator-token")) {
            JsonNode resolved = second.call(
                    Map.of("type", "resolve", "session", session, "request", request, "decision", "deny"), "resolved");
            assertEquals("deny", resolved.path("decision").asString());
            // The turn ends on its own thread and no socket follows it: ask for the session until it has the
            // answer (each a request and its reply; there is no event to wait on).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT);
            JsonNode history;
            do {
                assertTrue(System.nanoTime() < deadline, "the turn did not end within " + TIMEOUT + " s");
                history = second.call(Map.of("type", "get_session", "session", session), "session")
                        .at("/session/history");
            } while (!history.get(history.size() - 1).path("role").asString().equals("assistant"));
            assertTrue(
                    history.get(history.size() - 1)
                            .path("text")
                            .asString()
                            .contains("plugins__stamp was denied by otto; it was not run"),
                    history.toString());
            JsonNode closed = second.call(Map.of("type", "close_session", "session", session), "session_closed");
            assertTrue(closed.path("closed").asBoolean(), closed.toString());
            second.send(Map.of("type", "get_session", "id", "g1", "session", session));
            assertError(second.next(), "not_found", "g1", session);
        }
    }

    @Test
    void refusesAnUpgradeWithoutAValidTokenWith401AndAJsonError() throws Exception {
        long before = refused("unauthenticated");
        WebSocketHandshakeException missing = handshakeFailure(http.newWebSocketBuilder());
        assertEquals(401, missing.getResponse().statusCode());
        JsonNode body = JSON.readTree(String.valueOf(missing.getResponse().body()));
        assertEquals("unauthenticated", body.at("/error/code").asString(), body.toString());
        assertTrue(body.at("/error/message").asString().contains("authorization"), body.toString());

        WebSocketHandshakeException wrong =
                handshakeFailure(http.newWebSocketBuilder().header("Authorization", "Bearer guessed-token"));
        assertEquals(401, wrong.getResponse().statusCode());
        String wrongBody = String.valueOf(wrong.getResponse().body());
        assertEquals(
                "unauthenticated", JSON.readTree(wrongBody).at("/error/code").asString(), wrongBody);
        assertFalse(wrongBody.contains("guessed-token"), wrongBody);
        assertEquals(2, refused("unauthenticated") - before);

        // A plain request to /ws is told to upgrade.
        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(server.url().resolve(ChatSocket.PATH))
                        .version(HttpClient.Version.HTTP_1_1)
                        .header("Authorization", "Bearer viewer-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, plain.statusCode(), plain.body());
        assertEquals("invalid", JSON.readTree(plain.body()).at("/error/code").asString(), plain.body());
        assertEquals("websocket", plain.headers().firstValue("upgrade").orElse(""));
    }

    static WebSocketHandshakeException handshakeFailure(WebSocket.Builder builder) throws Exception {
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> builder.buildAsync(ws(), new WebSocket.Listener() {})
                        .get(TIMEOUT, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), String.valueOf(e.getCause()));
    }

    @Test
    void aBrowserAuthenticatesWithItsFirstMessage() throws Exception {
        try (Client c = Client.browser()) {
            JsonNode ok = c.call(Map.of("type", "auth", "id", "a1", "token", "operator-token"), "authenticated");
            assertEquals("a1", ok.path("id").asString());
            assertEquals("otto", ok.path("subject").asString());
            assertEquals("operator", ok.path("role").asString());
            c.stillServes("p1");
            c.send(Map.of("type", "auth", "id", "a2", "token", "operator-token"));
            assertError(c.next(), "invalid", "a2", "authenticated already");
            c.stillServes("p2");
        }
        try (Client c = Client.browser()) {
            c.send(Map.of("type", "ping", "id", "p1"));
            assertError(c.next(), "unauthenticated", "p1", "\"type\":\"auth\"");
            assertEquals(1008, c.closed.get(TIMEOUT, TimeUnit.SECONDS));
        }
        try (Client c = Client.browser()) {
            c.send(Map.of("type", "auth", "token", "guessed-token"));
            assertError(c.next(), "unauthenticated", null, "not accepted");
            assertEquals(1008, c.closed.get(TIMEOUT, TimeUnit.SECONDS));
        }
        try (Client c = Client.browser()) {
            c.send("not json");
            assertError(c.next(), "unauthenticated", null, "not JSON");
            assertEquals(1008, c.closed.get(TIMEOUT, TimeUnit.SECONDS));
        }
    }

    @Test
    void answersAMessageOverTheRateLimitWithAnErrorAndServesTheNextOne() throws Exception {
        try (Client c = Client.connect("limited-token")) {
            c.stillServes("p1");
            AUTH.overRate.set(true);
            try {
                c.send(Map.of("type", "ping", "id", "p2"));
                assertError(c.next(), "rate_limited", "p2", "retry later");
            } finally {
                AUTH.overRate.set(false);
            }
            c.stillServes("p3");
        }
    }

    @Test
    void servesHealthWithoutATokenAndMetricsOnlyWithOne() throws Exception {
        HttpResponse<String> health = get("/health", Optional.empty());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode agents = JSON.readTree(health.body()).path("agents");
        assertEquals(4, agents.size(), health.body());
        agents.forEach(a -> assertEquals("connected", a.path("state").asString(), a.toString()));

        HttpResponse<String> anonymous = get("/metrics", Optional.empty());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(
                "unauthenticated",
                JSON.readTree(anonymous.body()).at("/error/code").asString());

        try (Client c = Client.connect("viewer-token")) {
            String session = createSession(c);
            say(c, session, "what is exposed to the internet?", "m1");
            c.until("final");
        }
        HttpResponse<String> metrics = get("/metrics", Optional.of("viewer-token"));
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("sirsi_turns_total{outcome=\"answered\"}"), metrics.body());
    }

    static HttpResponse<String> get(String path, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
