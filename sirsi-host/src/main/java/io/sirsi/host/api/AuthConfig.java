package io.sirsi.host.api;

import io.sirsi.host.HostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where authentication keeps its files and how it limits callers. {@link #fromEnvironment()} reads
 * {@code SIRSI_HOME} (default {@code ~/.sirsi}), {@code SIRSI_RATE_LIMIT} (requests/s per caller, default 20),
 * {@code SIRSI_RATE_BURST} (default 40), {@code SIRSI_JWT_LIFETIME} ({@code 12h}, {@code 90m} or ISO-8601;
 * default 12 h), and two secrets: {@code SIRSI_TOKEN}, an admin token for scripts and CI, and
 * {@code SIRSI_JWT_SECRET}, the base64 key (at least 32 bytes) that signs login JWTs instead of
 * {@code jwt.key}. {@link #toString()} never shows the secrets.
 *
 * @param home the folder of the files below
 * @param tokensFile the opaque tokens' hashes, {@code HOME/tokens.json}
 * @param usersFile the users and their password hashes, {@code HOME/users.json}
 * @param jwtKeyFile the generated JWT signing key, {@code HOME/jwt.key}, when no secret is in the environment
 * @param requestsPerSecond each caller's sustained rate
 * @param burst how many requests a caller may send at once
 * @param jwtLifetime how long a login's JWT is valid
 * @param adminToken an admin token from the environment, compared by hash
 * @param jwtSecret the JWT signing key from the environment, base64
 */
public record AuthConfig(
        Path home,
        Path tokensFile,
        Path usersFile,
        Path jwtKeyFile,
        int requestsPerSecond,
        int burst,
        Duration jwtLifetime,
        Optional<String> adminToken,
        Optional<String> jwtSecret) {
    /** The smallest signing key accepted, in bytes: HS256's own output size. */
    public static final int MIN_SECRET_BYTES = 32;

    /** The smallest admin token accepted from the environment, in characters. */
    public static final int MIN_TOKEN_CHARS = 32;

    /** Checks every field; names the problem without repeating a secret. */
    public AuthConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(tokensFile, "tokensFile");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(jwtKeyFile, "jwtKeyFile");
        Objects.requireNonNull(jwtLifetime, "jwtLifetime");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        if (requestsPerSecond < 1 || requestsPerSecond > 1_000_000) {
            throw new HostException("the rate limit must be 1 to 1000000 requests/s, not " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new HostException("the rate limit's burst must be at least 1 request, not " + burst);
        }
        if (jwtLifetime.compareTo(Duration.ofMinutes(1)) < 0 || jwtLifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new HostException("the JWT lifetime must be 1 minute to 30 days, not " + jwtLifetime);
        }
        adminToken.ifPresent(t -> {
            if (t.length() < MIN_TOKEN_CHARS || !Authenticator.isTokenText(t)) {
                throw new HostException("SIRSI_TOKEN must be at least " + MIN_TOKEN_CHARS
                        + " characters of A-Z a-z 0-9 - . _ ~ + / (e.g. from `openssl rand -hex 32`); it has "
                        + t.length() + (Authenticator.isTokenText(t) ? "" : ", or other characters"));
            }
        });
        jwtSecret.ifPresent(AuthConfig::decodeSecret);
    }

    /** The configuration the environment of this process gives. */
    public static AuthConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The configuration these environment variables give, with defaults for those not set. */
    public static AuthConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Builder b = builder(Path.of(value(env, "SIRSI_HOME").orElse(System.getProperty("user.home") + "/.sirsi")));
        value(env, "SIRSI_RATE_LIMIT").ifPresent(v -> b.requestsPerSecond(number("SIRSI_RATE_LIMIT", v)));
        value(env, "SIRSI_RATE_BURST").ifPresent(v -> b.burst(number("SIRSI_RATE_BURST", v)));
        value(env, "SIRSI_JWT_LIFETIME").ifPresent(v -> b.jwtLifetime(duration("SIRSI_JWT_LIFETIME", v)));
        value(env, "SIRSI_TOKEN").ifPresent(b::adminToken);
        value(env, "SIRSI_JWT_SECRET").ifPresent(b::jwtSecret);
        return b.build();
    }

    /** A builder with every file in {@code home} and the default rates and lifetime. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** The JWT signing key from the environment, decoded. */
    Optional<byte[]> jwtSecretBytes() {
        return jwtSecret.map(AuthConfig::decodeSecret);
    }

    private static byte[] decodeSecret(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new HostException("SIRSI_JWT_SECRET is not base64 (make one with `openssl rand -base64 32`)");
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new HostException("SIRSI_JWT_SECRET holds " + key.length + " bytes; a signing key needs at least "
                    + MIN_SECRET_BYTES + " (make one with `openssl rand -base64 32`)");
        }
        return key;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new HostException(name + " must be a whole number, not '" + text + "'");
        }
    }

    static Duration duration(String name, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new HostException(name + " must be a duration such as 12h, 90m, 3600s or PT12H, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[home=" + home + ", tokensFile=" + tokensFile + ", usersFile=" + usersFile + ", jwtKeyFile="
                + jwtKeyFile + ", requestsPerSecond=" + requestsPerSecond + ", burst=" + burst + ", jwtLifetime="
                + jwtLifetime + ", adminToken=" + (adminToken.isPresent() ? "(set)" : "(none)") + ", jwtSecret="
                + (jwtSecret.isPresent() ? "(set)" : "(none)") + "]";
    }

    /** Options of an {@link AuthConfig}. */
    public static final class Builder {
        private final Path home;
        private Optional<Path> tokensFile = Optional.empty();
        private Optional<Path> usersFile = Optional.empty();
        private Optional<Path> jwtKeyFile = Optional.empty();
        private int requestsPerSecond = 20;
        private int burst = 40;
        private Duration jwtLifetime = Duration.ofHours(12);
        private Optional<String> adminToken = Optional.empty();
        private Optional<String> jwtSecret = Optional.empty();

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        /** The tokens file, instead of {@code HOME/tokens.json}. */
        public Builder tokensFile(Path file) {
            this.tokensFile = Optional.of(file);
            return this;
        }

        /** The users file, instead of {@code HOME/users.json}. */
        public Builder usersFile(Path file) {
            this.usersFile = Optional.of(file);
            return this;
        }

        /** The generated signing key's file, instead of {@code HOME/jwt.key}. */
        public Builder jwtKeyFile(Path file) {
            this.jwtKeyFile = Optional.of(file);
            return this;
        }

        /** Each caller's sustained rate (default 20 requests/s). */
        public Builder requestsPerSecond(int rate) {
            this.requestsPerSecond = rate;
            return this;
        }

        /** How many requests a caller may send at once (default 40). */
        public Builder burst(int burst) {
            this.burst = burst;
            return this;
        }

        /** How long a login's JWT is valid (default 12 h). */
        public Builder jwtLifetime(Duration lifetime) {
            this.jwtLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** An admin token accepted besides the file's, as {@code SIRSI_TOKEN} gives it. */
        public Builder adminToken(String token) {
            this.adminToken = Optional.of(token);
            return this;
        }

        /** The base64 JWT signing key, as {@code SIRSI_JWT_SECRET} gives it. */
        public Builder jwtSecret(String base64) {
            this.jwtSecret = Optional.of(base64);
            return this;
        }

        /** The configuration. */
        public AuthConfig build() {
            return new AuthConfig(
                    home,
                    tokensFile.orElse(home.resolve("tokens.json")),
                    usersFile.orElse(home.resolve("users.json")),
                    jwtKeyFile.orElse(home.resolve("jwt.key")),
                    requestsPerSecond,
                    burst,
                    jwtLifetime,
                    adminToken,
                    jwtSecret);
        }
    }
}
