package io.sirsi.mcp.inventory;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A typed, directed edge between two resources: {@code from -[type]-> to}, such as an instance that is
 * {@code member-of-security-group} a group, or a group that {@code allows-traffic-from} another group
 * on a protocol and ports (kept in {@code properties}). See {@link RelationshipType}.
 */
public record Relationship(
        String from,
        String type,
        String to,
        JsonNode properties,
        String syncTag,
        Instant firstSeen,
        Instant lastUpdated) {

    /** Requires both ends, a known type, and the sync fields. */
    public Relationship {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!RelationshipType.NAMES.contains(type)) {
            throw new IllegalArgumentException(
                    "unknown relationship type " + type + "; known: " + RelationshipType.NAMES);
        }
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(syncTag, "syncTag");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }
}
