package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.Caller;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, opaque and JWT, through one authenticator on temporary files and a test clock. */
class AuthenticatorTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path home;

    private final AtomicLong nanos = new AtomicLong();
    private AuthConfig config;
    private AccessTokens tokens;
    private Users users;
    private Authenticator auth;

    @BeforeEach
    void setUp() {
        config = AuthConfig.builder(home).build();
        tokens = AccessTokens.open(config);
        users = Users.open(config);
        auth = authenticatorAt(T0);
    }

    private Authenticator authenticatorAt(Instant now) {
        return Authenticator.builder(tokens, users, Jwt.create(KEY, Clock.fixed(now, ZoneOffset.UTC)))
                .rateLimiter(RateLimiter.builder(10, 2).nanoClock(nanos::get).build())
                .loginRateLimiter(
                        RateLimiter.builder(1, 2).nanoClock(nanos::get).build())
                .build();
    }

    @Test
    void missingHeaderIsRefusedSayingWhatToSend() {
        for (Optional<String> header :
                java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            RequestException e = assertThrows(RequestException.class, () -> auth.authenticate(header));
            assertEquals(RequestException.Kind.UNAUTHENTICATED, e.kind());
            assertEquals(
                    "missing bearer token: send 'authorization: Bearer TOKEN' (./sirsi up printed one)",
                    e.getMessage());
        }
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheCredentials() {
        String token = tokens.create("ci", Role.ADMIN);
        assertRefused(
                "Basic YWxpY2U6c2VjcmV0cGFzc3dvcmQ=", "must use the Bearer scheme", "YWxpY2U6c2VjcmV0cGFzc3dvcmQ");
        assertRefused(token, "must use the Bearer scheme", token);
        assertRefused("Bearer " + token + " extra", "malformed bearer token", token);
        assertRefused("Bearer", "must use the Bearer scheme", "Bearer x");
    }

    @Test
    void unknownAndRevokedTokensAreRefused() {
        String token = tokens.create("laptop", Role.OPERATOR);
        assertEquals(new Caller("laptop", Role.OPERATOR), auth.authenticate(Optional.of("Bearer " + token)));
        String unknown = "sirsi_" + "A".repeat(43);
        assertRefused("Bearer " + unknown, "unknown or revoked token", unknown);
        assertTrue(tokens.revoke("laptop"));
        assertRefused("Bearer " + token, "unknown or revoked token", token);
        assertRefused("Bearer some-opaque-string-from-elsewhere", "unknown or revoked token", "some-opaque");
    }

    @Test
    void opaqueTokensMapToTheirNameAndRole() {
        String viewer = tokens.create("dashboard", Role.VIEWER);
        String admin = tokens.ensureAdminToken().orElseThrow();
        assertEquals(new Caller("dashboard", Role.VIEWER), auth.authenticate(Optional.of("Bearer " + viewer)));
        assertEquals(new Caller("admin", Role.ADMIN), auth.authenticate(Optional.of("bearer  " + admin + " ")));
    }

    @Test
    void loginGivesAJwtThatAuthenticatesAsTheUser() {
        users.add("alice", Role.OPERATOR, "correct horse battery".toCharArray());
        String jwt = auth.login("alice", "correct horse battery".toCharArray());
        assertEquals(new Caller("alice", Role.OPERATOR), auth.authenticate(Optional.of("Bearer " + jwt)));
        RequestException e = assertThrows(RequestException.class, () -> authenticatorAt(T0.plus(Duration.ofHours(13)))
                .authenticate(Optional.of("Bearer " + jwt)));
        assertTrue(e.getMessage().startsWith("token expired at 2025-06-01T22:00:00Z"), e.getMessage());
    }

    @Test
    void jwtOfARemovedUserIsRefusedAndADemotedUserKeepsTheLesserRole() {
        users.add("alice", Role.ADMIN, "correct horse battery".toCharArray());
        users.add("bob", Role.OPERATOR, "another good passphrase".toCharArray());
        String alice = auth.login("alice", "correct horse battery".toCharArray());
        String bob = auth.login("bob", "another good passphrase".toCharArray());
        users.remove("alice");
        assertRefused("Bearer " + alice, "user 'alice' no longer exists", alice);
        String phc = new String(readUsersFile(), StandardCharsets.UTF_8);
        writeUsersFile(phc.replace("\"operator\"", "\"viewer\""));
        assertEquals(new Caller("bob", Role.VIEWER), auth.authenticate(Optional.of("Bearer " + bob)));
    }

    @Test
    void badJwtIsRefusedWithTheVerifiersReason() {
        String forged = Jwt.create("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII))
                .issue("mallory", Role.ADMIN, Duration.ofHours(1));
        assertRefused("Bearer " + forged, "invalid token: the signature does not match", forged);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        users.add("alice", Role.VIEWER, "correct horse battery".toCharArray());
        RequestException wrong = assertThrows(RequestException.class, () -> auth.login("alice", "guess".toCharArray()));
        RequestException unknown =
                assertThrows(RequestException.class, () -> auth.login("nobody", "correct horse battery".toCharArray()));
        assertEquals(RequestException.Kind.UNAUTHENTICATED, wrong.kind());
        assertEquals(wrong.kind(), unknown.kind());
        assertEquals("unknown user or wrong password", wrong.getMessage());
        assertEquals(wrong.getMessage(), unknown.getMessage());
    }

    @Test
    void loginAttemptsPerUserAreLimited() {
        users.add("alice", Role.VIEWER, "correct horse battery".toCharArray());
        assertThrows(RequestException.class, () -> auth.login("alice", "guess one".toCharArray()));
        assertThrows(RequestException.class, () -> auth.login("alice", "guess two".toCharArray()));
        RequestException e =
                assertThrows(RequestException.class, () -> auth.login("alice", "correct horse battery".toCharArray()));
        assertEquals(RequestException.Kind.RATE_LIMITED, e.kind());
        assertEquals("rate limit of 1 request/s exceeded for logins of user alice; retry in 1000 ms", e.getMessage());
    }

    @Test
    void eachTokenHasItsOwnRateLimit() {
        String a = tokens.create("a", Role.VIEWER);
        String b = tokens.create("b", Role.VIEWER);
        auth.authenticate(Optional.of("Bearer " + a));
        auth.authenticate(Optional.of("Bearer " + a));
        RequestException e = assertThrows(RequestException.class, () -> auth.authenticate(Optional.of("Bearer " + a)));
        assertEquals(RequestException.Kind.RATE_LIMITED, e.kind());
        assertEquals("rate limit of 10 requests/s exceeded for token a; retry in 100 ms", e.getMessage());
        assertEquals(new Caller("b", Role.VIEWER), auth.authenticate(Optional.of("Bearer " + b)));
        nanos.addAndGet(100_000_000);
        assertEquals(new Caller("a", Role.VIEWER), auth.authenticate(Optional.of("Bearer " + a)));
    }

    @Test
    void openWiresEverythingFromTheConfiguration() {
        Authenticator opened = Authenticator.open(config);
        String admin = opened.tokens().ensureAdminToken().orElseThrow();
        assertEquals(new Caller("admin", Role.ADMIN), opened.authenticate(Optional.of("Bearer " + admin)));
        assertTrue(Files.exists(config.jwtKeyFile()), "a signing key was made and kept");
        opened.users().add("carol", Role.VIEWER, "a sufficiently long one".toCharArray());
        String jwt = opened.login("carol", "a sufficiently long one".toCharArray());
        assertEquals(
                new Caller("carol", Role.VIEWER),
                Authenticator.open(config).authenticate(Optional.of("Bearer " + jwt)),
                "another host on the same files accepts it");
    }

    private void assertRefused(String header, String reason, String secret) {
        RequestException e = assertThrows(RequestException.class, () -> auth.authenticate(Optional.of(header)));
        assertEquals(RequestException.Kind.UNAUTHENTICATED, e.kind());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains(secret), "the credential is not repeated: " + e.getMessage());
    }

    private byte[] readUsersFile() {
        try {
            return Files.readAllBytes(config.usersFile());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void writeUsersFile(String text) {
        try {
            Files.writeString(config.usersFile(), text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
