package io.sirsi.graph;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as a Hedera topic holds it (and as the mirror node reports it): its sequence number, consensus
 * time, payer, topic, the message bytes, and the topic's running hash after it.
 */
public record TopicMessage(
        long sequence, Instant consensus, EntityId payer, EntityId topic, byte[] message, byte[] runningHash) {
    /** Requires every field. */
    public TopicMessage {
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(runningHash, "runningHash");
    }
}
