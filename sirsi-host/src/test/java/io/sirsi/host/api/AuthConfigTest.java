package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.HostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration from environment variables. */
class AuthConfigTest {
    private static final String SECRET = "c2lyc2ktand0LXNlY3JldC1vZi10aGlydHktdHdvLWJ5dGVzIQ=="; // 37 bytes

    @Test
    void defaultsPutEveryFileInSirsiHome() {
        AuthConfig c = AuthConfig.fromEnvironment(Map.of());
        Path home = Path.of(System.getProperty("user.home"), ".sirsi");
        assertEquals(home, c.home());
        assertEquals(home.resolve("tokens.json"), c.tokensFile());
        assertEquals(home.resolve("users.json"), c.usersFile());
        assertEquals(home.resolve("jwt.key"), c.jwtKeyFile());
        assertEquals(20, c.requestsPerSecond());
        assertEquals(40, c.burst());
        assertEquals(Duration.ofHours(12), c.jwtLifetime());
        assertEquals(Optional.empty(), c.adminToken());
        assertEquals(Optional.empty(), c.jwtSecret());
    }

    @Test
    void environmentOverridesTheDefaults() {
        String token = "t".repeat(40);
        AuthConfig c = AuthConfig.fromEnvironment(Map.of(
                "SIRSI_HOME", "/srv/sirsi",
                "SIRSI_RATE_LIMIT", "5",
                "SIRSI_RATE_BURST", "7",
                "SIRSI_JWT_LIFETIME", "90m",
                "SIRSI_TOKEN", token,
                "SIRSI_JWT_SECRET", SECRET));
        assertEquals(Path.of("/srv/sirsi/users.json"), c.usersFile());
        assertEquals(5, c.requestsPerSecond());
        assertEquals(7, c.burst());
        assertEquals(Duration.ofMinutes(90), c.jwtLifetime());
        assertEquals(Optional.of(token), c.adminToken());
        assertEquals(37, c.jwtSecretBytes().orElseThrow().length);
        assertEquals(
                Duration.ofHours(2),
                AuthConfig.fromEnvironment(Map.of("SIRSI_JWT_LIFETIME", "PT2H")).jwtLifetime());
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        String token = "t".repeat(40);
        String text = AuthConfig.builder(Path.of("/h"))
                .adminToken(token)
                .jwtSecret(SECRET)
                .build()
                .toString();
        assertFalse(text.contains(token), text);
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("adminToken=(set)") && text.contains("jwtSecret=(set)"), text);
    }

    @Test
    void badValuesAreRefusedByNameWithoutRepeatingSecrets() {
        assertRefused(Map.of("SIRSI_RATE_LIMIT", "fast"), "SIRSI_RATE_LIMIT must be a whole number, not 'fast'");
        assertRefused(Map.of("SIRSI_RATE_BURST", "0"), "burst must be at least 1 request, not 0");
        assertRefused(Map.of("SIRSI_JWT_LIFETIME", "forever"), "SIRSI_JWT_LIFETIME must be a duration such as 12h");
        assertRefused(Map.of("SIRSI_JWT_LIFETIME", "31d"), "1 minute to 30 days");
        String shortSecret = "c2hvcnQtc2VjcmV0"; // 12 bytes
        String m = assertRefused(Map.of("SIRSI_JWT_SECRET", shortSecret), "SIRSI_JWT_SECRET holds 12 bytes");
        assertFalse(m.contains(shortSecret), m);
        m = assertRefused(Map.of("SIRSI_JWT_SECRET", "not base64 at all!!"), "SIRSI_JWT_SECRET is not base64");
        assertFalse(m.contains("not base64 at all"), m);
        m = assertRefused(Map.of("SIRSI_TOKEN", "hunter2"), "SIRSI_TOKEN must be at least 32 characters");
        assertFalse(m.contains("hunter2"), m);
        m = assertRefused(Map.of("SIRSI_TOKEN", "has spaces ".repeat(4)), "or other characters");
        assertFalse(m.contains("has spaces"), m);
    }

    private static String assertRefused(Map<String, String> env, String problem) {
        HostException e = assertThrows(HostException.class, () -> AuthConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        return e.getMessage();
    }
}
