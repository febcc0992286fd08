package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
