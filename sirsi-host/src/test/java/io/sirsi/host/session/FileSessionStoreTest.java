package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a temporary folder. */
class FileSessionStoreTest extends AbstractSessionStoreTest {
    @TempDir
    Path dir;

    @Override
    protected SessionStore open(Duration ttl) {
        return FileSessionStore.open(dir.resolve("sessions"), ttl);
    }

    @Test
    void sessionsSurviveAReopen() {
        Session s = full(id(), now());
        try (SessionStore store = open(Duration.ofHours(1))) {
            store.save(s);
        }
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertEquals(s, store.get(s.id()).orElseThrow());
        }
    }

    @Test
    void secondStoreOnTheSameFolderIsRefused() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            SessionException e = assertThrows(SessionException.class, () -> open(Duration.ofHours(1)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void expireRemovesOnlyIdleSessionsFromDisk() {
        try (SessionStore store = open(Duration.ofMinutes(30))) {
            Instant t = now();
            Session old = Session.create(id(), t);
            Session recent = Session.create(id(), t).touched(t.plus(Duration.ofMinutes(20)));
            store.save(old);
            store.save(recent);
            assertEquals(1, store.expire(t.plus(Duration.ofMinutes(40))));
            assertTrue(Files.notExists(dir.resolve("sessions").resolve(old.id() + ".json")));
            assertTrue(store.get(recent.id()).isPresent());
        }
    }

    @Test
    void leftoverTemporaryFileIsRemovedOnOpen() throws Exception {
        Files.createDirectories(dir.resolve("sessions"));
        Path torn = dir.resolve("sessions").resolve("abc.123.tmp");
        Files.writeString(torn, "{\"id\":\"abc\",\"crea");
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertTrue(Files.notExists(torn));
            assertTrue(store.get("abc").isEmpty());
        }
    }

    @Test
    void idThatIsNotAFileNameIsRefused() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertThrows(SessionException.class, () -> store.get("../etc/passwd"));
        }
    }

    @Test
    void aJournalRecordCutShortByACrashIsDroppedAndTheOnesBeforeItKept() throws Exception {
        Path sessions = dir.resolve("sessions");
        Session a = full(id(), now());
        Session b = full(id(), now());
        byte[] journal;
        try (SessionStore store = open(Duration.ofHours(1))) {
            store.save(a);
            store.save(b);
            journal = Files.readAllBytes(sessions.resolve("journal.log"));
        }
        // As a kill would leave it: the files not written yet, the journal ending in half a record.
        Files.delete(sessions.resolve(a.id() + ".json"));
        Files.delete(sessions.resolve(b.id() + ".json"));
        String torn = "S " + id() + " 400 1234abcd\n{\"id\":\"x\",\"cre";
        Files.write(
                sessions.resolve("journal.log"),
                concat(journal, torn.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertEquals(a, store.get(a.id()).orElseThrow());
            assertEquals(b, store.get(b.id()).orElseThrow());
            assertEquals(0, Files.size(sessions.resolve("journal.log")), "the journal is compacted on opening");
        }
        // A record whose checksum does not match ends the journal too.
        byte[] flipped = journal.clone();
        flipped[flipped.length - 3] ^= 1;
        Files.delete(sessions.resolve(b.id() + ".json"));
        Files.write(sessions.resolve("journal.log"), flipped);
        try (SessionStore store = open(Duration.ofHours(1))) {
            assertTrue(store.get(a.id()).isPresent());
            assertTrue(store.get(b.id()).isEmpty(), "a record with a bad checksum was applied");
        }
    }

    @Test
    void writesTheJournalToTheSessionFilesWhenItIsFull() throws Exception {
        Path sessions = dir.resolve("sessions");
        java.util.List<Session> saved = new java.util.ArrayList<>();
        String deleted;
        try (SessionStore store = FileSessionStore.open(sessions, Duration.ofHours(1), 4_000)) {
            for (int i = 0; i < 40; i++) {
                Session s = full(id(), now());
                store.save(s);
                saved.add(s);
            }
            assertTrue(Files.size(sessions.resolve("journal.log")) < 8_000, "the journal was not compacted");
            assertTrue(Files.exists(sessions.resolve(saved.getFirst().id() + ".json")));
            deleted = saved.removeFirst().id();
            assertTrue(store.delete(deleted));
            assertTrue(store.get(deleted).isEmpty());
        }
        assertTrue(Files.notExists(sessions.resolve(deleted + ".json")));
        try (SessionStore store = open(Duration.ofHours(1))) {
            for (Session s : saved) {
                assertEquals(s, store.get(s.id()).orElseThrow());
            }
            assertTrue(store.get(deleted).isEmpty());
        }
    }

    @Test
    void aSessionStoredBeforeSessionsHadOwnersLoadsWithNone() throws Exception {
        Path sessions = Files.createDirectories(dir.resolve("sessions"));
        Instant t = now();
        String inFile = id();
        String inJournal = id();
        Files.writeString(sessions.resolve(inFile + ".json"), withoutOwner(inFile, t));
        byte[] json = withoutOwner(inJournal, t).getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(json);
        String head = "S " + inJournal + " " + json.length + " " + Long.toHexString(crc.getValue()) + "\n";
        Files.write(
                sessions.resolve("journal.log"),
                concat(concat(head.getBytes(StandardCharsets.UTF_8), json), new byte[] {'\n'}));
        try (SessionStore store = open(Duration.ofHours(1))) {
            for (String id : java.util.List.of(inFile, inJournal)) {
                Session s = store.get(id).orElseThrow(() -> new AssertionError(id + " did not load"));
                assertEquals("", s.owner(), id);
                assertEquals("uniedu", s.context().estate(), id);
                assertEquals("assess uniedu", s.history().getFirst().text(), id);
            }
        }
    }

    /** A session's JSON as stores wrote it before sessions had owners. */
    private static String withoutOwner(String id, Instant t) {
        return ("{\"id\":\"%s\",\"created\":\"%s\",\"lastActive\":\"%s\","
                        + "\"history\":[{\"role\":\"user\",\"text\":\"assess uniedu\",\"time\":\"%s\"}],"
                        + "\"context\":{\"estate\":\"uniedu\",\"target\":\"\",\"artifacts\":{}},"
                        + "\"approvals\":[],\"pending\":[]}")
                .formatted(id, t, t, t);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
