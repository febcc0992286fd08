package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering: a single flipped byte anywhere in an export or a journal, or a dropped or reordered line, on
 * a randomized sample of 1,500 tamperings. The audit must catch every one and name where (a line, a set,
 * a change or a sequence number).
 */
class TamperTest {
    @TempDir
    static Path dir;

    private static byte[] export;
    private static byte[] journal;
    private static final Pattern WHERE = Pattern.compile("line \\d+|set \\d+|seq \\d+|entry \\d+|change \\d+");

    @BeforeAll
    static void build() throws IOException {
        try (KnowledgeGraph g = KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                25)) {
            for (int a = 0; a < 6; a++) {
                g.commit(Sample.estate("acct-" + a, "sync-" + a, 12));
            }
            g.flush();
            g.export(dir.resolve("export.jsonl"));
        }
        export = Files.readAllBytes(dir.resolve("export.jsonl"));
        journal = Files.readAllBytes(dir.resolve("journal.log"));
    }

    private static AuditReport audit(byte[] exportBytes, byte[] journalBytes) throws IOException {
        Path e = dir.resolve("e.jsonl");
        Path j = dir.resolve("j.log");
        Files.write(e, exportBytes);
        Files.write(j, journalBytes);
        List<TopicMessage> messages;
        try {
            messages = LocalJournal.read(j);
        } catch (GraphException ex) {
            return new AuditReport(0, 0, 0, java.util.Optional.of(ex.getMessage()));
        }
        return Auditor.verify(e, messages, "j.log");
    }

    @Test
    void theUntouchedFilesVerify() throws IOException {
        AuditReport r = audit(export, journal);
        assertTrue(r.ok(), r.summary());
        assertEquals(10, r.sets(), "6 accounts x 38 changes = 228 changes, in sets of 25");
        assertEquals(228, r.changes());
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int at = random.nextInt(out.length);
        out[at] = (byte) (out[at] ^ (1 + random.nextInt(255)));
        return out;
    }

    private static List<String> lines(byte[] bytes) {
        return new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] drop(byte[] bytes, Random random) {
        List<String> l = lines(bytes);
        l.remove(random.nextInt(l.size() - 1)); // the last element is the empty tail after the final newline
        return join(l);
    }

    private static byte[] reorder(byte[] bytes, Random random) {
        List<String> l = lines(bytes);
        int a = random.nextInt(l.size() - 1);
        int b = random.nextInt(l.size() - 1);
        while (b == a || l.get(a).equals(l.get(b))) {
            b = random.nextInt(l.size() - 1);
        }
        String t = l.get(a);
        l.set(a, l.get(b));
        l.set(b, t);
        return join(l);
    }

    @Test
    void everyTamperingIsCaughtAndPlaced() throws IOException {
        Random random = new Random(7760674);
        int caught = 0;
        int[] kinds = new int[6];
        for (int i = 0; i < 1500; i++) {
            int kind = random.nextInt(6);
            kinds[kind]++;
            byte[] e = export;
            byte[] j = journal;
            switch (kind) {
                case 0 -> e = flip(export, random);
                case 1 -> j = flip(journal, random);
                case 2 -> e = drop(export, random);
                case 3 -> j = drop(journal, random);
                case 4 -> e = reorder(export, random);
                default -> j = reorder(journal, random);
            }
            AuditReport r = audit(e, j);
            assertTrue(!r.ok(), "tampering " + i + " (kind " + kind + ") went unnoticed");
            String d = r.divergence().orElseThrow();
            assertTrue(WHERE.matcher(d).find(), "tampering " + i + " is not placed: " + d);
            caught++;
        }
        assertEquals(1500, caught);
        for (int k : kinds) {
            assertTrue(k > 150, "every kind of tampering is sampled: " + Arrays.toString(kinds));
        }
    }

    @Test
    void anInsertedByteThatParsesTheSameIsCaught() throws IOException {
        String j =
                new String(journal, StandardCharsets.UTF_8).replaceFirst("\"payer\":\"0.0.2\"", "\"payer\":\"0.0.02\"");
        AuditReport r = audit(export, j.getBytes(StandardCharsets.UTF_8));
        assertTrue(
                r.divergence().orElseThrow().contains("j.log line 1: not in the journal's own encoding"), r.summary());
    }

    @Test
    void aChangedChangeIsNamedBySetAndIndex() throws IOException {
        String text = new String(export, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"instanceType\":\"m5.xlarge\"", "\"instanceType\":\"m5.large\"");
        AuditReport r = audit(edited.getBytes(StandardCharsets.UTF_8), journal);
        assertEquals(
                "e.jsonl line 2 (set 1) change 5 (acct-0/i-1): its leaf hash differs from the change's content",
                r.divergence().orElseThrow());
    }

    @Test
    void aDroppedSetIsNamed() throws IOException {
        List<String> l = lines(export);
        l.remove(l.size() - 2);
        AuditReport r = audit(join(l), journal);
        assertEquals(
                "j.log anchors 10 sets, but e.jsonl holds 9; set 10 is missing from the export",
                r.divergence().orElseThrow());
    }
}
