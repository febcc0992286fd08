package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running hash, version 3, against Hedera testnet's golden vector and an independent implementation. */
class RunningHashTest {
    @Test
    void theTestnetGoldenVectorMatches() {
        byte[] hash = RunningHash.next(
                new byte[48],
                EntityId.parse("0.0.458179"),
                EntityId.parse("0.0.7760674"),
                Instant.ofEpochSecond(1706704163L, 840322003),
                1,
                "my message".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "+582vzqudSAftHP/xL21zS+1BwOlC/UGJW5K5Tb2I8wyeho54b7j5iNy4Ap//arW",
                Base64.getEncoder().encodeToString(hash));
    }

    /**
     * The Java serialization stream written byte by byte from the Object Serialization Stream Protocol
     * (stream magic, a byte[] class descriptor, block data for the primitives, a back reference to the
     * class descriptor for the second array), with no ObjectOutputStream involved.
     */
    private static byte[] independent(
            byte[] previous, long[] payer, long[] topic, long seconds, int nanos, long seq, byte[] message)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0xACED); // STREAM_MAGIC
        out.writeShort(5); // STREAM_VERSION
        out.writeByte(0x75); // TC_ARRAY
        out.writeByte(0x72); // TC_CLASSDESC
        out.writeUTF("[B");
        out.writeLong(0xACF317F8060854E0L); // serialVersionUID of byte[]
        out.writeByte(0x02); // SC_SERIALIZABLE
        out.writeShort(0); // no fields
        out.writeByte(0x78); // TC_ENDBLOCKDATA
        out.writeByte(0x70); // TC_NULL: no superclass
        out.writeInt(previous.length);
        out.write(previous);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(block);
        b.writeLong(3);
        for (long p : payer) {
            b.writeLong(p);
        }
        for (long t : topic) {
            b.writeLong(t);
        }
        b.writeLong(seconds);
        b.writeInt(nanos);
        b.writeLong(seq);
        out.writeByte(0x77); // TC_BLOCKDATA
        out.writeByte(block.size());
        out.write(block.toByteArray());
        byte[] digest = MessageDigest.getInstance("SHA-384").digest(message);
        out.writeByte(0x75); // TC_ARRAY
        out.writeByte(0x71); // TC_REFERENCE
        out.writeInt(0x7E0000); // the first handle: the byte[] class descriptor
        out.writeInt(digest.length);
        out.write(digest);
        out.flush();
        return MessageDigest.getInstance("SHA-384").digest(bytes.toByteArray());
    }

    @Test
    void aChainOfAThousandMessagesMatchesAnIndependentImplementation() throws Exception {
        Random random = new Random(20261121);
        byte[] ours = new byte[48];
        byte[] theirs = new byte[48];
        EntityId payer = new EntityId(0, 0, 458179);
        EntityId topic = new EntityId(0, 0, 7760674);
        long seconds = 1706704163L;
        for (int seq = 1; seq <= 1000; seq++) {
            byte[] message = new byte[1 + random.nextInt(1024)];
            random.nextBytes(message);
            seconds += 1 + random.nextInt(5);
            int nanos = random.nextInt(1_000_000_000);
            ours = RunningHash.next(ours, payer, topic, Instant.ofEpochSecond(seconds, nanos), seq, message);
            theirs = independent(
                    theirs, new long[] {0, 0, 458179}, new long[] {0, 0, 7760674}, seconds, nanos, seq, message);
            assertArrayEquals(theirs, ours, "seq " + seq);
        }
    }

    @Test
    void theIndependentImplementationReproducesTheGoldenVectorToo() throws Exception {
        byte[] hash = independent(
                new byte[48],
                new long[] {0, 0, 458179},
                new long[] {0, 0, 7760674},
                1706704163L,
                840322003,
                1,
                "my message".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "+582vzqudSAftHP/xL21zS+1BwOlC/UGJW5K5Tb2I8wyeho54b7j5iNy4Ap//arW",
                Base64.getEncoder().encodeToString(hash));
    }

    @Test
    void entityIdsAreParsedStrictly() {
        assertEquals(new EntityId(0, 0, 1234), EntityId.parse("0.0.1234"));
        org.junit.jupiter.api.Assertions.assertThrows(GraphException.class, () -> EntityId.parse("0.0"));
    }
}
