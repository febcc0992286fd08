package io.sirsi.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An inclusion proof for one version of a node or edge: the change (canonical JSON), its place in its
 * set, the Merkle audit path to the set's root, and the ledger message that holds the root. Anyone can
 * check it with SHA-256 and the topic's messages, without Sirsi.
 */
public record Proof(
        String change,
        long set,
        int index,
        int count,
        List<String> path,
        String root,
        long sequence,
        Instant consensus,
        String runningHash) {
    /** Copies the path. */
    public Proof {
        path = List.copyOf(path);
    }

    /** Whether the change, its path and the root agree (the ledger side is checked by the audit). */
    public boolean verifies() {
        List<byte[]> p = new ArrayList<>();
        for (String h : path) {
            p.add(Hashes.unhex(h, 32, "a path hash"));
        }
        return Merkle.verify(
                Merkle.leaf(change.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                index,
                count,
                p,
                Hashes.unhex(root, 32, "the root"));
    }

    /** The proof as JSON, with the steps to check it. */
    public ObjectNode json() {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.set("change", Canonical.MAPPER.readTree(change));
        n.put("set", set).put("index", index).put("count", count);
        ArrayNode a = n.putArray("path");
        path.forEach(a::add);
        n.put("root", root);
        ObjectNode ledger = n.putObject("ledger");
        ledger.put("sequence", sequence).put("consensus", consensus.toString()).put("runningHash", runningHash);
        n.put(
                "check",
                "leaf = SHA-256(0x00 || canonical change); climb the path per RFC 6962 section 2.1.3 "
                        + "to the root; the ledger message at that sequence holds the root");
        return n;
    }

    static Proof of(JsonNode n) {
        List<String> path = new ArrayList<>();
        n.path("path").forEach(h -> path.add(h.asString()));
        return new Proof(
                Canonical.string(n.path("change")),
                n.path("set").asLong(),
                n.path("index").asInt(),
                n.path("count").asInt(),
                path,
                n.path("root").asString(),
                n.path("ledger").path("sequence").asLong(),
                Instant.parse(n.path("ledger").path("consensus").asString()),
                n.path("ledger").path("runningHash").asString());
    }
}
