package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SessionStore} shares; each store runs it through a thin subclass. */
abstract class AbstractSessionStoreTest {
    /** A store whose sessions live {@code ttl}; the test closes it. */
    protected abstract SessionStore open(Duration ttl);

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String id() {
        return "t-" + UUID.randomUUID();
    }

    /** A session of olga's with something in every field. */
    static Session full(String id, Instant now) {
        return new Session(id, now, now, List.of(), Session.Context.EMPTY, List.of(), List.of(), "olga")
                .withMessage(new Session.Message("user", "plan a migration of UniEdu to AWS", now))
                .withMessage(new Session.Message("assistant", "Which IaC format?", now.plusMillis(5)))
                .withContext(new Session.Context("uniedu", "aws", Map.of("terraform", "/tmp/a/main.tf")))
                .withApproval("aws__*")
                .withPending(List.of(
                        new Session.PendingCall("c1", "aws__stop_instance", "{\"id\":\"i-1\"}", now),
                        new Session.PendingCall(
                                "e1",
                                "fixture__test_elicitation",
                                "{}",
                                now,
                                Session.PendingCall.ELICITATION,
                                "Who are you?",
                                "{\"type\":\"object\",\"properties\":{\"username\":{\"type\":\"string\"}}}")));
    }

    @Test
    void createdSessionIsFoundEmptyWithItsOwner() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session s = store.create("olga", now());
            Session got = store.get(s.id()).orElseThrow();
            assertEquals(s, got);
            assertEquals("olga", got.owner());
            assertTrue(got.history().isEmpty());
            assertEquals(Session.Context.EMPTY, got.context());
        }
    }

    @Test
    void ownerIsKeptThroughEveryChangeAndSave() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Instant t = now();
            Session s = store.create("olga", t);
            store.save(s.withMessage(new Session.Message("user", "assess uniedu", t.plusMillis(1)))
                    .withContext(new Session.Context("uniedu", "aws", Map.of()))
                    .withApproval("aws__*")
                    .withPending(List.of(new Session.PendingCall("c1", "aws__stop_instance", "{}", t)))
                    .touched(t.plusMillis(2)));
            Session got = store.get(s.id()).orElseThrow();
            assertEquals("olga", got.owner());
            assertEquals("uniedu", got.context().estate());
            Session unowned = Session.create(id(), t);
            store.save(unowned);
            assertEquals("", store.get(unowned.id()).orElseThrow().owner());
        }
    }

    @Test
    void listsAnOwnersSessionsMostRecentlyActiveFirst() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            String owner = "lister-" + UUID.randomUUID();
            Instant t = now();
            Session older = store.create(owner, t.minusSeconds(20));
            Session newer = store.create(owner, t.minusSeconds(10));
            Session other = store.create("someone-else-" + UUID.randomUUID(), t);
            assertEquals(
                    List.of(newer.id(), older.id()),
                    store.list(Optional.of(owner), 10).stream().map(Session::id).toList());
            assertEquals(
                    List.of(newer.id()),
                    store.list(Optional.of(owner), 1).stream().map(Session::id).toList());
            List<String> all =
                    store.list(Optional.empty(), 1000).stream().map(Session::id).toList();
            assertTrue(all.containsAll(List.of(newer.id(), older.id(), other.id())), all.toString());
            assertTrue(all.indexOf(other.id()) < all.indexOf(newer.id()), "the most recent first: " + all);
            store.delete(newer.id());
            assertEquals(
                    List.of(older.id()),
                    store.list(Optional.of(owner), 10).stream().map(Session::id).toList());
        }
    }

    @Test
    void savedSessionComesBackWhole() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session s = full(id(), now());
            store.save(s);
            assertEquals(s, store.get(s.id()).orElseThrow());
        }
    }

    @Test
    void saveReplacesAndDeleteRemoves() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session s = full(id(), now());
            store.save(s);
            Session changed = s.withApproval("gcp__list_*");
            store.save(changed);
            assertEquals(
                    List.of("aws__*", "gcp__list_*"),
                    store.get(s.id()).orElseThrow().approvals());
            assertTrue(store.delete(s.id()));
            assertTrue(store.get(s.id()).isEmpty());
            assertFalse(store.delete(s.id()));
        }
    }

    @Test
    void unknownSessionIsEmpty() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertTrue(store.get(id()).isEmpty());
        }
    }

    @Test
    void historyKeepsItsOrder() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Instant t = now();
            Session s = Session.create(id(), t);
            for (int i = 0; i < 50; i++) {
                s = s.withMessage(new Session.Message(i % 2 == 0 ? "user" : "assistant", "m" + i, t.plusMillis(i)));
                store.save(s);
            }
            List<Session.Message> h = store.get(s.id()).orElseThrow().history();
            assertEquals(50, h.size());
            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i, h.get(i).text());
                assertEquals(t.plusMillis(i), h.get(i).time());
            }
        }
    }

    @Test
    void sessionExpiresAfterItsTtl() {
        Duration ttl = Duration.ofSeconds(2);
        try (SessionStore store = open(ttl)) {
            Session idle = Session.create(id(), now());
            store.save(idle);
            assertTrue(store.get(idle.id()).isPresent(), "a fresh session is there");
            // A session saved already past its TTL is not kept.
            Session stale = Session.create(id(), now().minus(ttl).minusSeconds(1));
            store.save(stale);
            assertTrue(store.get(stale.id()).isEmpty(), "a stale session is not kept");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (store.get(idle.id()).isPresent()) {
                if (System.nanoTime() > deadline) {
                    fail("session " + idle.id() + " still there 20 s after a TTL of " + ttl);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            store.expire(Instant.now());
            assertTrue(store.get(idle.id()).isEmpty());
        }
    }

    @Test
    void concurrentSavesOfDifferentSessionsAllLand() throws Exception {
        int threads = 8;
        int saves = 20;
        try (SessionStore store = open(Duration.ofHours(1))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> ids = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ids.add(pool.submit(() -> {
                        Instant at = now();
                        Session s = Session.create(id(), at);
                        for (int i = 0; i < saves; i++) {
                            s = s.withMessage(new Session.Message("user", "m" + i, at.plusMillis(i)));
                            store.save(s);
                        }
                        return s.id();
                    }));
                }
                for (Future<String> f : ids) {
                    Session got = store.get(f.get(60, TimeUnit.SECONDS)).orElseThrow();
                    assertEquals(saves, got.history().size());
                    assertEquals("m" + (saves - 1), got.history().get(saves - 1).text());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
