package io.sirsi.graph;

import com.tangosol.coherence.config.Config;
import com.tangosol.net.Coherence;
import com.tangosol.net.NamedCache;
import com.tangosol.net.Session;
import com.tangosol.util.Filters;
import com.tangosol.util.Processors;
import com.tangosol.util.ValueExtractor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * The clustered store: the history kept in three Coherence CE caches, so that several hosts share one
 * graph. For a graph named {@code NAME}, {@code graph-NAME-changes} maps each change's position (a
 * {@code Long}) to its canonical JSON, {@code graph-NAME-seals} maps each set number to the seal's
 * canonical JSON, and {@code graph-NAME-meta} holds the counter {@code next}, the number of changes
 * appended. Values are Strings and Longs, so members need no custom serializers or POF configuration.
 *
 * <p>Appends from every member are serialized by a cluster lock on the counter entry: the holder reads the
 * counter, writes its changes at the positions after it, then advances the counter by compare-and-set (so
 * a lock that failed to exclude another appender is reported, not ignored). The counter is the commit
 * point, so positions are dense and no appender overwrites another's; changes that an appender
 * wrote beyond the counter before it died were never acknowledged, are never loaded, and are overwritten
 * by the next append. Coherence releases the lock of a member that leaves the cluster. The caches must keep
 * Coherence's default thread lease granularity, which the default cache configuration does.
 *
 * <p>"Durable on return" means here: held by the partition's owner and by its synchronous backup, so a
 * change survives the loss of any one member (with the default backup count of 1). It is not a disk
 * write: a cluster that loses every member, or more members at once than the backup count, loses the
 * graph unless Coherence persistence is configured. {@link #load()} refuses a history with a lost change.
 *
 * <p>The store orders and keeps what every member writes; it does not make two {@link KnowledgeGraph}
 * instances agree on sets: a set number sealed twice with different contents is refused.
 */
public final class CoherenceGraphStore implements GraphStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String NEXT = "next";
    private static final int PAGE = 1000;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final String description;
    private final NamedCache<Long, String> changes;
    private final NamedCache<Long, String> seals;
    private final NamedCache<String, Long> meta;
    private volatile boolean closed;

    private CoherenceGraphStore(
            String graph,
            NamedCache<Long, String> changes,
            NamedCache<Long, String> seals,
            NamedCache<String, Long> meta) {
        this.changes = changes;
        this.seals = seals;
        this.meta = meta;
        this.description = "coherence cluster '"
                + changes.getCacheService().getCluster().getClusterName() + "' graph '" + graph + "'";
    }

    /**
     * Opens the graph {@code graphName} through this JVM's Coherence cluster member, starting one if none
     * runs. The member joins the cluster that the {@code coherence.*} system properties (or their
     * {@code COHERENCE_*} environment variables) name. Secure by default: when none of
     * {@code coherence.wka}, {@code coherence.localhost} and {@code coherence.clusteraddress} is set, the
     * member binds to loopback and discovers members only there ({@code coherence.localhost=127.0.0.1},
     * {@code coherence.wka=127.0.0.1}, {@code coherence.ttl=0}). To share the graph between hosts, set on
     * each: {@code coherence.cluster} (the same name everywhere), {@code coherence.wka} (the addresses of
     * one or more members), and {@code coherence.localhost} (this host's cluster address).
     *
     * <p>The member keeps running after {@link #close()}: it holds partitions of the cluster's data. It
     * leaves the cluster when the JVM exits, or on {@link Coherence#closeAll()}.
     */
    public static CoherenceGraphStore open(String graphName) {
        Objects.requireNonNull(graphName, "graphName");
        requireName(graphName);
        return create(member().getSession(), graphName);
    }

    /** The graph {@code graphName} in the caches of {@code session}, for an application that runs Coherence itself. */
    public static CoherenceGraphStore create(Session session, String graphName) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(graphName, "graphName");
        requireName(graphName);
        String prefix = "graph-" + graphName + "-";
        CoherenceGraphStore store = new CoherenceGraphStore(
                graphName,
                session.getCache(prefix + "changes"),
                session.getCache(prefix + "seals"),
                session.getCache(prefix + "meta"));
        store.startCounter();
        return store;
    }

    private static void requireName(String graphName) {
        if (!NAME.matcher(graphName).matches()) {
            throw new GraphException("a graph name is 1 to 100 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit, not '" + graphName + "'");
        }
    }

    private static synchronized Coherence member() {
        Coherence running = Coherence.getInstance();
        try {
            if (running != null && !running.isClosed()) {
                return running.start().join();
            }
            loopbackByDefault();
            return Coherence.clusterMember().start().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new GraphException("cannot join the Coherence cluster: " + cause.getMessage(), cause);
        }
    }

    private static void loopbackByDefault() {
        if (Config.getProperty("coherence.wka") == null
                && Config.getProperty("coherence.localhost") == null
                && Config.getProperty("coherence.clusteraddress") == null) {
            System.setProperty("coherence.wka", "127.0.0.1");
            System.setProperty("coherence.localhost", "127.0.0.1");
            if (Config.getProperty("coherence.ttl") == null) {
                System.setProperty("coherence.ttl", "0");
            }
        }
    }

    /**
     * Puts the counter of a new graph. A missing counter next to existing changes means the cluster lost the
     * counter's partition; starting again at 0 would overwrite acknowledged changes, so that is refused.
     */
    private void startCounter() {
        if (readCounter() != null) {
            return;
        }
        if (changes.isEmpty() && seals.isEmpty()) {
            meta.invoke(NEXT, Processors.put(Filters.not(Filters.present()), 0L));
        } else if (readCounter() == null) {
            throw lost("its change counter");
        }
    }

    private Long readCounter() {
        // invoke reads the owner's entry, never a near cache's copy.
        return meta.invoke(NEXT, Processors.extract(ValueExtractor.<Long>identity()));
    }

    private long counter() {
        Long next = readCounter();
        if (next == null) {
            throw lost("its change counter");
        }
        return next;
    }

    private GraphException lost(String what) {
        return new GraphException(description + " has lost " + what + ": more members failed at once than the"
                + " backup count covers, or the cluster restarted without persistence");
    }

    /** Appends changes at the next positions; on return they are held by their owners and backups. */
    @Override
    public void append(List<Change> batch) {
        Objects.requireNonNull(batch, "batch");
        requireOpen();
        if (batch.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(batch.size());
        for (Change c : batch) {
            lines.add(Canonical.string(c.json()));
        }
        lock();
        try {
            long first = counter();
            Map<Long, String> page = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                page.put(first + i, lines.get(i));
                if (page.size() == PAGE || i == lines.size() - 1) {
                    changes.putAll(page);
                    page.clear();
                }
            }
            long next = first + lines.size();
            // Compare-and-set rather than put: if the counter moved, the lock did not exclude another appender.
            Long moved = meta.invoke(
                    NEXT, Processors.put(Filters.equal(ValueExtractor.<Long>identity(), first), next, true));
            if (moved != null) {
                throw new GraphException(description + ": the change counter moved from " + first + " to " + moved
                        + " while this append held the lock; the caches need thread lease granularity");
            }
        } finally {
            if (!meta.unlock(NEXT)) {
                // As with lock, a partition move can void the answer; a second unlock frees only our own lock.
                meta.unlock(NEXT);
            }
        }
    }

    private void lock() {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        for (long left = LOCK_WAIT.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            // Coherence answers false at once when the key's partition moves to another member while the
            // request waits; asking again is safe, as a holder's second lock is a no-op and one unlock frees it.
            if (meta.lock(NEXT, left)) {
                return;
            }
        }
        throw new GraphException(description + ": another appender held the append lock for " + LOCK_WAIT.toSeconds()
                + " s; nothing was written, try again");
    }

    /** Records a seal; a set number already sealed with other contents is refused. */
    @Override
    public void seal(SealedSet set) {
        Objects.requireNonNull(set, "set");
        requireOpen();
        String json = Canonical.string(set.json());
        String held = seals.invoke(set.set(), Processors.put(Filters.not(Filters.present()), json, true));
        if (held != null && !held.equals(json)) {
            throw new GraphException(description + " already holds a different seal for set " + set.set());
        }
    }

    /** Every change in position order, and every seal in set order. */
    @Override
    public History load() {
        requireOpen();
        // Seals first: a seal is written after the changes it covers were counted, so the counter read
        // afterwards covers every seal read here.
        Map<Long, String> sealed = new TreeMap<>();
        for (Map.Entry<Long, String> e : seals.entrySet()) {
            sealed.put(e.getKey(), e.getValue());
        }
        List<SealedSet> sets = new ArrayList<>(sealed.size());
        long sealedChanges = 0;
        for (Map.Entry<Long, String> e : sealed.entrySet()) {
            long expected = sets.size() + 1L;
            if (e.getKey() != expected) {
                throw lost("the seal of set " + expected);
            }
            SealedSet s = SealedSet.of(Canonical.parseStrict(e.getValue(), description + " seal " + e.getKey()));
            if (s.set() != expected) {
                throw new GraphException(description + " holds the seal of set " + s.set() + " under " + expected);
            }
            sets.add(s);
            sealedChanges += s.count();
        }
        long count = counter();
        if (sealedChanges > count) {
            throw new GraphException(
                    description + " seals " + sealedChanges + " changes but counts only " + count + " changes");
        }
        List<Change> out = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE));
        for (long from = 0; from < count; from += PAGE) {
            long to = Math.min(count, from + PAGE);
            Set<Long> keys = new HashSet<>();
            for (long p = from; p < to; p++) {
                keys.add(p);
            }
            Map<Long, String> page = changes.getAll(keys);
            for (long p = from; p < to; p++) {
                String json = page.get(p);
                if (json == null) {
                    throw lost("change " + p + " of " + count);
                }
                String where = description + " change " + p;
                out.add(Change.of(Canonical.parseStrict(json, where), where));
            }
        }
        return new History(out, sets);
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * Stops this store's use of the caches. The caches, their data and the cluster member stay: other
     * stores in this JVM may share the cache handles, and the member holds partitions of the cluster's data.
     */
    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new GraphException(description + " is closed");
        }
    }
}
