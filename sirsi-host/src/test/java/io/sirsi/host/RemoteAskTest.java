package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.api.AuthConfig;
import io.sirsi.host.api.Authenticator;
import io.sirsi.host.api.HostServer;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sirsi ask} against a running host, in its own process: interrupted while its turn runs, it asks the
 * host to stop the turn, and the host's session shows the turn cancelled instead of running on.
 */
class RemoteAskTest {
    private static final Pattern SESSION = Pattern.compile("sirsi ask: on \\S+, session (\\S+)");

    @TempDir
    Path root;

    @Test
    void anInterruptedAskStopsItsTurnOnTheHost() throws Exception {
        Host host = HostFixture.start(root, ApprovalPolicy.of(List.of(), List.of()));
        Authenticator auth =
                Authenticator.open(AuthConfig.builder(root.resolve("auth")).build());
        String token = auth.tokens().create("asker", Role.OPERATOR);
        try (HostServer server = HostServer.start(host, auth, "127.0.0.1", 0)) {
            Path home = root.resolve("home");
            HostMain.writeRuntime(home.resolve("host.json"), server.url(), token);
            ProcessBuilder pb = new ProcessBuilder(
                    HostFixture.JAVA,
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.sirsi.host.AskMain",
                    "--root",
                    root.toString(),
                    // 200 steps of 100 ms: twenty seconds, unless the turn is stopped.
                    "count slowly with the fixture server");
            pb.environment().put("SIRSI_HOME", home.toString());
            pb.redirectOutput(root.resolve("ask.out").toFile());
            Path errors = root.resolve("ask.err");
            pb.redirectError(errors.toFile());
            Process ask = pb.start();
            List<String> said;
            try {
                // Progress from the tool ("  12% ..."): the turn is under way on the host.
                said = await(() -> {
                    List<String> lines = lines(errors);
                    return lines.stream().anyMatch(l -> l.matches("\\s+\\d+% .*")) ? lines : null;
                });
                ask.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
                assertTrue(ask.waitFor(30, TimeUnit.SECONDS), "ask did not exit");
                said = lines(errors);
            } finally {
                ask.destroyForcibly();
            }
            String session = said.stream()
                    .map(SESSION::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("ask did not name its session"));
            assertTrue(
                    said.stream().anyMatch(l -> l.startsWith("sirsi: interrupted; the host was asked to stop turn ")),
                    String.join("\n", said));
            Caller admin = new Caller("test-admin", Role.ADMIN);
            String id = session;
            Session after = await(() -> {
                Session s = host.session(id, admin);
                return s.history().getLast().role().equals("assistant") ? s : null;
            });
            String answer = after.history().getLast().text();
            assertTrue(answer.contains("cancelled"), answer);
            assertEquals(2, after.history().size(), after.history().toString());
        } finally {
            host.close();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls until {@code probe} gives a value, for at most 15 s. */
    private static <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing within 15 s");
    }
}
