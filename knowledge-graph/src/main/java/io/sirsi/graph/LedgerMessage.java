package io.sirsi.graph;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What goes on the ledger for one change set: the format version, the set's number and sync tag, the
 * Merkle root of its changes, how many there are, and the sequence number of the ledger message before it
 * (0 for the first), so the chain of sets can be followed on the ledger alone. Hashes, counts and tags
 * only: no secret or personal data. At most {@value #MAX_BYTES} bytes of JSON.
 */
public record LedgerMessage(int version, long set, String syncTag, String root, int count, long previous) {
    /** The format version written. */
    public static final int VERSION = 1;

    /** The most bytes a message may take (an HCS message of one chunk). */
    public static final int MAX_BYTES = 1024;

    /** Checks the fields. */
    public LedgerMessage {
        if (version != VERSION) {
            throw new GraphException("unknown ledger message version " + version + "; this reads " + VERSION);
        }
        Hashes.unhex(root, 32, "the Merkle root");
        if (count < 1 || set < 1 || previous < 0) {
            throw new GraphException(
                    "a ledger message needs a set number and a count of at least 1, and a previous sequence");
        }
        if (!syncTag.matches("[A-Za-z0-9._:@/+-]{1,200}")) {
            throw new GraphException(
                    "a sync tag is 1-200 characters of letters, digits and ._:@/+-, not '" + syncTag + "'");
        }
    }

    /** The canonical JSON bytes; throws if they would exceed {@value #MAX_BYTES}. */
    public byte[] bytes() {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.put("count", count)
                .put("prev", previous)
                .put("root", root)
                .put("set", set)
                .put("tag", syncTag)
                .put("v", version);
        byte[] bytes = Canonical.bytes(n);
        if (bytes.length > MAX_BYTES) {
            throw new GraphException("the ledger message is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        return bytes;
    }

    /** Reads a message, which must be canonical JSON with exactly these fields. */
    public static LedgerMessage parse(byte[] bytes, String where) {
        if (bytes.length > MAX_BYTES) {
            throw new GraphException(
                    where + ": the ledger message is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        JsonNode n = Canonical.parseStrict(new String(bytes, StandardCharsets.UTF_8), where);
        if (!n.isObject() || n.size() != 6) {
            throw new GraphException(where + ": a ledger message has exactly count, prev, root, set, tag and v");
        }
        for (String f : new String[] {"count", "prev", "set", "v"}) {
            if (!n.path(f).isIntegralNumber()) {
                throw new GraphException(where + ": '" + f + "' must be an integer");
            }
        }
        if (!n.path("root").isString() || !n.path("tag").isString()) {
            throw new GraphException(where + ": 'root' and 'tag' must be strings");
        }
        try {
            return new LedgerMessage(
                    n.path("v").intValue(),
                    n.path("set").longValue(),
                    n.path("tag").stringValue(),
                    n.path("root").stringValue(),
                    n.path("count").intValue(),
                    n.path("prev").longValue());
        } catch (GraphException e) {
            throw new GraphException(where + ": " + e.getMessage());
        }
    }
}
