package io.sirsi.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Verifies a graph export against a topic's messages without trusting the host: it recomputes every
 * change's leaf, every set's Merkle root and the whole running-hash chain, checks that each set's root,
 * count and tag are in the ledger message at the sequence the export names, that the messages chain by
 * their previous-sequence field, and that every set on the ledger is in the export.
 */
public final class Auditor {
    private Auditor() {}

    /** Verifies {@code export} against the messages of a ledger, named {@code ledgerName} in the report. */
    public static AuditReport verify(Path export, List<TopicMessage> messages, String ledgerName) {
        long sets = 0;
        long changes = 0;
        try {
            LocalJournal.verifyChain(messages, ledgerName);
            Map<Long, TopicMessage> bySeq = new HashMap<>();
            Map<Long, LedgerMessage> anchors = new HashMap<>();
            long previousSeq = 0;
            for (TopicMessage m : messages) {
                LedgerMessage lm = LedgerMessage.parse(m.message(), ledgerName + " seq " + m.sequence());
                if (lm.previous() != previousSeq) {
                    throw new GraphException(ledgerName + " seq " + m.sequence() + ": names seq " + lm.previous()
                            + " as the message before it, but that was seq " + previousSeq);
                }
                if (lm.set() != anchors.size() + 1L) {
                    throw new GraphException(ledgerName + " seq " + m.sequence() + ": anchors set " + lm.set()
                            + " where set " + (anchors.size() + 1) + " belongs");
                }
                bySeq.put(m.sequence(), m);
                anchors.put(m.sequence(), lm);
                previousSeq = m.sequence();
            }
            String name = export.getFileName().toString();
            Lines.Raw read = Lines.readRaw(export);
            if (read.tornTail()) {
                throw new GraphException(
                        name + " line " + (read.lines().size() + 1) + ": incomplete (no newline at the end)");
            }
            List<byte[]> lines = read.lines();
            if (lines.isEmpty()
                    || !Arrays.equals(lines.get(0), Export.HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                throw new GraphException(name + " line 1: not a Sirsi graph export header");
            }
            // Sets verify independently: check them in parallel, then report the first failure in file order.
            List<Object> results = java.util.stream.IntStream.range(1, lines.size())
                    .parallel()
                    .mapToObj(i -> {
                        String where = name + " line " + (i + 1);
                        try {
                            return (Object) verifySet(lines.get(i), where, i, bySeq, anchors);
                        } catch (GraphException e) {
                            return e;
                        } catch (RuntimeException e) {
                            return new GraphException(where + ": " + e.getMessage(), e);
                        }
                    })
                    .toList();
            for (Object r : results) {
                if (r instanceof GraphException e) {
                    throw e;
                }
                sets++;
                changes += (Integer) r;
            }
            if (sets != anchors.size()) {
                throw new GraphException(ledgerName + " anchors " + anchors.size() + " sets, but " + name + " holds "
                        + sets + (sets < anchors.size() ? "; set " + (sets + 1) + " is missing from the export" : ""));
            }
            return new AuditReport(sets, changes, messages.size(), java.util.Optional.empty());
        } catch (GraphException e) {
            return new AuditReport(sets, changes, messages.size(), java.util.Optional.of(e.getMessage()));
        }
    }

    private static int verifySet(
            byte[] line,
            String where,
            long expectedSet,
            Map<Long, TopicMessage> bySeq,
            Map<Long, LedgerMessage> anchors) {
        JsonNode n;
        try {
            n = Canonical.MAPPER.readTree(line);
        } catch (RuntimeException e) {
            throw new GraphException(where + ": not valid JSON (or not UTF-8)");
        }
        if (!n.isObject()
                || n.size() != 7
                || !n.path("changes").isArray()
                || !n.path("leaves").isArray()
                || !n.path("set").isIntegralNumber()
                || !n.path("seq").isIntegralNumber()
                || !n.path("count").isIntegralNumber()
                || !n.path("root").isString()
                || !n.path("tag").isString()) {
            throw new GraphException(where + ": a set line has exactly changes, count, leaves, root, seq, set and tag");
        }
        long set = n.path("set").longValue();
        if (set != expectedSet) {
            throw new GraphException(where + ": holds set " + set + " where set " + expectedSet + " belongs");
        }
        String setWhere = where + " (set " + set + ")";
        JsonNode cs = n.path("changes");
        JsonNode leaves = n.path("leaves");
        if (cs.size() != n.path("count").intValue() || leaves.size() != cs.size()) {
            throw new GraphException(setWhere + ": count " + n.path("count").intValue() + ", but " + cs.size()
                    + " changes and " + leaves.size() + " leaves");
        }
        // Each change is encoded once: for its leaf, and to rebuild the line's canonical form.
        StringBuilder canonical = new StringBuilder(line.length);
        canonical.append("{\"changes\":[");
        List<byte[]> computed = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) {
            Change.validate(cs.get(i), setWhere + " change " + i);
            String c = Canonical.string(cs.get(i));
            if (i > 0) {
                canonical.append(',');
            }
            canonical.append(c);
            byte[] leaf = Merkle.leaf(c.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] stated = Hashes.unhex(leaves.get(i).asString(""), 32, setWhere + " leaf " + i);
            if (!Arrays.equals(leaf, stated)) {
                throw new GraphException(setWhere + " change " + i + " ("
                        + cs.get(i).path("id").asString("") + "): its leaf hash differs from the change's content");
            }
            computed.add(leaf);
        }
        canonical.append("],\"count\":").append(cs.size()).append(",\"leaves\":[");
        for (int i = 0; i < leaves.size(); i++) {
            canonical
                    .append(i > 0 ? ",\"" : "\"")
                    .append(leaves.get(i).asString(""))
                    .append('"');
        }
        canonical
                .append("],\"root\":")
                .append(Canonical.string(n.path("root")))
                .append(",\"seq\":")
                .append(n.path("seq").longValue())
                .append(",\"set\":")
                .append(set)
                .append(",\"tag\":")
                .append(Canonical.string(n.path("tag")))
                .append('}');
        byte[] expected = canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!Arrays.equals(expected, line)) {
            int at = Arrays.mismatch(expected, line);
            throw new GraphException(setWhere + ": not in canonical form at byte " + at);
        }
        byte[] root = Merkle.root(computed);
        if (!Hashes.hex(root).equals(n.path("root").stringValue())) {
            throw new GraphException(setWhere + ": the Merkle root of its changes differs from the root it states");
        }
        long seq = n.path("seq").longValue();
        LedgerMessage anchor = anchors.get(seq);
        if (anchor == null || !bySeq.containsKey(seq)) {
            throw new GraphException(setWhere + ": names ledger seq " + seq + ", which the ledger does not hold");
        }
        if (anchor.set() != set) {
            throw new GraphException(
                    setWhere + ": ledger seq " + seq + " anchors set " + anchor.set() + ", not set " + set);
        }
        if (!anchor.root().equals(Hashes.hex(root))) {
            throw new GraphException(
                    setWhere + ": the root on the ledger (seq " + seq + ") differs from the root of its changes");
        }
        if (anchor.count() != cs.size()
                || !anchor.syncTag().equals(n.path("tag").stringValue())) {
            throw new GraphException(setWhere + ": count or sync tag differ from the ledger message at seq " + seq);
        }
        return cs.size();
    }
}
