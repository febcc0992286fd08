package io.sirsi.graph;

/** A Hedera entity id, shard.realm.num: an account or a topic. */
public record EntityId(long shard, long realm, long num) {
    /** Requires non-negative parts. */
    public EntityId {
        if (shard < 0 || realm < 0 || num < 0) {
            throw new GraphException("an entity id has non-negative parts, not " + shard + "." + realm + "." + num);
        }
    }

    /** Parses {@code 0.0.1234}; the error names the text. */
    public static EntityId parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 3) {
            throw new GraphException(
                    "'" + text + "' is not an entity id of the form shard.realm.num, such as 0.0.1234");
        }
        try {
            return new EntityId(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new GraphException(
                    "'" + text + "' is not an entity id of the form shard.realm.num, such as 0.0.1234");
        }
    }

    @Override
    public String toString() {
        return shard + "." + realm + "." + num;
    }
}
