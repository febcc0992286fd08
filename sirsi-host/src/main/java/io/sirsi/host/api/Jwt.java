package io.sirsi.host.api;

import io.sirsi.host.HostException;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Web Tokens signed with HMAC-SHA256, as a login gives them: claims {@code iss} ({@value #ISSUER}),
 * {@code sub}, {@code role}, {@code iat}, {@code exp} and {@code jti}. Verification accepts HS256 only (never
 * {@code none}), compares signatures in constant time, allows {@value #SKEW_SECONDS} s of clock skew, and
 * refuses each defect with its own message, none of which repeats the token.
 */
public final class Jwt {
    /** The issuer of every token, checked on verification. */
    public static final String ISSUER = "sirsi-host";

    static final long SKEW_SECONDS = 30;
    private static final int MAX_CHARS = 8192;
    private static final long MAX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** What a verified token says. */
    public record Claims(String subject, Role role, Instant issuedAt, Instant expiresAt, String id) {
        /** Checks that every field is present. */
        public Claims {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(id, "id");
        }
    }

    private Jwt(byte[] key, Clock clock) {
        if (key.length < AuthConfig.MIN_SECRET_BYTES) {
            throw new HostException(
                    "a JWT signing key needs at least " + AuthConfig.MIN_SECRET_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signs and verifies with {@code key} (at least 32 bytes) on the system clock. */
    public static Jwt create(byte[] key) {
        return create(key, Clock.systemUTC());
    }

    /** Signs and verifies with {@code key} (at least 32 bytes) on this clock. */
    public static Jwt create(byte[] key, Clock clock) {
        return new Jwt(Objects.requireNonNull(key, "key"), clock);
    }

    /** Signs with {@code SIRSI_JWT_SECRET} if set, otherwise with the key in {@code jwt.key}, made on first use. */
    public static Jwt open(AuthConfig config) {
        return create(SigningKey.load(config));
    }

    /** A token for {@code subject} in {@code role}, valid for {@code lifetime} from now. */
    public String issue(String subject, Role role, Duration lifetime) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        long now = clock.instant().getEpochSecond();
        byte[] id = new byte[16];
        random.nextBytes(id);
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", subject)
                .put("role", role.label())
                .put("iat", now)
                .put("exp", now + lifetime.toSeconds())
                .put("jti", B64.encodeToString(id));
        String signed = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
        return signed + "." + B64.encodeToString(sign(signed));
    }

    /**
     * The claims of a token this key signed and that has not expired.
     *
     * @throws RequestException of kind {@code UNAUTHENTICATED}, saying what is wrong with the token
     */
    public Claims verify(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_CHARS) {
            throw invalid("it is longer than " + MAX_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("a JWT has three base64url parts separated by '.', this has " + parts.length);
        }
        JsonNode header = json("header", parts[0]);
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isString()) {
            throw invalid("the header names no algorithm ('alg')");
        }
        if (!alg.stringValue().equals("HS256")) {
            String name = alg.stringValue().matches("[A-Za-z0-9]{1,16}") ? alg.stringValue() : "?";
            throw invalid("algorithm '" + name + "' is not accepted, only HS256"
                    + (name.equalsIgnoreCase("none") ? " (an unsigned token proves nothing)" : ""));
        }
        if (header.has("crit")) {
            throw invalid("the header has critical extensions ('crit') the host does not know");
        }
        byte[] signature = decode("signature", parts[2]);
        byte[] expected = sign(parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(signature, expected)) {
            throw invalid("the signature does not match: it was signed with another key, or altered");
        }
        return claims(json("payload", parts[1]));
    }

    private Claims claims(JsonNode payload) {
        String iss = text(payload, "iss");
        if (!iss.equals(ISSUER)) {
            throw invalid("it was issued by '" + (iss.length() <= 40 ? iss : "?") + "', not " + ISSUER);
        }
        String sub = text(payload, "sub");
        String roleName = text(payload, "role");
        Role role;
        try {
            role = Role.parse(roleName);
        } catch (HostException e) {
            throw invalid("unknown role '" + (roleName.length() <= 20 ? roleName : "?")
                    + "': the roles are viewer, operator and admin");
        }
        long iat = seconds(payload, "iat");
        long exp = seconds(payload, "exp");
        String jti = text(payload, "jti");
        long now = clock.instant().getEpochSecond();
        if (exp <= iat) {
            throw invalid("it expires (exp) before it was issued (iat)");
        }
        if (iat > now + SKEW_SECONDS) {
            throw invalid("it was issued in the future; check the clocks of the host and its peers");
        }
        if (now > exp + SKEW_SECONDS) {
            throw new RequestException(
                    RequestException.Kind.UNAUTHENTICATED,
                    "token expired at " + Instant.ofEpochSecond(exp) + ", " + (now - exp) + " s ago: log in again");
        }
        return new Claims(sub, role, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp), jti);
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new HostException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static JsonNode json(String part, String base64) {
        JsonNode node;
        try {
            node = JSON.readTree(decode(part, base64));
        } catch (JacksonException e) {
            throw invalid("the " + part + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("the " + part + " is not a JSON object");
        }
        return node;
    }

    private static byte[] decode(String part, String base64) {
        if (base64.isEmpty()) {
            throw invalid("the " + part + " is empty");
        }
        try {
            return Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("the " + part + " is not base64url");
        }
    }

    private static String text(JsonNode payload, String claim) {
        JsonNode v = payload.get(claim);
        if (v == null || !v.isString() || v.stringValue().isBlank()) {
            throw invalid("claim '" + claim + "' is missing or not a non-empty string");
        }
        return v.stringValue();
    }

    private static long seconds(JsonNode payload, String claim) {
        JsonNode v = payload.get(claim);
        if (v == null
                || !v.isIntegralNumber()
                || !v.canConvertToLong()
                || v.longValue() < 0
                || v.longValue() > MAX_SECONDS) {
            throw invalid("claim '" + claim + "' is missing or not a whole number of seconds since 1970");
        }
        return v.longValue();
    }

    private static RequestException invalid(String why) {
        return new RequestException(RequestException.Kind.UNAUTHENTICATED, "invalid token: " + why);
    }
}
