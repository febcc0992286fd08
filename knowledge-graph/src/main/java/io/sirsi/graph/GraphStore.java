package io.sirsi.graph;

import java.util.List;

/**
 * Where the graph's history is kept: every change, in order, and the seals that group them into anchored
 * sets. A write is durable when the call returns: that is when a change counts as acknowledged.
 */
public interface GraphStore extends AutoCloseable {
    /** Appends changes; durable on return. */
    void append(List<Change> changes);

    /** Records that the next {@code set.count()} unsealed changes form an anchored set; durable on return. */
    void seal(SealedSet set);

    /** Every change and seal written so far, in order. */
    History load();

    /** Whether the store was opened to read only. */
    default boolean readOnly() {
        return false;
    }

    /** A description for messages (a file, a cluster). */
    String describe();

    @Override
    void close();

    /** The whole history: the changes in order, and the sealed sets. */
    record History(List<Change> changes, List<SealedSet> sets) {}
}
