package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.session.RedisServer;
import io.sirsi.host.session.RedisSessionStore;
import io.sirsi.host.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under a host: a server killed mid-turn, the host stopped and started again over the same session
 * store, and Redis restarted under a host whose sessions live there.
 */
class HostFaultTest {
    static final Caller ALICE = new Caller("alice", Role.OPERATOR);

    @TempDir
    Path root;

    @Test
    void aServerKilledMidTurnEndsTheTurnWithItsErrorWithinOneSecondAndTheNextTurnWorks() throws Exception {
        try (Host host = HostFixture.start(root, ApprovalPolicy.askAlways())) {
            Session s = host.createSession(ALICE);
            HostTest.Events turn = new HostTest.Events();
            host.send(s.id(), "count slowly to two hundred", ALICE, turn.queue::add);
            turn.next(TurnEvent.Progress.class);
            ProcessHandle fixture = host.hub().process("fixture").orElseThrow(() -> new AssertionError(host.agents()));
            long killed = System.nanoTime();
            assertTrue(fixture.destroyForcibly());
            TurnEvent.Final last = turn.next(TurnEvent.Final.class);
            long millis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(millis < 1000, "the turn ended " + millis + " ms after the kill");
            assertTrue(last.error().orElseThrow().contains("server 'fixture' exited with code 137"), last.toString());
            assertEquals(
                    "failed",
                    turn.seen.stream()
                            .filter(e -> e instanceof TurnEvent.ToolResultEvent)
                            .map(e -> ((TurnEvent.ToolResultEvent) e).status())
                            .findFirst()
                            .orElseThrow());

            await(() -> host.agent("fixture").state().equals("connected"), Duration.ofSeconds(60));
            HostTest.Events again = new HostTest.Events();
            host.send(s.id(), "let the fixture ask me a question", ALICE, again.queue::add);
            TurnEvent.ApprovalNeeded ask = again.next(TurnEvent.ApprovalNeeded.class);
            host.resolve(s.id(), ask.requestId(), Resolution.of(Resolution.Decision.DENY), ALICE);
            assertTrue(again.next(TurnEvent.Final.class).answer().contains("action=decline"));
        }
    }

    @Test
    void aSessionOutlivesTheHostThatWroteIt() throws Exception {
        String id;
        String answer;
        try (Host host = HostFixture.start(root, ApprovalPolicy.askAlways())) {
            id = host.createSession(ALICE).id();
            HostTest.Events turn = new HostTest.Events();
            host.send(id, "what is exposed to the internet in uniedu?", ALICE, turn.queue::add);
            answer = turn.next(TurnEvent.Final.class).answer();
        }
        try (Host host = HostFixture.start(root, ApprovalPolicy.askAlways())) {
            Session s = host.session(id, ALICE);
            assertEquals(
                    List.of("user", "assistant"),
                    s.history().stream().map(Session.Message::role).toList());
            assertEquals(answer, s.history().get(1).text());
            assertEquals("uniedu", s.context().estate());
        }
    }

    @Test
    void reconnectsToRedisAfterItRestarts() throws Exception {
        Path data = Files.createDirectories(root.resolve("redis"));
        try (RedisServer redis = RedisServer.start(data);
                Host host = HostFixture.start(
                        root,
                        ApprovalPolicy.askAlways(),
                        RedisSessionStore.connect("127.0.0.1", redis.port(), Duration.ofHours(1)))) {
            String id = host.createSession(ALICE).id();
            HostTest.Events turn = new HostTest.Events();
            host.send(id, "what is exposed to the internet in kulturio?", ALICE, turn.queue::add);
            turn.next(TurnEvent.Final.class);

            redis.stop();
            RequestException down = assertThrows(RequestException.class, () -> host.session(id, ALICE));
            assertEquals(RequestException.Kind.UNAVAILABLE, down.kind());
            assertTrue(down.getMessage().contains("redis at 127.0.0.1:" + redis.port()), down.getMessage());

            // Redis here keeps nothing across a restart (no persistence): the host works again with new sessions.
            redis.restart();
            String next = host.createSession(ALICE).id();
            HostTest.Events after = new HostTest.Events();
            host.send(next, "what is exposed to the internet in kulturio?", ALICE, after.queue::add);
            assertTrue(after.next(TurnEvent.Final.class).answer().contains("kulturio-bastion-1"));
            assertEquals(2, host.session(next, ALICE).history().size());
        }
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
