package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during heavy writes: a child JVM commits batches as fast as it can and prints each acknowledged
 * count; the test kills it at a different moment in each round, reopens the graph and checks that every
 * acknowledged change is there and that the ledger chain verifies.
 */
class CrashTest {
    @TempDir
    Path dir;

    private long runAndKill(int killAfterAcks) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long acked = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                acked = Long.parseLong(line.substring("acked ".length()));
                if (++seen >= killAfterAcks) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
                    break;
                }
            }
        }
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        return acked;
    }

    @Test
    void everyAcknowledgedChangeSurvivesAKill() throws Exception {
        long acked = 0;
        for (int round : new int[] {37, 113, 61}) {
            acked = runAndKill(round);
            try (KnowledgeGraph g = KnowledgeGraph.open(
                    FileGraphStore.open(dir.resolve("store")),
                    LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                    300)) {
                long committed = g.counts()[0];
                assertTrue(
                        committed >= acked,
                        "round " + round + ": " + committed + " changes kept, " + acked + " acknowledged");
                for (long i = 0; i < acked; i += 7) {
                    assertTrue(g.node("w/" + i).isPresent(), "acknowledged node w/" + i + " is lost");
                }
                assertTrue(g.node("w/" + (acked - 1)).isPresent());
            }
        }
        try (KnowledgeGraph g = KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                300)) {
            g.flush();
            g.export(dir.resolve("export.jsonl"));
            AuditReport r = Auditor.verify(
                    dir.resolve("export.jsonl"), LocalJournal.read(dir.resolve("journal.log")), "journal.log");
            assertTrue(r.ok(), r.summary());
            assertTrue(r.changes() >= acked);
        }
    }
}
