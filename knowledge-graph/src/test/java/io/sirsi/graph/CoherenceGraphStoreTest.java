package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.tangosol.net.Coherence;
import com.tangosol.net.PartitionedService;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clustered store on a real Coherence CE cluster bound to loopback: storage-enabled members in this
 * JVM, one in this class loader and others each in an isolated class loader with its own copy of Coherence
 * and of this module, so each is a separate cluster member, as another host would be.
 */
class CoherenceGraphStoreTest {
    private static final Map<String, String> CLUSTER = Map.of(
            "coherence.cluster", "sirsi-graph-test-" + UUID.randomUUID(),
            "coherence.localhost", "127.0.0.1",
            "coherence.wka", "127.0.0.1",
            "coherence.ttl", "0",
            "coherence.distributed.backupcount", "1",
            "coherence.join.timeout", "200",
            "coherence.log.level", "3");
    private static final Map<String, Optional<String>> SAVED = new HashMap<>();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Coherence member;
    private static IsolatedMember second;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        CLUSTER.forEach((key, value) -> {
            SAVED.put(key, Optional.ofNullable(System.getProperty(key)));
            System.setProperty(key, value);
        });
        member = Coherence.clusterMember().start().join();
        second = IsolatedMember.start("member-2");
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (second != null) {
                second.kill();
            }
        } finally {
            Coherence.closeAll();
            SAVED.forEach((key, value) ->
                    value.ifPresentOrElse(v -> System.setProperty(key, v), () -> System.clearProperty(key)));
        }
    }

    private LocalJournal journal() {
        return LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001"));
    }

    @Test
    void aNewStoreOnTheClusterSeesTheWholeHistoryOfAClosedOne() throws Exception {
        CoherenceGraphStore first = CoherenceGraphStore.open("restart");
        try (KnowledgeGraph g = KnowledgeGraph.open(first, journal(), 10)) {
            g.commit(Sample.estate("111", "sync-1", 5)); // 17 changes: one full set of 10
            assertEquals(1, g.sets().size());
        }
        assertThrows(GraphException.class, first::load, "a closed store is not used again");

        List<SealedSet> sets;
        try (KnowledgeGraph g = KnowledgeGraph.open(CoherenceGraphStore.open("restart"), journal(), 10)) {
            assertEquals(17, g.counts()[0]);
            assertEquals(10, g.counts()[1]);
            assertEquals(1, g.sets().size());
            assertEquals(
                    "m5.xlarge",
                    g.node("111/i-3")
                            .orElseThrow()
                            .properties()
                            .path("instanceType")
                            .asString());
            assertEquals(2, g.byTag("app", "portal").size(), "instances 0 and 3");
            g.commit(Sample.estate("222", "sync-1", 5));
            g.flush();
            sets = g.sets();
            assertEquals(4, sets.size(), "34 changes in sets of 10");
            Path export = dir.resolve("export.jsonl");
            g.export(export);
            AuditReport report = Auditor.verify(export, g.ledger().messages(), "journal.log");
            assertTrue(report.ok(), report.summary());
            assertEquals(34, report.changes());
        }
        try (CoherenceGraphStore store = CoherenceGraphStore.create(member.getSession(), "restart")) {
            GraphStore.History history = store.load();
            assertEquals(sets, history.sets());
            assertEquals(Sample.estate("111", "sync-1", 5), history.changes().subList(0, 17));
            assertEquals(Sample.estate("222", "sync-1", 5), history.changes().subList(17, 34));
        }
    }

    @Test
    void appendsFromTwoMembersAtOnceTakeDensePositionsAndLoseNothing() throws Exception {
        // Whether the members' appends overlap is up to the scheduler; the invariants are checked every
        // time, and the scenario is run again (a fresh graph) until the appends did interleave, so the
        // test is known to have exercised concurrent appends.
        boolean interleaved = false;
        for (int attempt = 1; attempt <= 5 && !interleaved; attempt++) {
            interleaved = appendConcurrently("concurrent-" + attempt);
        }
        assertTrue(interleaved, "in five attempts the two members' appends never interleaved");
    }

    private boolean appendConcurrently(String graph) throws Exception {
        int batches = 20;
        int size = 5;
        CountDownLatch ready = new CountDownLatch(2 * 2 + 3);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService members = Executors.newFixedThreadPool(2)) {
            Future<?> here =
                    members.submit(releasing(ready, () -> Remote.append(graph, "a", 2, 2, batches, size, ready, go)));
            Future<?> there = members.submit(
                    releasing(ready, () -> second.call("append", graph, "b", 1, 3, batches, size, ready, go)));
            boolean started;
            try {
                started = ready.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                go.countDown();
            }
            here.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            there.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(started, "every appender started");
        }

        int total = (2 * 2 + 3) * batches * size;
        List<Change> changes;
        try (CoherenceGraphStore store = CoherenceGraphStore.create(member.getSession(), graph)) {
            changes = store.load().changes();
        }
        assertEquals(total, changes.size());
        Set<Long> dense = LongStream.range(0, total).boxed().collect(Collectors.toSet());
        assertEquals(
                dense,
                new HashSet<>(member.getSession()
                        .getCache("graph-" + graph + "-changes")
                        .keySet()));

        Map<String, Integer> position = new LinkedHashMap<>();
        for (int p = 0; p < changes.size(); p++) {
            assertNull(
                    position.put(changes.get(p).id(), p),
                    "appended once: " + changes.get(p).id());
        }
        Set<String> expected = new HashSet<>();
        expected.addAll(Remote.ids("a", 2, 2, batches, size));
        expected.addAll(Remote.ids("b", 1, 3, batches, size));
        assertEquals(expected, position.keySet());
        for (String id : position.keySet()) {
            int c = Integer.parseInt(id.substring(id.lastIndexOf("/c") + 2));
            if (c > 0) {
                String previous = id.substring(0, id.lastIndexOf("/c") + 2) + (c - 1);
                assertEquals(position.get(previous) + 1, position.get(id), "a batch keeps its positions together");
            }
        }
        int lastA = lastIndexOf(changes, "a/");
        int lastB = lastIndexOf(changes, "b/");
        return firstIndexOf(changes, "b/") < lastA && firstIndexOf(changes, "a/") < lastB;
    }

    /** Runs {@code side}; if it fails, opens {@code ready} so that the test reports the failure at once. */
    private static Runnable releasing(CountDownLatch ready, Runnable side) {
        return () -> {
            try {
                side.run();
            } catch (RuntimeException | Error e) {
                while (ready.getCount() > 0) {
                    ready.countDown();
                }
                throw e;
            }
        };
    }

    private static int firstIndexOf(List<Change> changes, String prefix) {
        for (int p = 0; p < changes.size(); p++) {
            if (changes.get(p).id().startsWith(prefix)) {
                return p;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Change> changes, String prefix) {
        for (int p = changes.size() - 1; p >= 0; p--) {
            if (changes.get(p).id().startsWith(prefix)) {
                return p;
            }
        }
        return -1;
    }

    @Test
    void theHistorySurvivesTheLossOfAMemberThatOwnedPartOfIt() throws Exception {
        IsolatedMember third = IsolatedMember.start("member-3");
        try {
            try (KnowledgeGraph g = KnowledgeGraph.open(CoherenceGraphStore.open("survival"), journal(), 50)) {
                g.commit(Sample.estate("111", "sync-1", 60)); // 182 changes
                g.flush(); // sets of 50, 50, 50 and 32
            }
            PartitionedService service = (PartitionedService)
                    member.getSession().getCache("graph-survival-changes").getCacheService();
            LongPredicate onThird = p -> service.getKeyOwner(p).getId() == third.id;
            eventually(
                    () -> LongStream.range(0, 182).anyMatch(onThird)
                            && !"ENDANGERED".equals(service.getBackupStrengthName()),
                    "the third member owns some of the changes and every partition has a backup");
            GraphStore.History before;
            try (CoherenceGraphStore store = CoherenceGraphStore.open("survival")) {
                before = store.load();
            }
            assertTrue(LongStream.range(0, 182).anyMatch(onThird), "the third member still owns some changes");

            third.kill(); // a hard stop: no partition is handed over, the others restore from their backups

            GraphStore.History after;
            try (CoherenceGraphStore store = CoherenceGraphStore.open("survival")) {
                after = store.load();
            }
            assertFalse(
                    member.getCluster().getMemberSet().stream().anyMatch(m -> m.getId() == third.id),
                    "the third member is gone");
            assertEquals(182, after.changes().size());
            assertEquals(4, after.sets().size());
            assertEquals(before.changes(), after.changes());
            assertEquals(before.sets(), after.sets());
            try (KnowledgeGraph g = KnowledgeGraph.open(CoherenceGraphStore.open("survival"), journal(), 50)) {
                Path export = dir.resolve("export.jsonl");
                g.export(export);
                AuditReport report = Auditor.verify(export, g.ledger().messages(), "journal.log");
                assertTrue(report.ok(), report.summary());
                assertEquals(182, report.changes());
            }
        } finally {
            third.kill();
        }
    }

    @Test
    void aSetSealedAgainWithOtherContentsIsRefused() {
        try (CoherenceGraphStore store = CoherenceGraphStore.create(member.getSession(), "seals")) {
            store.append(Sample.estate("111", "sync-1", 1));
            SealedSet set = new SealedSet(1, 0, 5, "sync-1", "ab".repeat(32), 1, Sample.AT, "cd".repeat(48));
            store.seal(set);
            store.seal(set); // a retry of the same seal is harmless
            SealedSet other = new SealedSet(1, 0, 5, "sync-1", "ef".repeat(32), 2, Sample.AT, "cd".repeat(48));
            GraphException e = assertThrows(GraphException.class, () -> store.seal(other));
            assertTrue(e.getMessage().contains("different seal for set 1"), e.getMessage());
            assertEquals(List.of(set), store.load().sets());
        }
    }

    @Test
    void aGraphNameMustBeAPlainCacheNamePart() {
        assertThrows(GraphException.class, () -> CoherenceGraphStore.create(member.getSession(), "a*"));
        assertThrows(GraphException.class, () -> CoherenceGraphStore.open("../x"));
        assertThrows(GraphException.class, () -> CoherenceGraphStore.open(""));
    }

    /**
     * Waits for cluster state that changes without an event this member sees (partitions moving between
     * other members), polling as Awaitility would, with a deadline.
     */
    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + PATIENCE + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** A cluster member in its own class loader: its own Coherence, its own copy of this module's classes. */
    private static final class IsolatedMember {
        private final URLClassLoader loader;
        private final Class<?> remote;
        private final int id;
        private boolean killed;

        private IsolatedMember(URLClassLoader loader, Class<?> remote) {
            this.loader = loader;
            this.remote = remote;
            this.id = (Integer) call("start");
        }

        static IsolatedMember start(String name) {
            URL[] path = Stream.of(
                            Coherence.class,
                            CoherenceGraphStore.class,
                            CoherenceGraphStoreTest.class,
                            JsonMapper.class,
                            JsonParser.class,
                            JsonProperty.class)
                    .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                    .distinct()
                    .toArray(URL[]::new);
            URLClassLoader loader = new URLClassLoader(name, path, ClassLoader.getPlatformClassLoader());
            try {
                return new IsolatedMember(loader, loader.loadClass(Remote.class.getName()));
            } catch (ClassNotFoundException | RuntimeException e) {
                close(loader);
                throw new IllegalStateException("cannot start " + name, e);
            }
        }

        Object call(String name, Object... args) {
            Method method = Arrays.stream(remote.getMethods())
                    .filter(m -> m.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return method.invoke(null, args);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(name + " failed in " + loader.getName(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        synchronized void kill() {
            if (!killed) {
                killed = true;
                try {
                    call("kill");
                } finally {
                    close(loader);
                }
            }
        }

        private static void close(URLClassLoader loader) {
            try {
                loader.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a member does; it runs in this class loader and in isolated ones, so only java.base types cross. */
    public static final class Remote {
        private Remote() {}

        /** Starts this class loader's cluster member and returns its id. */
        public static int start() {
            return Coherence.clusterMember()
                    .start()
                    .join()
                    .getCluster()
                    .getLocalMember()
                    .getId();
        }

        /**
         * Appends {@code batches} batches of {@code size} changes from each of {@code threads} threads on each
         * of {@code stores} store instances, all starting when {@code go} opens.
         */
        public static void append(
                String graph,
                String prefix,
                int stores,
                int threads,
                int batches,
                int size,
                CountDownLatch ready,
                CountDownLatch go) {
            List<CoherenceGraphStore> opened = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(stores * threads)) {
                List<Future<?>> running = new ArrayList<>();
                for (int s = 0; s < stores; s++) {
                    CoherenceGraphStore store = CoherenceGraphStore.open(graph);
                    opened.add(store);
                    for (int t = 0; t < threads; t++) {
                        String thread = prefix + "/s" + s + "/t" + t;
                        running.add(pool.submit(() -> {
                            ready.countDown();
                            if (!go.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never told to go");
                            }
                            for (int b = 0; b < batches; b++) {
                                store.append(batch(thread + "/b" + b, size));
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> f : running) {
                    f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e);
            } finally {
                opened.forEach(CoherenceGraphStore::close);
            }
        }

        /** The ids {@link #append} writes. */
        static List<String> ids(String prefix, int stores, int threads, int batches, int size) {
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < stores; s++) {
                for (int t = 0; t < threads; t++) {
                    for (int b = 0; b < batches; b++) {
                        batch(prefix + "/s" + s + "/t" + t + "/b" + b, size).forEach(c -> ids.add(c.id()));
                    }
                }
            }
            return ids;
        }

        private static List<Change> batch(String name, int size) {
            List<Change> batch = new ArrayList<>(size);
            for (int c = 0; c < size; c++) {
                batch.add(Change.node(name + "/c" + c, "test.item", Sample.props(), "111", "sync-1", Sample.AT));
            }
            return batch;
        }

        /** Stops this class loader's member at once, as a crash would: it hands nothing over. */
        public static void kill() {
            Coherence running = Coherence.getInstance();
            if (running != null) {
                running.getCluster().stop();
            }
            Coherence.closeAll();
        }
    }
}
