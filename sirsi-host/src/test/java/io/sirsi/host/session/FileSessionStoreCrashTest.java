package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 while saving: a child JVM saves sessions as fast as it can and prints each acknowledged save; the
 * test kills it at a different moment in each round, reopens the store and checks that every acknowledged
 * session is there, whole, and that the session saved over and over holds every acknowledged message in order.
 */
class FileSessionStoreCrashTest {
    @TempDir
    Path dir;

    /** Runs a writer from save {@code first} and kills it after {@code acks} acknowledgements; the last acknowledged. */
    private long runAndKill(long first, int acks, String durability) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashSessionWriter.class.getName(),
                        dir.toString(),
                        Long.toString(first),
                        durability)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long acked = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                acked = Long.parseLong(line.substring("acked ".length()));
                if (++seen >= acks) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
                    break;
                }
            }
        }
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the writer did not die");
        assertTrue(acked >= first, "the writer acknowledged nothing");
        return acked;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"always", "written"})
    void everyAcknowledgedSaveSurvivesAKill(String durability) throws Exception {
        long next = 0;
        for (int round : new int[] {37, 113, 61}) {
            long acked = runAndKill(next, round, durability);
            try (FileSessionStore store = FileSessionStore.open(dir, Duration.ofDays(1))) {
                for (long i = 0; i <= acked; i++) {
                    Session s = store.get("s-" + i).orElseThrow(() -> new AssertionError("acknowledged session lost"));
                    assertEquals("n" + s.id().substring(2), s.history().get(0).text());
                }
                List<Session.Message> log = store.get("log").orElseThrow().history();
                assertTrue(log.size() >= acked + 1, round + ": log has " + log.size() + ", acked " + (acked + 1));
                for (int i = 0; i <= acked; i++) {
                    assertEquals("n" + i, log.get(i).text(), "message " + i + " of the log");
                }
                // The writer may have saved s-(acked+1) before the kill; the next round starts after what survived.
                next = log.size();
            }
        }
    }
}
