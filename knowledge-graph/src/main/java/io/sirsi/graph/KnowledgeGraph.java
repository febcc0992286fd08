package io.sirsi.graph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge graph: changes are committed (durable in the store when {@link #commit} returns), applied
 * to the queryable graph, and grouped into change sets of up to {@code setSize} changes; each set's Merkle
 * root goes to the ledger in one message. A set is sealed when it is full, or on {@link #flush()}.
 */
public final class KnowledgeGraph implements AutoCloseable {
    private final GraphStore store;
    private final Ledger ledger;
    private final int setSize;
    private final Graph graph = new Graph();
    private final List<byte[]> canonical = new ArrayList<>();
    private final List<SealedSet> sets = new ArrayList<>();
    private long sealed;
    /** Set when a seal's outcome is unknown (the ledger or the store failed halfway): reopen to reconcile. */
    private String broken;

    private KnowledgeGraph(GraphStore store, Ledger ledger, int setSize) {
        this.store = store;
        this.ledger = ledger;
        this.setSize = setSize;
        GraphStore.History history = store.load();
        for (Change c : history.changes()) {
            add(c);
        }
        for (SealedSet s : history.sets()) {
            sets.add(s);
            sealed += s.count();
        }
        adoptLedgerSets();
    }

    /**
     * Opens the graph kept in {@code store}, anchoring to {@code ledger} in sets of at most {@code setSize}
     * changes. A set the ledger holds but the store had not recorded (a crash between the two) is adopted
     * when its root matches the next changes; any other disagreement is an error.
     */
    public static KnowledgeGraph open(GraphStore store, Ledger ledger, int setSize) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ledger, "ledger");
        if (setSize < 1 || setSize > 1_000_000) {
            throw new GraphException("a change set holds 1 to 1,000,000 changes, not " + setSize);
        }
        return new KnowledgeGraph(store, ledger, setSize);
    }

    private void add(Change c) {
        graph.apply(c, canonical.size());
        canonical.add(c.canonical());
    }

    private void adoptLedgerSets() {
        List<TopicMessage> messages = ledger.messages();
        long lastSeq = sets.isEmpty() ? 0 : sets.get(sets.size() - 1).sequence();
        if (!sets.isEmpty()) {
            // The ledger must hold the store's last set where the store says, or the two are not a pair.
            SealedSet last = sets.get(sets.size() - 1);
            TopicMessage at = messages.stream()
                    .filter(m -> m.sequence() == last.sequence())
                    .findFirst()
                    .orElseThrow(() -> new GraphException(ledger.describe() + " does not hold set " + last.set()
                            + " at seq " + last.sequence() + ", which " + store.describe() + " says anchors it: "
                            + "the ledger is missing, truncated, or another topic's"));
            LedgerMessage lm = LedgerMessage.parse(at.message(), ledger.describe() + " seq " + at.sequence());
            if (lm.set() != last.set() || !lm.root().equals(last.root())) {
                throw new GraphException(ledger.describe() + " seq " + at.sequence() + " anchors set " + lm.set()
                        + " with another root than " + store.describe() + " records for set " + last.set());
            }
        }
        for (TopicMessage m : messages) {
            if (m.sequence() <= lastSeq) {
                continue;
            }
            LedgerMessage lm = LedgerMessage.parse(m.message(), ledger.describe() + " seq " + m.sequence());
            long expectedSet = sets.size() + 1L;
            if (lm.set() != expectedSet || sealed + lm.count() > canonical.size()) {
                throw new GraphException(ledger.describe() + " holds set " + lm.set() + " at seq " + m.sequence()
                        + " that " + store.describe() + " cannot account for (it has " + sets.size() + " sets and "
                        + (canonical.size() - sealed) + " unsealed changes)");
            }
            String root = Hashes.hex(root(sealed, lm.count()));
            if (!root.equals(lm.root())) {
                throw new GraphException(ledger.describe() + " seq " + m.sequence() + " anchors set " + lm.set()
                        + " with a root that the next " + lm.count() + " changes in " + store.describe()
                        + " do not give");
            }
            SealedSet s = new SealedSet(
                    lm.set(),
                    sealed,
                    lm.count(),
                    lm.syncTag(),
                    root,
                    m.sequence(),
                    m.consensus(),
                    Hashes.hex(m.runningHash()));
            if (!store.readOnly()) {
                store.seal(s);
            }
            sets.add(s);
            sealed += s.count();
            lastSeq = m.sequence();
        }
    }

    /** Commits changes: durable, and visible to queries, when this returns. Seals every full set. */
    public synchronized void commit(List<Change> changes) {
        requireHealthy();
        if (changes.isEmpty()) {
            return;
        }
        store.append(changes);
        for (Change c : changes) {
            add(c);
        }
        while (canonical.size() - sealed >= setSize) {
            sealNext(setSize);
        }
    }

    /**
     * The end of a sync of {@code account} tagged {@code syncTag}: removes that account's nodes and edges
     * that the sync did not see (their tag is older), and only that account's. Returns the removals.
     */
    public synchronized List<Change> cleanUp(String account, String syncTag, Instant at) {
        List<Change> removals = new ArrayList<>();
        for (Change e : graph.edges()) {
            if (e.account().equals(account) && !e.syncTag().equals(syncTag)) {
                removals.add(new Change(
                        "edge-removed",
                        e.id(),
                        e.type(),
                        e.from(),
                        e.to(),
                        Canonical.MAPPER.createObjectNode(),
                        account,
                        syncTag,
                        at));
            }
        }
        for (Change n : graph.nodes()) {
            if (n.account().equals(account) && !n.syncTag().equals(syncTag)) {
                removals.add(new Change(
                        "node-removed",
                        n.id(),
                        n.type(),
                        "",
                        "",
                        Canonical.MAPPER.createObjectNode(),
                        account,
                        syncTag,
                        at));
            }
        }
        commit(removals);
        return removals;
    }

    /** Seals every unsealed change, in sets of at most the set size. */
    public synchronized void flush() {
        while (canonical.size() > sealed) {
            sealNext((int) Math.min(setSize, canonical.size() - sealed));
        }
    }

    private void requireHealthy() {
        if (broken != null) {
            throw new GraphException("the graph stopped after " + broken + "; reopen it to reconcile the store with "
                    + ledger.describe());
        }
    }

    private void sealNext(int count) {
        requireHealthy();
        byte[] root = root(sealed, count);
        String tag = Change.of(
                        Canonical.MAPPER.readTree(
                                new String(canonical.get((int) (sealed + count - 1)), StandardCharsets.UTF_8)),
                        "change")
                .syncTag();
        long previous = sets.isEmpty() ? 0 : sets.get(sets.size() - 1).sequence();
        LedgerMessage message = new LedgerMessage(
                LedgerMessage.VERSION, sets.size() + 1L, safeTag(tag), Hashes.hex(root), count, previous);
        byte[] bytes = message.bytes();
        TopicMessage m;
        try {
            m = ledger.submit(bytes);
        } catch (RuntimeException e) {
            // The message may or may not have reached the ledger: sending the set again could anchor it twice.
            broken =
                    "set " + message.set() + " was sent to the ledger with an unknown outcome (" + e.getMessage() + ")";
            throw e;
        }
        SealedSet s = new SealedSet(
                message.set(),
                sealed,
                count,
                message.syncTag(),
                message.root(),
                m.sequence(),
                m.consensus(),
                Hashes.hex(m.runningHash()));
        try {
            store.seal(s);
        } catch (RuntimeException e) {
            broken = "set " + message.set() + " was anchored at seq " + m.sequence() + " but not recorded ("
                    + e.getMessage() + ")";
            throw e;
        }
        sets.add(s);
        sealed += count;
    }

    /**
     * Sync tags go on the ledger: anything outside letters, digits and {@code ._:/+-} is replaced (an
     * {@code @} could make a tag an e-mail address), and long tags are cut.
     */
    private static String safeTag(String tag) {
        String t = tag.replaceAll("[^A-Za-z0-9._:/+-]", "_");
        return t.isEmpty() ? "_" : t.length() > 200 ? t.substring(0, 200) : t;
    }

    private byte[] root(long from, int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(Merkle.leaf(canonical.get((int) (from + i))));
        }
        return Merkle.root(leaves);
    }

    /** A node as it stands, if it exists. */
    public synchronized Optional<Change> node(String id) {
        return graph.node(id);
    }

    /** An edge as it stands, if it exists. */
    public synchronized Optional<Change> edge(String id) {
        return graph.edge(id);
    }

    /** The edges out of and into a node. */
    public synchronized List<Change> neighbours(String id) {
        requireNode(id);
        List<Change> out = new ArrayList<>(graph.edgesOut(id));
        out.addAll(graph.edgesIn(id));
        return out;
    }

    /** The shortest path of node ids between two nodes, along edges either way, within {@code maxDepth} hops. */
    public synchronized Optional<List<String>> path(String from, String to, int maxDepth) {
        requireNode(from);
        requireNode(to);
        return graph.path(from, to, maxDepth);
    }

    /** The nodes of a type. */
    public synchronized List<Change> byType(String type) {
        return graph.byType(type);
    }

    /** The nodes whose {@code tags} property has {@code key} set to {@code value}. */
    public synchronized List<Change> byTag(String key, String value) {
        return graph.nodes().stream()
                .filter(n -> value.equals(n.properties().path("tags").path(key).asString(null)))
                .toList();
    }

    /** Every version of a node or edge, oldest first, each with the set that anchors it (if sealed yet). */
    public synchronized List<Version> history(String id) {
        List<Long> positions = graph.versions(id);
        if (positions.isEmpty()) {
            throw new GraphException("Unknown node or edge id '" + id + "'");
        }
        List<Version> out = new ArrayList<>();
        for (long p : positions) {
            out.add(new Version(change(p), p, setOf(p).map(SealedSet::set)));
        }
        return out;
    }

    /** One version of a node or edge: the change, its position in the history, and its set once sealed. */
    public record Version(Change change, long position, Optional<Long> set) {}

    /** The inclusion proof of the latest version of a node or edge; it must be sealed. */
    public synchronized Proof prove(String id) {
        List<Long> positions = graph.versions(id);
        if (positions.isEmpty()) {
            throw new GraphException("Unknown node or edge id '" + id + "'");
        }
        long p = positions.get(positions.size() - 1);
        SealedSet s = setOf(p).orElseThrow(() ->
                new GraphException("The latest version of '" + id + "' is not anchored yet; flush the graph first"));
        List<byte[]> leaves = new ArrayList<>(s.count());
        for (int i = 0; i < s.count(); i++) {
            leaves.add(Merkle.leaf(canonical.get((int) (s.firstChange() + i))));
        }
        int index = (int) (p - s.firstChange());
        List<String> path = Merkle.path(leaves, index).stream().map(Hashes::hex).toList();
        return new Proof(
                new String(canonical.get((int) p), StandardCharsets.UTF_8),
                s.set(),
                index,
                s.count(),
                path,
                s.root(),
                s.sequence(),
                s.consensus(),
                s.runningHash());
    }

    private Optional<SealedSet> setOf(long position) {
        if (position >= sealed) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = sets.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sets.get(mid).firstChange() <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.of(sets.get(lo));
    }

    private Change change(long position) {
        JsonNode n = Canonical.MAPPER.readTree(new String(canonical.get((int) position), StandardCharsets.UTF_8));
        return Change.of(n, "change " + position);
    }

    private void requireNode(String id) {
        if (graph.node(id).isEmpty()) {
            throw new GraphException("Unknown node id '" + id + "'");
        }
    }

    /** The sealed sets. */
    public synchronized List<SealedSet> sets() {
        return List.copyOf(sets);
    }

    /** How many changes are committed, and how many of them are sealed. */
    public synchronized long[] counts() {
        return new long[] {canonical.size(), sealed};
    }

    /** Writes every sealed set, with its changes and leaves, for an auditor to verify against the ledger. */
    public synchronized void export(Path file) {
        Export.write(file, sets, set -> {
            List<byte[]> changes = new ArrayList<>(set.count());
            for (int i = 0; i < set.count(); i++) {
                changes.add(canonical.get((int) (set.firstChange() + i)));
            }
            return changes;
        });
    }

    /** The ledger this graph anchors to. */
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public synchronized void close() {
        store.close();
        ledger.close();
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
