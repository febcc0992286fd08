package io.sirsi.graph;

import java.util.List;

/** Where change-set messages are anchored: a local journal, or a Hedera Consensus Service topic. */
public interface Ledger extends AutoCloseable {
    /** Submits a message and returns it as the topic now holds it; durable when this returns. */
    TopicMessage submit(byte[] message);

    /** Every message of the topic, in sequence order. */
    List<TopicMessage> messages();

    /** A description for reports: which journal file or which topic on which network. */
    String describe();

    @Override
    void close();
}
