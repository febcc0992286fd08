package io.sirsi.graph;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change to the graph: a node or edge written ({@code node} / {@code edge}) or removed
 * ({@code node-removed} / {@code edge-removed}), with the account (tenant) it belongs to, the sync tag of
 * the collection that saw it, and when. An edge's id is {@code from -[type]-> to}. Its canonical JSON
 * encoding is what the Merkle tree hashes.
 */
public record Change(
        String op,
        String id,
        String type,
        String from,
        String to,
        ObjectNode properties,
        String account,
        String syncTag,
        Instant at) {
    private static final java.util.regex.Pattern INSTANT =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    /** The operations. */
    public static final Set<String> OPS = Set.of("node", "edge", "node-removed", "edge-removed");

    /** Requires every field; edges need both ends. */
    public Change {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(syncTag, "syncTag");
        Objects.requireNonNull(at, "at");
        if (!OPS.contains(op)) {
            throw new GraphException("unknown change op '" + op + "'; ops are " + OPS);
        }
        if (id.isBlank() || type.isBlank()) {
            throw new GraphException("a change needs an id and a type");
        }
        if (op.startsWith("edge") && (from.isBlank() || to.isBlank())) {
            throw new GraphException("an edge change needs both ends: " + id);
        }
        // What cannot be written back and read again is refused here, before it is acknowledged.
        if (!INSTANT.matcher(at.toString()).matches()) {
            throw new GraphException("a change's time must be within the years 0000-9999 (UTC), not " + at);
        }
        requireFinite(properties, id);
    }

    private static void requireFinite(tools.jackson.databind.JsonNode n, String id) {
        if (n.isNumber() && !n.isIntegralNumber() && !Double.isFinite(n.doubleValue())) {
            throw new GraphException("change " + id + " has a property that is not a finite number (" + n + "); JSON "
                    + "has no NaN or Infinity");
        }
        if (n.isContainer()) {
            for (tools.jackson.databind.JsonNode child : n) {
                requireFinite(child, id);
            }
        }
    }

    /** A node written. */
    public static Change node(
            String id, String type, ObjectNode properties, String account, String syncTag, Instant at) {
        return new Change("node", id, type, "", "", properties, account, syncTag, at);
    }

    /** An edge written. */
    public static Change edge(
            String from, String type, String to, ObjectNode properties, String account, String syncTag, Instant at) {
        return new Change("edge", edgeId(from, type, to), type, from, to, properties, account, syncTag, at);
    }

    /** The id of the edge {@code from -[type]-> to}. */
    public static String edgeId(String from, String type, String to) {
        return from + " -[" + type + "]-> " + to;
    }

    /** Whether this changes an edge. */
    public boolean isEdge() {
        return op.startsWith("edge");
    }

    /** Whether this removes what it names. */
    public boolean isRemoval() {
        return op.endsWith("-removed");
    }

    /** The canonical JSON object. */
    public ObjectNode json() {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.put("account", account)
                .put("at", at.toString())
                .put("from", from)
                .put("id", id)
                .put("op", op)
                .put("tag", syncTag)
                .put("to", to)
                .put("type", type);
        n.set("props", properties);
        return n;
    }

    /** The bytes the Merkle leaf is taken over. */
    public byte[] canonical() {
        return Canonical.bytes(json());
    }

    /**
     * Checks that {@code n} is a change as {@link #json()} writes it: exactly its fields, of their types, a
     * known op, both ends for an edge, and an instant in UTC. Cheaper than {@link #of}: an audit checks a
     * million of these.
     */
    static void validate(JsonNode n, String where) {
        if (!n.isObject() || n.size() != 9) {
            throw new GraphException(
                    where + ": a change has exactly the fields account, at, from, id, op, props, tag, to, type");
        }
        for (String f : FIELDS) {
            if (!n.path(f).isString()) {
                throw new GraphException(where + ": field '" + f + "' must be a string");
            }
        }
        if (!n.path("props").isObject()) {
            throw new GraphException(where + ": field 'props' must be an object");
        }
        String op = n.path("op").stringValue();
        if (!OPS.contains(op)) {
            throw new GraphException(where + ": unknown change op '" + op + "'; ops are " + OPS);
        }
        if (n.path("id").stringValue().isBlank() || n.path("type").stringValue().isBlank()) {
            throw new GraphException(where + ": a change needs an id and a type");
        }
        if (op.startsWith("edge")
                && (n.path("from").stringValue().isBlank()
                        || n.path("to").stringValue().isBlank())) {
            throw new GraphException(where + ": an edge change needs both ends");
        }
        if (!INSTANT.matcher(n.path("at").stringValue()).matches()) {
            throw new GraphException(where + ": 'at' is not an ISO-8601 instant in UTC, such as 2026-11-01T06:00:00Z");
        }
    }

    private static final String[] FIELDS = {"account", "at", "from", "id", "op", "tag", "to", "type"};

    /** Reads a change written by {@link #json()}; every field is required and no other is allowed. */
    public static Change of(JsonNode n, String where) {
        validate(n, where);
        Instant at;
        try {
            at = Instant.parse(n.path("at").stringValue());
        } catch (DateTimeParseException e) {
            throw new GraphException(where + ": 'at' is not an ISO-8601 instant");
        }
        return new Change(
                n.path("op").stringValue(),
                n.path("id").stringValue(),
                n.path("type").stringValue(),
                n.path("from").stringValue(),
                n.path("to").stringValue(),
                (ObjectNode) n.path("props"),
                n.path("account").stringValue(),
                n.path("tag").stringValue(),
                at);
    }
}
