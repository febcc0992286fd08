package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirsi.host.Caller;
import io.sirsi.host.HostException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opaque tokens in a tokens file under a temporary SIRSI_HOME. */
class AccessTokensTest {
    @TempDir
    Path home;

    private AuthConfig config() {
        return AuthConfig.builder(home.resolve(".sirsi")).build();
    }

    @Test
    void fileHoldsTheTokensHashNeverTheToken() throws Exception {
        String token = AccessTokens.open(config()).create("ci", Role.OPERATOR);
        assertTrue(token.matches("sirsi_[A-Za-z0-9_-]{43}"), token);
        byte[] file = Files.readAllBytes(config().tokensFile());
        String text = new String(file, StandardCharsets.UTF_8);
        assertFalse(text.contains(token), text);
        assertFalse(text.contains(token.substring(AccessTokens.PREFIX.length())), text);
        String hash = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
        assertTrue(text.contains("\"sha256\" : \"" + hash + "\""), text);
        assertEquals(
                Optional.of(new Caller("ci", Role.OPERATOR)),
                AccessTokens.open(config()).find(token));
    }

    @Test
    void fileAndFolderAreReadableByTheOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        AccessTokens.open(config()).create("ci", Role.VIEWER);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config().tokensFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config().home())));
        try (var left = Files.list(config().home())) {
            assertEquals(
                    List.of("tokens.json"),
                    left.map(p -> p.getFileName().toString()).toList(),
                    "no temp file");
        }
    }

    @Test
    void adminTokenIsCreatedOnceAndReused() {
        AccessTokens tokens = AccessTokens.open(config());
        String admin = tokens.ensureAdminToken().orElseThrow();
        assertEquals(Optional.empty(), tokens.ensureAdminToken());
        AccessTokens reopened = AccessTokens.open(config());
        assertEquals(Optional.empty(), reopened.ensureAdminToken(), "a restart makes no second admin token");
        assertEquals(Optional.of(new Caller("admin", Role.ADMIN)), reopened.find(admin));
        assertEquals(1, reopened.list().size());
    }

    @Test
    void adminTokenIsMadeWhenTheFileHoldsOnlyLesserTokens() {
        AccessTokens tokens = AccessTokens.open(config());
        tokens.create("admin", Role.VIEWER);
        String admin = tokens.ensureAdminToken().orElseThrow();
        assertEquals(Optional.of(new Caller("admin-2", Role.ADMIN)), tokens.find(admin));
    }

    @Test
    void revokedTokenIsNoLongerFoundEvenByAnInstanceThatReadTheFileBefore() {
        AccessTokens host = AccessTokens.open(config());
        String token = host.create("laptop", Role.OPERATOR);
        String other = host.create("ci", Role.VIEWER);
        assertTrue(AccessTokens.open(config()).revoke("laptop"), "as the CLI would");
        assertEquals(Optional.empty(), host.find(token));
        assertEquals(Optional.of(new Caller("ci", Role.VIEWER)), host.find(other));
        assertFalse(host.revoke("laptop"));
    }

    @Test
    void environmentTokenIsAnAdminAndNoTokenIsMadeBesideIt() {
        String env = "an-env-token-of-at-least-32-chars-" + "x".repeat(8);
        AccessTokens tokens =
                AccessTokens.open(AuthConfig.builder(home).adminToken(env).build());
        assertEquals(Optional.of(new Caller(AccessTokens.ENVIRONMENT_TOKEN, Role.ADMIN)), tokens.find(env));
        assertEquals(Optional.empty(), tokens.find(env + "y"));
        assertEquals(Optional.empty(), tokens.ensureAdminToken());
        assertFalse(Files.exists(home.resolve("tokens.json")));
    }

    @Test
    void takenOrMalformedNamesAreRefused() {
        AccessTokens tokens = AccessTokens.open(config());
        tokens.create("ci", Role.VIEWER);
        HostException e = assertThrows(HostException.class, () -> tokens.create("ci", Role.ADMIN));
        assertTrue(e.getMessage().contains("a token named 'ci' exists"), e.getMessage());
        e = assertThrows(HostException.class, () -> tokens.create("SIRSI_TOKEN", Role.ADMIN));
        assertTrue(e.getMessage().contains("'SIRSI_TOKEN' exists"), e.getMessage());
        e = assertThrows(HostException.class, () -> tokens.create("has space", Role.ADMIN));
        assertTrue(e.getMessage().contains("not 'has space'"), e.getMessage());
    }

    @Test
    void malformedFileIsRefusedNamingTheEntry() throws Exception {
        Files.createDirectories(config().home());
        Files.writeString(
                config().tokensFile(),
                "{\"tokens\":[{\"name\":\"ci\",\"role\":\"root\",\"sha256\":\"" + "0".repeat(64)
                        + "\",\"created\":\"2025-01-01T00:00:00Z\"}]}");
        HostException e = assertThrows(HostException.class, () -> AccessTokens.open(config()));
        assertTrue(e.getMessage().contains("tokens.json: token 'ci': no role 'root'"), e.getMessage());
        Files.writeString(config().tokensFile(), "{\"tokens\":[{\"name\":\"ci\"}]}");
        e = assertThrows(HostException.class, () -> AccessTokens.open(config()));
        assertTrue(e.getMessage().contains("entry 1 of 'tokens' has no 'role'"), e.getMessage());
        Files.writeString(config().tokensFile(), "[");
        e = assertThrows(HostException.class, () -> AccessTokens.open(config()));
        assertTrue(e.getMessage().contains("tokens.json is not JSON"), e.getMessage());
    }

    @Test
    void aFileBrokenWhileRunningKeepsWhatWasReadBefore() throws Exception {
        AccessTokens tokens = AccessTokens.open(config());
        String token = tokens.create("ci", Role.VIEWER);
        Files.writeString(config().tokensFile(), "{ broken");
        assertEquals(Optional.of(new Caller("ci", Role.VIEWER)), tokens.find(token));
    }
}
