package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.Caller;
import io.sirsi.host.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./sirsi user ...} and {@code ./sirsi token ...} on a temporary SIRSI_HOME, password on stdin. */
class AuthMainTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return AuthMain.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                AuthConfig.builder(home).build());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void userAddReadsThePasswordFromStdinAndNeverPrintsIt() throws Exception {
        assertEquals(0, run("a very good passphrase\n", "user", "add", "alice", "--role", "operator"));
        assertFalse(out().contains("passphrase") || err().contains("passphrase"), out() + err());
        assertTrue(out().contains("added user alice (operator)"), out());
        assertFalse(Files.readString(home.resolve("users.json")).contains("a very good passphrase"));
        assertEquals(
                new Caller("alice", Role.OPERATOR),
                Users.open(AuthConfig.builder(home).build()).verify("alice", "a very good passphrase".toCharArray()));
        assertEquals(0, run("", "user", "list"));
        assertEquals("alice\toperator\n", out());
    }

    @Test
    void userAddRefusesAMissingRoleOrPassword() {
        assertEquals(1, run("a very good passphrase\n", "user", "add", "alice"));
        assertTrue(err().contains("user add needs --role"), err());
        assertEquals(1, run("", "user", "add", "alice", "--role", "viewer"));
        assertTrue(err().contains("no password on standard input"), err());
        assertEquals(1, run("x\n", "user", "add", "alice", "--role", "superuser"));
        assertTrue(err().contains("no role 'superuser'"), err());
        assertFalse(Files.exists(home.resolve("users.json")));
    }

    @Test
    void tokenCreatePrintsTheTokenOnceAndRevokeEndsIt() {
        assertEquals(0, run("", "token", "create", "ci", "--role", "viewer"));
        String token = out().strip();
        assertTrue(token.startsWith("sirsi_"), token);
        AccessTokens tokens = AccessTokens.open(AuthConfig.builder(home).build());
        assertEquals(Optional.of(new Caller("ci", Role.VIEWER)), tokens.find(token));
        assertEquals(0, run("", "token", "list"));
        assertTrue(out().startsWith("ci\tviewer\t"), out());
        assertFalse(out().contains(token));
        assertEquals(0, run("", "token", "revoke", "ci"));
        assertEquals(Optional.empty(), tokens.find(token));
        assertEquals(1, run("", "token", "revoke", "ci"));
        assertTrue(err().contains("no token named 'ci'"), err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(""));
        assertEquals(2, run("", "user", "add"));
        assertEquals(2, run("", "token", "mint", "x"));
        assertTrue(err().contains("unknown command 'token mint'"), err());
        assertEquals(2, run("", "user", "list", "--password", "x"));
        assertTrue(err().contains("unknown option --password"), err());
        assertEquals(0, run("", "--help"));
        assertTrue(out().contains("sirsi user add NAME --role"), out());
    }
}
