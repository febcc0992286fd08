package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirsi.host.Caller;
import io.sirsi.host.HostException;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: Argon2id hashes, never passwords, and one answer for every failed check. */
class AuthUsersTest {
    @TempDir
    Path home;

    private Users users() {
        return Users.open(AuthConfig.builder(home).build());
    }

    @Test
    void fileHoldsAnArgon2idHashReadableByTheOwnerOnly() throws Exception {
        users().add("alice", Role.OPERATOR, "correct horse battery".toCharArray());
        String text = Files.readString(home.resolve("users.json"));
        assertFalse(text.contains("correct horse battery"), text);
        assertTrue(text.contains("\"password\" : \"$argon2id$v=19$m=19456,t=2,p=1$"), text);
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("users.json"))));
    }

    @Test
    void verifyAcceptsThePasswordAndGivesOneAnswerForEveryFailure() {
        Users users = users();
        users.add("alice", Role.OPERATOR, "correct horse battery".toCharArray());
        assertEquals(
                new Caller("alice", Role.OPERATOR), users().verify("alice", "correct horse battery".toCharArray()));
        for (String[] attempt : List.of(
                new String[] {"alice", "correct horse batterY"},
                new String[] {"bob", "correct horse battery"},
                new String[] {"not a name!", "x"})) {
            RequestException e =
                    assertThrows(RequestException.class, () -> users.verify(attempt[0], attempt[1].toCharArray()));
            assertEquals(RequestException.Kind.UNAUTHENTICATED, e.kind());
            assertEquals("unknown user or wrong password", e.getMessage());
        }
    }

    @Test
    void aReferenceHashWithOtherParametersIsAccepted() throws Exception {
        Files.writeString(
                home.resolve("users.json"),
                "{\"users\":[{\"name\":\"dora\",\"role\":\"viewer\",\"password\":"
                        + "\"$argon2id$v=19$m=16384,t=2,p=1$c2lyc2lzYWx0c2FsdDEyMw$eDCOyEUpPlzkAcR88Ho15KMQaYeK3U9nMI8JTpB4Ktg\","
                        + "\"note\":\"made with the argon2 CLI\"}]}");
        assertEquals(
                new Caller("dora", Role.VIEWER), users().verify("dora", "correct horse battery staple".toCharArray()));
        assertEquals(List.of(new Users.User("dora", Role.VIEWER)), users().list());
    }

    @Test
    void shortPasswordsTakenNamesAndMalformedHashesAreRefused() throws Exception {
        Users users = users();
        HostException e =
                assertThrows(HostException.class, () -> users.add("alice", Role.VIEWER, "short".toCharArray()));
        assertEquals("a password needs at least 12 characters; this one has 5", e.getMessage());
        users.add("alice", Role.VIEWER, "correct horse battery".toCharArray());
        e = assertThrows(HostException.class, () -> users.add("alice", Role.ADMIN, "another passphrase".toCharArray()));
        assertTrue(e.getMessage().contains("'alice' exists"), e.getMessage());
        Files.writeString(
                home.resolve("users.json"),
                "{\"users\":[{\"name\":\"eve\",\"role\":\"admin\",\"password\":\"$2b$12$bcryptlookingthing\"}]}");
        e = assertThrows(HostException.class, this::users);
        assertTrue(e.getMessage().contains("users.json: user 'eve': malformed password hash"), e.getMessage());
        assertFalse(e.getMessage().contains("bcryptlookingthing"), e.getMessage());
    }

    @Test
    void removedUserIsGone() {
        Users users = users();
        users.add("alice", Role.ADMIN, "correct horse battery".toCharArray());
        assertEquals(Optional.of(Role.ADMIN), users.role("alice"));
        assertTrue(users().remove("alice"));
        assertEquals(Optional.empty(), users.role("alice"), "seen by the instance that read the file before");
        assertFalse(users.remove("alice"));
    }
}
