package io.sirsi.mcp.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * Bearer-token auth for the HTTP transport: a static token, or a JWT checked for signature, expiry,
 * audience and (optionally) issuer. Failures answer 401 with RFC 9728 protected-resource metadata.
 */
public final class BearerAuth {
    private static final long CLOCK_SKEW_SECONDS = 60;

    /** The outcome of checking one request. */
    public sealed interface Verdict {
        /** The token is valid. */
        record Accepted() implements Verdict {}

        /** No token was sent. */
        record Missing() implements Verdict {}

        /** A token was sent and is not valid; the reason is safe to show (it never echoes the token). */
        record Rejected(String reason) implements Verdict {}
    }

    private final byte[] staticTokenDigest;
    private final Jwt jwt;
    private final String authorizationServer;
    private final Clock clock;

    private BearerAuth(byte[] staticTokenDigest, Jwt jwt, String authorizationServer, Clock clock) {
        this.staticTokenDigest = staticTokenDigest;
        this.jwt = jwt;
        this.authorizationServer = authorizationServer;
        this.clock = clock;
    }

    /** Requires exactly this token. */
    public static BearerAuth staticToken(String token) {
        if (token == null || token.isBlank()) {
            throw new KitException("The bearer token is empty");
        }
        return new BearerAuth(sha256(token.getBytes(StandardCharsets.UTF_8)), null, null, Clock.systemUTC());
    }

    /** Requires an HS256 JWT signed with {@code secret}, for {@code audience}. */
    public static BearerAuth jwtHs256(byte[] secret, String audience, String issuer, String authorizationServer) {
        if (secret.length < 32) {
            throw new KitException("The JWT secret must be at least 32 bytes");
        }
        return new BearerAuth(
                null, new Jwt(secret.clone(), null, audience, issuer), authorizationServer, Clock.systemUTC());
    }

    /** Requires an RS256 or ES256 JWT verified by {@code key}, for {@code audience}. */
    public static BearerAuth jwt(PublicKey key, String audience, String issuer, String authorizationServer) {
        return new BearerAuth(
                null,
                new Jwt(null, Objects.requireNonNull(key, "key"), audience, issuer),
                authorizationServer,
                Clock.systemUTC());
    }

    BearerAuth withClock(Clock fixed) {
        return new BearerAuth(staticTokenDigest, jwt, authorizationServer, fixed);
    }

    /** The authorization server to advertise, if one is configured. */
    public Optional<String> authorizationServer() {
        return Optional.ofNullable(authorizationServer);
    }

    /** Checks an {@code Authorization} header value (may be null). */
    public Verdict check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Verdict.Missing();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Verdict.Rejected("the Authorization header must use the Bearer scheme");
        }
        String token = authorization.substring(7).trim();
        if (staticTokenDigest != null) {
            return MessageDigest.isEqual(staticTokenDigest, sha256(token.getBytes(StandardCharsets.UTF_8)))
                    ? new Verdict.Accepted()
                    : new Verdict.Rejected("the token is not valid");
        }
        return jwt.verify(token, clock.instant().getEpochSecond());
    }

    static Optional<BearerAuth> fromOptions(
            Map<String, String> env,
            String tokenEnv,
            Path tokenFile,
            String audience,
            String issuer,
            String secretEnv,
            Path publicKey,
            String authorizationServer) {
        if (tokenEnv != null || tokenFile != null) {
            if (audience != null) {
                throw new ServerOptions.UsageException("Choose either a static token or a JWT audience, not both");
            }
            String token = tokenEnv != null
                    ? env.get(tokenEnv)
                    : read(tokenFile, "--token-file").trim();
            if (token == null || token.isBlank()) {
                throw new ServerOptions.UsageException(
                        "--token-env " + tokenEnv + ": the variable is not set or empty");
            }
            return Optional.of(staticToken(token));
        }
        if (audience == null) {
            if (secretEnv != null || publicKey != null || issuer != null) {
                throw new ServerOptions.UsageException("JWT options need --jwt-audience");
            }
            return Optional.empty();
        }
        if ((secretEnv == null) == (publicKey == null)) {
            throw new ServerOptions.UsageException(
                    "--jwt-audience needs exactly one of --jwt-secret-env and --jwt-public-key");
        }
        if (secretEnv != null) {
            String secret = env.get(secretEnv);
            if (secret == null || secret.isEmpty()) {
                throw new ServerOptions.UsageException(
                        "--jwt-secret-env " + secretEnv + ": the variable is not set or empty");
            }
            try {
                return Optional.of(
                        jwtHs256(secret.getBytes(StandardCharsets.UTF_8), audience, issuer, authorizationServer));
            } catch (KitException e) {
                throw new ServerOptions.UsageException("--jwt-secret-env " + secretEnv + ": " + e.getMessage());
            }
        }
        return Optional.of(jwt(readPublicKey(publicKey), audience, issuer, authorizationServer));
    }

    private static PublicKey readPublicKey(Path file) {
        String pem = read(file, "--jwt-public-key");
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ServerOptions.UsageException("--jwt-public-key " + file + ": not a PEM public key");
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ServerOptions.UsageException("--jwt-public-key " + file + ": neither an RSA nor an EC public key");
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ServerOptions.UsageException(option + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JWS verification for the three algorithms servers meet in practice. */
    private record Jwt(byte[] secret, PublicKey key, String audience, String issuer) {
        Verdict verify(String token, long now) {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return new Verdict.Rejected("the token is not a JWT");
            }
            JsonNode header;
            JsonNode claims;
            byte[] signature;
            try {
                header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
                claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
                signature = Base64.getUrlDecoder().decode(parts[2]);
            } catch (RuntimeException e) {
                return new Verdict.Rejected("the token is not a well-formed JWT");
            }
            String alg = header.path("alg").asString("");
            if (header.has("crit")) {
                return new Verdict.Rejected("the token names critical header extensions (crit) that are not supported");
            }
            for (String claim : new String[] {"exp", "nbf"}) {
                if (claims.has(claim) && !claims.get(claim).isNumber()) {
                    return new Verdict.Rejected("the token's \"" + claim + "\" claim is not a number");
                }
            }
            byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!signatureValid(alg, signed, signature)) {
                return new Verdict.Rejected("the token signature is not valid");
            }
            if (claims.has("exp") && now > (long) Math.floor(claims.path("exp").asDouble()) + CLOCK_SKEW_SECONDS) {
                return new Verdict.Rejected("the token has expired");
            }
            if (claims.has("nbf")
                    && now + CLOCK_SKEW_SECONDS
                            < (long) Math.ceil(claims.path("nbf").asDouble())) {
                return new Verdict.Rejected("the token is not valid yet");
            }
            if (!audienceMatches(claims.get("aud"))) {
                return new Verdict.Rejected("the token is not for this audience");
            }
            if (issuer != null && !issuer.equals(claims.path("iss").asString(""))) {
                return new Verdict.Rejected("the token is not from the expected issuer");
            }
            return new Verdict.Accepted();
        }

        private boolean audienceMatches(JsonNode aud) {
            if (aud == null) {
                return false;
            }
            if (aud.isString()) {
                return audience.equals(aud.stringValue());
            }
            if (aud.isArray()) {
                for (JsonNode one : aud) {
                    if (one.isString() && audience.equals(one.stringValue())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean signatureValid(String alg, byte[] signed, byte[] signature) {
            try {
                switch (alg) {
                    case "HS256" -> {
                        if (secret == null) {
                            return false;
                        }
                        Mac mac = Mac.getInstance("HmacSHA256");
                        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                        return MessageDigest.isEqual(mac.doFinal(signed), signature);
                    }
                    case "RS256" -> {
                        if (key == null || !"RSA".equals(key.getAlgorithm())) {
                            return false;
                        }
                        Signature verifier = Signature.getInstance("SHA256withRSA");
                        verifier.initVerify(key);
                        verifier.update(signed);
                        return verifier.verify(signature);
                    }
                    case "ES256" -> {
                        if (key == null || !"EC".equals(key.getAlgorithm()) || signature.length != 64) {
                            return false;
                        }
                        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                        verifier.initVerify(key);
                        verifier.update(signed);
                        return verifier.verify(signature);
                    }
                    default -> {
                        return false;
                    }
                }
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }
}
