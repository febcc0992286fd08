package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries, sync clean-up, change sets, proofs and restarts of the embedded store with the local journal. */
class KnowledgeGraphTest {
    @TempDir
    Path dir;

    private KnowledgeGraph open(int setSize) {
        return KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                setSize);
    }

    @Test
    void queriesAnswerFromTheGraphAsItStands() {
        try (KnowledgeGraph g = open(100)) {
            g.commit(Sample.estate("111", "sync-1", 6));
            assertEquals(6, g.byType("aws.ec2.instance").size());
            assertEquals(2, g.byTag("app", "portal").size(), "instances 0 and 3");
            assertEquals(7, g.neighbours("111/db").size() + 1, "six instances connect to the database");
            // Breadth first, edges in the order they were written: through the group, the first edge of i-0.
            assertEquals(
                    List.of("111/i-0", "111/sg", "111/i-5"),
                    g.path("111/i-0", "111/i-5", 4).orElseThrow());
            assertTrue(g.path("111/i-0", "111/i-5", 1).isEmpty(), "two hops are needed");
            assertThrows(GraphException.class, () -> g.neighbours("111/nope"));
            assertThrows(GraphException.class, () -> g.history("nope"));
        }
    }

    @Test
    void aSyncRemovesWhatItDidNotSeeInItsOwnAccountOnly() {
        try (KnowledgeGraph g = open(1000)) {
            g.commit(Sample.estate("111", "sync-1", 4));
            g.commit(Sample.estate("222", "sync-1", 2));
            List<Change> second = Sample.estate("111", "sync-2", 2);
            g.commit(second);
            List<Change> removed = g.cleanUp("111", "sync-2", Sample.AT.plusSeconds(3600));
            assertEquals(6, removed.size(), "instances 2 and 3 and their four edges");
            assertTrue(g.node("111/i-3").isEmpty());
            assertTrue(g.node("111/i-1").isPresent());
            assertTrue(g.node("222/i-1").isPresent(), "another account is untouched");
            assertEquals(
                    List.of("node", "node-removed"),
                    g.history("111/i-3").stream().map(v -> v.change().op()).toList());
        }
    }

    @Test
    void changesAreSealedInSetsAndProvedAgainstTheJournal() throws Exception {
        try (KnowledgeGraph g = open(50)) {
            g.commit(Sample.estate("111", "sync-1", 40)); // 122 changes: two full sets of 50
            assertEquals(2, g.sets().size());
            assertEquals(122, g.counts()[0]);
            assertEquals(100, g.counts()[1]);
            assertThrows(GraphException.class, () -> g.prove("111/i-39"), "not anchored yet");
            g.flush();
            assertEquals(3, g.sets().size());
            Proof proof = g.prove("111/i-39");
            assertTrue(proof.verifies());
            assertEquals(3, proof.set());
            Proof forged = new Proof(
                    proof.change().replace("m5.xlarge", "t3.nano"),
                    proof.set(),
                    proof.index(),
                    proof.count(),
                    proof.path(),
                    proof.root(),
                    proof.sequence(),
                    proof.consensus(),
                    proof.runningHash());
            assertFalse(forged.verifies());
            Path export = dir.resolve("export.jsonl");
            g.export(export);
            AuditReport report = Auditor.verify(export, g.ledger().messages(), "journal.log");
            assertTrue(report.ok(), report.summary());
            assertEquals(122, report.changes());
        }
    }

    @Test
    void aRestartKeepsEverythingAndGoesOnFromTheLastSet() throws Exception {
        try (KnowledgeGraph g = open(10)) {
            g.commit(Sample.estate("111", "sync-1", 5));
        }
        try (KnowledgeGraph g = open(10)) {
            assertEquals(17, g.counts()[0]);
            assertEquals(1, g.sets().size());
            assertTrue(g.node("111/i-4").isPresent());
            g.commit(Sample.estate("222", "sync-1", 5));
            g.flush();
            Path export = dir.resolve("export.jsonl");
            g.export(export);
            assertTrue(Auditor.verify(export, LocalJournal.read(dir.resolve("journal.log")), "journal.log")
                    .ok());
        }
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndNothingIsWritten() throws Exception {
        try (LocalJournal j =
                LocalJournal.open(dir.resolve("j.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001"))) {
            GraphException e = assertThrows(GraphException.class, () -> j.submit(new byte[1025]));
            assertTrue(e.getMessage().contains("1025 bytes"), e.getMessage());
            assertEquals(0, Files.size(dir.resolve("j.log")));
        }
        assertThrows(GraphException.class, () -> new LedgerMessage(1, 1, "bad tag with spaces", "00".repeat(32), 1, 0));
        assertThrows(
                GraphException.class,
                () -> KnowledgeGraph.open(
                        FileGraphStore.open(dir.resolve("s")),
                        LocalJournal.open(dir.resolve("j2.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                        0));
    }

    @Test
    void whatCannotBeReadBackIsRefusedBeforeItIsAcknowledged() {
        var nan = Sample.props();
        nan.put("cpu", Double.NaN);
        assertThrows(GraphException.class, () -> Change.node("x", "t", nan, "a", "s", Sample.AT));
        assertThrows(
                GraphException.class,
                () -> Change.node(
                        "x", "t", Sample.props(), "a", "s", java.time.Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void aGraphWhoseJournalIsGoneDoesNotOpen() throws Exception {
        try (KnowledgeGraph g = open(10)) {
            g.commit(Sample.estate("111", "sync-1", 5));
        }
        Files.delete(dir.resolve("journal.log"));
        GraphException e = assertThrows(GraphException.class, () -> open(10));
        assertTrue(e.getMessage().contains("does not hold set 1 at seq 1"), e.getMessage());
    }

    @Test
    void aSecondWriterIsRefused() {
        try (KnowledgeGraph g = open(10)) {
            GraphException e = assertThrows(GraphException.class, () -> FileGraphStore.open(dir.resolve("store")));
            assertTrue(e.getMessage().contains("in use by another writer"), e.getMessage());
            // An auditor can still read it.
            try (FileGraphStore reader = FileGraphStore.openReadOnly(dir.resolve("store"))) {
                assertTrue(reader.readOnly());
            }
        }
    }

    @Test
    void aJournalOfAnotherTopicIsRefused() {
        try (KnowledgeGraph g = open(5)) {
            g.commit(Sample.estate("111", "sync-1", 2));
        }
        GraphException e = assertThrows(
                GraphException.class,
                () -> LocalJournal.open(
                        dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.9999")));
        assertTrue(e.getMessage().contains("not of topic 0.0.9999"), e.getMessage());
    }
}
