package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HS256 tokens: what is accepted and every way a token is refused. */
class JwtTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Jwt jwt = Jwt.create(KEY, at(T0));

    @Test
    void issuedTokenVerifiesToItsClaims() {
        String token = jwt.issue("alice", Role.OPERATOR, Duration.ofHours(12));
        Jwt.Claims c = jwt.verify(token);
        assertEquals("alice", c.subject());
        assertEquals(Role.OPERATOR, c.role());
        assertEquals(T0, c.issuedAt());
        assertEquals(T0.plus(Duration.ofHours(12)), c.expiresAt());
        assertEquals(22, c.id().length(), "16 random bytes, base64url");
        assertFalse(c.id().equals(jwt.verify(jwt.issue("alice", Role.OPERATOR, Duration.ofHours(1)))
                .id()));
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"iss\":\"sirsi-host\""), payload);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = jwt.issue("alice", Role.VIEWER, Duration.ofHours(1)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + b64(payload.replace("\"viewer\"", "\"admin\"")) + "." + parts[2];
        assertRefused(forged, "invalid token: the signature does not match");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String payload = claims("alice", "admin", T0.getEpochSecond(), T0.getEpochSecond() + 3600, "id");
        assertRefused(
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".",
                "algorithm 'none' is not accepted, only HS256");
        assertRefused(b64("{\"alg\":\"HS512\"}") + "." + b64(payload) + ".c2ln", "algorithm 'HS512' is not accepted");
        assertRefused(b64("{\"typ\":\"JWT\"}") + "." + b64(payload) + ".c2ln", "names no algorithm");
    }

    @Test
    void expiredTokenIsRefusedAfterThirtySecondsOfSkew() {
        String token = jwt.issue("alice", Role.VIEWER, Duration.ofHours(1));
        Instant exp = T0.plus(Duration.ofHours(1));
        assertEquals(
                "alice", Jwt.create(KEY, at(exp.plusSeconds(30))).verify(token).subject());
        RequestException e = assertThrows(RequestException.class, () -> Jwt.create(KEY, at(exp.plusSeconds(31)))
                .verify(token));
        assertEquals(RequestException.Kind.UNAUTHENTICATED, e.kind());
        assertEquals("token expired at 2025-06-01T11:00:00Z, 31 s ago: log in again", e.getMessage());
    }

    @Test
    void tokenOfAnotherKeyIsRefused() {
        Jwt other = Jwt.create("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII), at(T0));
        assertRefused(other.issue("alice", Role.ADMIN, Duration.ofHours(1)), "the signature does not match");
    }

    @Test
    void malformedTokensAreRefusedEachWithItsReason() {
        assertRefused("not-a-jwt", "three base64url parts separated by '.', this has 1");
        assertRefused("a.b.c.d", "this has 4");
        assertRefused("@@@.e30.c2ln", "the header is not base64url");
        assertRefused(b64("{not json") + ".e30.c2ln", "the header is not JSON");
        assertRefused(b64("[1]") + ".e30.c2ln", "the header is not a JSON object");
        assertRefused(b64("{\"alg\":\"HS256\"}") + ".e30.", "the signature is empty");
        assertRefused(signed("{not json"), "the payload is not JSON");
        String dup = "{\"sub\":\"a\",\"sub\":\"b\"}";
        assertRefused(signed(dup), "the payload is not JSON");
    }

    @Test
    void missingOrWrongClaimsAreRefusedByName() {
        long iat = T0.getEpochSecond();
        assertRefused(signed(claims("alice", "viewer", iat, iat + 60, null)), "claim 'jti' is missing");
        assertRefused(signed(claims(null, "viewer", iat, iat + 60, "id")), "claim 'sub' is missing");
        assertRefused(signed(claims("alice", "root", iat, iat + 60, "id")), "unknown role 'root'");
        assertRefused(signed(claims("alice", "viewer", iat, iat - 60, "id")), "expires (exp) before it was issued");
        assertRefused(signed(claims("alice", "viewer", iat + 3600, iat + 7200, "id")), "issued in the future");
        assertRefused(
                signed(
                        "{\"iss\":\"sirsi-host\",\"sub\":\"a\",\"role\":\"viewer\",\"iat\":\"soon\",\"exp\":1,\"jti\":\"x\"}"),
                "claim 'iat' is missing or not a whole number");
        assertRefused(
                signed(claims("alice", "viewer", iat, iat + 60, "id").replace("sirsi-host", "evil")),
                "issued by 'evil', not sirsi-host");
    }

    @Test
    void keyShorterThanThirtyTwoBytesIsRefused() {
        var e = assertThrows(io.sirsi.host.HostException.class, () -> Jwt.create(new byte[31]));
        assertTrue(e.getMessage().contains("at least 32 bytes, not 31"), e.getMessage());
    }

    private void assertRefused(String token, String reason) {
        RequestException e = assertThrows(RequestException.class, () -> jwt.verify(token));
        assertEquals(RequestException.Kind.UNAUTHENTICATED, e.kind());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        Arrays.stream(token.split("\\."))
                .filter(p -> p.length() > 8)
                .forEach(p -> assertFalse(e.getMessage().contains(p), "the token is not repeated: " + e.getMessage()));
    }

    /** A token signed with the key by this test's own HMAC, so the signature is right and the rest is tested. */
    private static String signed(String payload) {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String claims(String sub, String role, long iat, long exp, String jti) {
        return "{\"iss\":\"sirsi-host\"" + (sub == null ? "" : ",\"sub\":\"" + sub + "\"") + ",\"role\":\"" + role
                + "\",\"iat\":" + iat + ",\"exp\":" + exp + (jti == null ? "" : ",\"jti\":\"" + jti + "\"") + "}";
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }
}
