package io.sirsi.graph;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change set once anchored: its number, the position of its first change in the whole history, how
 * many changes it holds, its sync tag and Merkle root, and the ledger message that holds that root.
 */
public record SealedSet(
        long set,
        long firstChange,
        int count,
        String syncTag,
        String root,
        long sequence,
        Instant consensus,
        String runningHash) {
    /** Requires every field. */
    public SealedSet {
        Objects.requireNonNull(syncTag, "syncTag");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(runningHash, "runningHash");
    }

    ObjectNode json() {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.put("consensus", consensus.toString())
                .put("count", count)
                .put("first", firstChange)
                .put("hash", runningHash)
                .put("root", root)
                .put("seq", sequence)
                .put("set", set)
                .put("tag", syncTag);
        return n;
    }

    static SealedSet of(JsonNode n) {
        return new SealedSet(
                n.path("set").longValue(),
                n.path("first").longValue(),
                n.path("count").intValue(),
                n.path("tag").stringValue(),
                n.path("root").stringValue(),
                n.path("seq").longValue(),
                Instant.parse(n.path("consensus").stringValue()),
                n.path("hash").stringValue());
    }
}
