package io.sirsi.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A Hedera Consensus Service topic's running hash, version 3, computed exactly as the network does:
 * SHA-384 over the Java serialization ({@link ObjectOutputStream}) of the previous running hash, the
 * version (3), the payer's and the topic's shard, realm and number, the consensus seconds and nanos, the
 * new sequence number, and the SHA-384 of the message. A topic starts from 48 zero bytes.
 */
public final class RunningHash {
    /** The running-hash version this computes. */
    public static final long VERSION = 3;

    /** The running hash of an empty topic. */
    public static final byte[] INITIAL = new byte[48];

    private RunningHash() {}

    /** The running hash after {@code message}, given the one before it. */
    public static byte[] next(
            byte[] previous, EntityId payer, EntityId topic, Instant consensus, long sequence, byte[] message) {
        if (previous.length != 48) {
            throw new GraphException("a running hash is 48 bytes, not " + previous.length);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(previous);
            out.writeLong(VERSION);
            out.writeLong(payer.shard());
            out.writeLong(payer.realm());
            out.writeLong(payer.num());
            out.writeLong(topic.shard());
            out.writeLong(topic.realm());
            out.writeLong(topic.num());
            out.writeLong(consensus.getEpochSecond());
            out.writeInt(consensus.getNano());
            out.writeLong(sequence);
            out.writeObject(Hashes.sha384().digest(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashes.sha384().digest(bytes.toByteArray());
    }
}
