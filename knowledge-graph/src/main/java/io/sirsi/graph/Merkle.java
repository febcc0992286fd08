package io.sirsi.graph;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle trees as RFC 6962 (Certificate Transparency) defines them, over SHA-256: a leaf hash is
 * H(0x00 || data), an inner hash H(0x01 || left || right), and a tree of n leaves splits at the largest
 * power of two below n. The domain separation means no inner node can pass for a leaf. Audit paths and
 * their verification follow sections 2.1.1 and 2.1.3.
 */
public final class Merkle {
    private Merkle() {}

    /** The leaf hash of {@code data}. */
    public static byte[] leaf(byte[] data) {
        MessageDigest d = Hashes.sha256();
        d.update((byte) 0);
        return d.digest(data);
    }

    private static byte[] inner(byte[] left, byte[] right) {
        MessageDigest d = Hashes.sha256();
        d.update((byte) 1);
        d.update(left);
        return d.digest(right);
    }

    /** The root over {@code leaves} (leaf hashes); the root of no leaves is the hash of nothing. */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Hashes.sha256().digest();
        }
        // Bottom-up, carrying an odd last node up unchanged: the same tree as the recursive definition.
        List<byte[]> level = leaves;
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(inner(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    /** The audit path of leaf {@code index}: the sibling hashes from the leaf up to the root. */
    public static List<byte[]> path(List<byte[]> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new GraphException("leaf " + index + " is outside a tree of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        List<byte[]> level = leaves;
        int i = index;
        while (level.size() > 1) {
            int sibling = i ^ 1;
            if (sibling < level.size()) {
                path.add(level.get(sibling));
            }
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int k = 0; k + 1 < level.size(); k += 2) {
                next.add(inner(level.get(k), level.get(k + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
            i /= 2;
        }
        return path;
    }

    /** Whether {@code leaf} at {@code index} of a tree of {@code size} leaves, with {@code path}, gives {@code root}. */
    public static boolean verify(byte[] leaf, int index, int size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        byte[] hash = leaf;
        int i = index;
        int last = size - 1;
        int used = 0;
        while (last > 0) {
            if (i % 2 == 1) {
                if (used >= path.size()) {
                    return false;
                }
                hash = inner(path.get(used++), hash);
            } else if (i < last) {
                if (used >= path.size()) {
                    return false;
                }
                hash = inner(hash, path.get(used++));
            }
            i /= 2;
            last /= 2;
        }
        return used == path.size() && Arrays.equals(hash, root);
    }
}
