package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerAuthTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String claims, byte[] secret) throws Exception {
        String signed = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signed + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String signed(String alg, String algorithm, PrivateKey key, String claims) throws Exception {
        String signed = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(claims);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    private static String reason(BearerAuth.Verdict verdict) {
        return assertInstanceOf(BearerAuth.Verdict.Rejected.class, verdict).reason();
    }

    @Test
    void staticTokenAcceptsOnlyItself() {
        var auth = BearerAuth.staticToken("s3cret-token");
        assertInstanceOf(BearerAuth.Verdict.Accepted.class, auth.check("Bearer s3cret-token"));
        assertInstanceOf(BearerAuth.Verdict.Missing.class, auth.check(null));
        assertEquals("the token is not valid", reason(auth.check("Bearer s3cret-tokeN")));
        assertTrue(reason(auth.check("Basic czNjcmV0")).contains("Bearer scheme"));
        assertTrue(!reason(auth.check("Bearer wrong")).contains("wrong"), "a rejection never echoes the token");
    }

    @Test
    void hs256JwtIsCheckedForSignatureExpiryAudienceAndIssuer() throws Exception {
        var auth = BearerAuth.jwtHs256(SECRET, "sirsi-aws", "https://issuer.example", null)
                .withClock(CLOCK);
        String good = "{\"aud\":\"sirsi-aws\",\"iss\":\"https://issuer.example\",\"exp\":" + (NOW + 300) + "}";
        assertInstanceOf(BearerAuth.Verdict.Accepted.class, auth.check("Bearer " + hs256(good, SECRET)));
        assertInstanceOf(
                BearerAuth.Verdict.Accepted.class,
                auth.check("Bearer "
                        + hs256("{\"aud\":[\"other\",\"sirsi-aws\"],\"iss\":\"https://issuer.example\"}", SECRET)));
        assertEquals(
                "the token signature is not valid",
                reason(auth.check(
                        "Bearer " + hs256(good, "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8)))));
        assertEquals(
                "the token has expired",
                reason(auth.check("Bearer "
                        + hs256(
                                "{\"aud\":\"sirsi-aws\",\"iss\":\"https://issuer.example\",\"exp\":" + (NOW - 3600)
                                        + "}",
                                SECRET))));
        assertEquals(
                "the token is not valid yet",
                reason(auth.check("Bearer "
                        + hs256(
                                "{\"aud\":\"sirsi-aws\",\"iss\":\"https://issuer.example\",\"nbf\":" + (NOW + 3600)
                                        + "}",
                                SECRET))));
        assertEquals(
                "the token is not for this audience",
                reason(auth.check(
                        "Bearer " + hs256("{\"aud\":\"sirsi-azure\",\"iss\":\"https://issuer.example\"}", SECRET))));
        assertEquals(
                "the token is not from the expected issuer",
                reason(auth.check(
                        "Bearer " + hs256("{\"aud\":\"sirsi-aws\",\"iss\":\"https://evil.example\"}", SECRET))));
        assertEquals("the token is not a JWT", reason(auth.check("Bearer abc")));
    }

    @Test
    void refusesUnsignedAndAlgorithmSwappedTokens() throws Exception {
        var auth = BearerAuth.jwtHs256(SECRET, "sirsi", null, null).withClock(CLOCK);
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"aud\":\"sirsi\"}") + ".";
        assertEquals("the token signature is not valid", reason(auth.check("Bearer " + none)));
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String rs = signed("RS256", "SHA256withRSA", rsa.getPrivate(), "{\"aud\":\"sirsi\"}");
        assertEquals("the token signature is not valid", reason(auth.check("Bearer " + rs)));
    }

    @Test
    void rs256AndEs256TokensVerifyWithAPublicKey() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        var rsaAuth = BearerAuth.jwt(rsa.getPublic(), "sirsi", null, "https://auth.example")
                .withClock(CLOCK);
        assertInstanceOf(
                BearerAuth.Verdict.Accepted.class,
                rsaAuth.check("Bearer " + signed("RS256", "SHA256withRSA", rsa.getPrivate(), "{\"aud\":\"sirsi\"}")));
        assertEquals("https://auth.example", rsaAuth.authorizationServer().orElseThrow());
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        var ecAuth = BearerAuth.jwt(ec.getPublic(), "sirsi", null, null).withClock(CLOCK);
        assertInstanceOf(
                BearerAuth.Verdict.Accepted.class,
                ecAuth.check("Bearer "
                        + signed("ES256", "SHA256withECDSAinP1363Format", ec.getPrivate(), "{\"aud\":\"sirsi\"}")));
    }

    @Test
    void readsSecretsFromTheEnvironmentOrFilesAndNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        assertTrue(BearerAuth.fromOptions(Map.of("TOKEN", "t0ken"), "TOKEN", null, null, null, null, null, null)
                .isPresent());
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        var fromFile = BearerAuth.fromOptions(Map.of(), null, file, null, null, null, null, null)
                .orElseThrow();
        assertInstanceOf(BearerAuth.Verdict.Accepted.class, fromFile.check("Bearer from-file"));
        var unset = assertThrows(
                ServerOptions.UsageException.class,
                () -> BearerAuth.fromOptions(Map.of(), "NOPE", null, null, null, null, null, null));
        assertTrue(unset.getMessage().contains("NOPE"), unset.getMessage());
        var weak = assertThrows(
                ServerOptions.UsageException.class,
                () -> BearerAuth.fromOptions(Map.of("S", "short"), null, null, "aud", null, "S", null, null));
        assertTrue(weak.getMessage().contains("at least 32 bytes"), weak.getMessage());
        var both = assertThrows(
                ServerOptions.UsageException.class,
                () -> BearerAuth.fromOptions(Map.of(), null, null, "aud", null, null, null, null));
        assertTrue(both.getMessage().contains("exactly one of"), both.getMessage());
        assertTrue(BearerAuth.fromOptions(Map.of(), null, null, null, null, null, null, null)
                .isEmpty());
    }

    @Test
    void rejectsNonNumericTimesAndCriticalExtensionsWithoutThrowing() throws Exception {
        var auth = BearerAuth.jwtHs256(SECRET, "sirsi-aws", null, null).withClock(CLOCK);
        String base = "\"aud\":\"sirsi-aws\"";
        assertEquals(
                "the token's \"exp\" claim is not a number",
                reason(auth.check("Bearer " + hs256("{" + base + ",\"exp\":\"never\"}", SECRET))));
        assertEquals(
                "the token's \"nbf\" claim is not a number",
                reason(auth.check("Bearer " + hs256("{" + base + ",\"nbf\":[1]}", SECRET))));
        assertEquals(
                "the token has expired",
                reason(auth.check("Bearer " + hs256("{" + base + ",\"exp\":" + (NOW - 3600) + ".5}", SECRET))));
        assertInstanceOf(
                BearerAuth.Verdict.Accepted.class,
                auth.check("Bearer " + hs256("{" + base + ",\"exp\":" + (NOW + 3600) + ".5}", SECRET)));
        String signed = b64("{\"alg\":\"HS256\",\"crit\":[\"x-sirsi\"],\"x-sirsi\":1}") + "." + b64("{" + base + "}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String token = signed + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(reason(auth.check("Bearer " + token)).contains("crit"));
    }
}
