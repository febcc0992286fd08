package io.sirsi.mcp.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Mermaid 12 ({@code mermaid.min.js}, 5.5 MB), which the build copies beside this class from the
 * committed npm lockfile. It is read once, on first use, and inlined in every HTML report so that the
 * report draws its diagrams with no network.
 */
final class MermaidScript {
    private MermaidScript() {}

    private static final class Loaded {
        static final String TEXT = load();
        static final String HASH = hashOf(TEXT);
    }

    /** The library's source, safe inside a {@code <script>} element. */
    static String text() {
        return Loaded.TEXT;
    }

    /** Its Content Security Policy hash, {@code sha256-...}. */
    static String hash() {
        return Loaded.HASH;
    }

    /** The Content Security Policy hash of an inline script. */
    static String hashOf(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String load() {
        try (InputStream in = Main.class.getResourceAsStream("mermaid.min.js")) {
            if (in == null) {
                throw new IllegalStateException("mermaid.min.js is missing from the classpath; the Maven build copies "
                        + "it from conformance/node (run `npm ci` there first)");
            }
            // "</script" would end the element early; in JavaScript "<\/script" means the same.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
