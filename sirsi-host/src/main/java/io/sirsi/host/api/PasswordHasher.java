package io.sirsi.host.api;

import io.sirsi.host.HostException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as the PHC strings the reference {@code argon2} writes, e.g.
 * {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (unpadded standard base64). New hashes use OWASP's minimum
 * parameters (19 MiB, 2 passes, 1 lane, 16-byte salt, 32-byte hash); a hash made elsewhere is checked with its
 * own parameters, within bounds that keep a hostile users file from exhausting the host.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_MEMORY_KIB = 1 << 21; // 2 GiB
    private static final int MAX_ITERATIONS = 1_000;
    private static final int MAX_PARALLELISM = 255;
    private static final Pattern PARAMS = Pattern.compile("m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})");
    private static final String FORM = "$argon2id$v=19$m=KIB,t=PASSES,p=LANES$SALT$HASH";

    private final SecureRandom random = new SecureRandom();

    private PasswordHasher() {}

    /** A hasher with OWASP's minimum Argon2id parameters. */
    public static PasswordHasher create() {
        return new PasswordHasher();
    }

    /** The PHC string of {@code password} with a fresh random salt. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt);
    }

    /** The PHC string of {@code password} with this salt: what the reference CLI prints for the same input. */
    String hash(char[] password, byte[] salt) {
        Phc phc = new Phc(Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, null);
        byte[] hash = derive(password, phc, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + phc.version + "$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches the PHC string, compared in constant time.
     *
     * @throws HostException if the string is not a well-formed Argon2id PHC string; the message names the
     *     problem and never repeats the string
     */
    public boolean verify(char[] password, String phc) {
        Objects.requireNonNull(password, "password");
        Phc parsed = parse(phc);
        byte[] actual = derive(password, parsed, parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /**
     * Checks that {@code phc} is a well-formed Argon2id PHC string within bounds.
     *
     * @throws HostException naming the problem
     */
    public static void check(String phc) {
        parse(phc);
    }

    private static byte[] derive(char[] password, Phc phc, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(phc.version)
                .withMemoryAsKB(phc.memoryKib)
                .withIterations(phc.iterations)
                .withParallelism(phc.parallelism)
                .withSalt(phc.salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    private record Phc(int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {}

    private static Phc parse(String phc) {
        Objects.requireNonNull(phc, "phc");
        String[] f = phc.split("\\$", -1);
        if (f.length < 5 || f.length > 6 || !f[0].isEmpty()) {
            throw malformed("it has " + (f.length - 1) + " '$'-separated fields, not 5");
        }
        if (!f[1].equals("argon2id")) {
            throw malformed("the algorithm is '" + printable(f[1]) + "', not argon2id");
        }
        int version = Argon2Parameters.ARGON2_VERSION_10; // the reference omits v= for version 1.0
        int next = 2;
        if (f.length == 6) {
            version = switch (f[2]) {
                case "v=19" -> Argon2Parameters.ARGON2_VERSION_13;
                case "v=16" -> Argon2Parameters.ARGON2_VERSION_10;
                default -> throw malformed("the version is '" + printable(f[2]) + "', not v=19 (or v=16)");
            };
            next = 3;
        }
        Matcher m = PARAMS.matcher(f[next]);
        if (!m.matches()) {
            throw malformed("the parameters are '" + printable(f[next]) + "', not m=KIB,t=PASSES,p=LANES");
        }
        int memory = bounded("m (memory in KiB)", m.group(1), 8, MAX_MEMORY_KIB);
        int iterations = bounded("t (passes)", m.group(2), 1, MAX_ITERATIONS);
        int parallelism = bounded("p (lanes)", m.group(3), 1, MAX_PARALLELISM);
        if (memory < 8 * parallelism) {
            throw malformed("m=" + memory + " is below 8 KiB per lane (p=" + parallelism + ")");
        }
        byte[] salt = base64("salt", f[next + 1], 8);
        byte[] hash = base64("hash", f[next + 2], 16);
        return new Phc(version, memory, iterations, parallelism, salt, hash);
    }

    private static int bounded(String what, String digits, int min, int max) {
        long v = Long.parseLong(digits);
        if (v < min || v > max) {
            throw malformed(what + " is " + v + ", outside " + min + ".." + max);
        }
        return (int) v;
    }

    private static byte[] base64(String what, String text, int minBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("the " + what + " is not base64");
        }
        if (bytes.length < minBytes || bytes.length > 1024) {
            throw malformed("the " + what + " is " + bytes.length + " bytes, not " + minBytes + " to 1024");
        }
        return bytes;
    }

    private static String printable(String s) {
        return s.length() <= 24 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : "(unprintable)";
    }

    private static HostException malformed(String why) {
        return new HostException("malformed password hash: " + why + "; expected " + FORM);
    }
}
