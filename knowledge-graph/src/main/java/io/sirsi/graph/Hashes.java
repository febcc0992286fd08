package io.sirsi.graph;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (Merkle trees) and SHA-384 (Hedera's running hash), and lower-case hex. */
final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {}

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static MessageDigest sha384() {
        return digest("SHA-384");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lower-case hex of exactly {@code length} bytes; anything else is an error naming {@code what}. */
    static byte[] unhex(String text, int length, String what) {
        if (text.length() != length * 2 || !text.matches("[0-9a-f]+")) {
            throw new GraphException(what + " must be " + length * 2 + " lower-case hex digits");
        }
        return HEX.parseHex(text);
    }
}
