package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merkle roots and audit paths against RFC 6962's recursive definition, written out in the test. */
class MerkleTest {
    private static byte[] mth(List<byte[]> data) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        if (data.size() == 1) {
            d.update((byte) 0);
            return d.digest(data.get(0));
        }
        int k = Integer.highestOneBit(data.size() - 1);
        byte[] left = mth(data.subList(0, k));
        byte[] right = mth(data.subList(k, data.size()));
        d.update((byte) 1);
        d.update(left);
        return d.digest(right);
    }

    private static List<byte[]> data(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("change " + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void rootsAndPathsAgreeWithTheRecursiveDefinition() throws Exception {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> data = data(n);
            List<byte[]> leaves = data.stream().map(Merkle::leaf).toList();
            byte[] root = Merkle.root(leaves);
            assertArrayEquals(mth(data), root, "n=" + n);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = Merkle.path(leaves, i);
                assertTrue(Merkle.verify(leaves.get(i), i, n, path, root), "n=" + n + " i=" + i);
                assertFalse(Merkle.verify(Merkle.leaf("other".getBytes(StandardCharsets.UTF_8)), i, n, path, root));
                if (n > 1) {
                    assertFalse(
                            Merkle.verify(leaves.get(i), (i + 1) % n, n, path, root), "wrong index n=" + n + " i=" + i);
                }
            }
        }
    }
}
