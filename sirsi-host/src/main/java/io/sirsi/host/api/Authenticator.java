package io.sirsi.host.api;

import io.sirsi.host.Caller;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Establishes who is calling from the {@code authorization} header every API but health requires, then
 * applies that caller's rate limit. The bearer token is either an opaque token ({@link AccessTokens}, or
 * {@code SIRSI_TOKEN}) or a JWT a {@link #login} gave. A JWT's user must still exist, and acts with the lesser
 * of the role in the token and the one in the users file. No message repeats a token.
 */
public final class Authenticator implements Authentication {
    static final String MISSING = "missing bearer token: send 'authorization: Bearer TOKEN' (./sirsi up printed one)";
    private static final int MAX_HEADER_CHARS = 8192;

    private final AccessTokens tokens;
    private final Users users;
    private final Jwt jwt;
    private final Duration jwtLifetime;
    private final RateLimiter limiter;
    private final RateLimiter logins;

    private Authenticator(Builder b) {
        this.tokens = b.tokens;
        this.users = b.users;
        this.jwt = b.jwt;
        this.jwtLifetime = b.jwtLifetime;
        this.limiter = b.limiter;
        this.logins = b.logins;
    }

    /** Authentication as {@code config} sets it up: its tokens and users files, signing key and rates. */
    public static Authenticator open(AuthConfig config) {
        return builder(AccessTokens.open(config), Users.open(config), Jwt.open(config))
                .jwtLifetime(config.jwtLifetime())
                .rateLimiter(RateLimiter.create(config.requestsPerSecond(), config.burst()))
                .build();
    }

    /** A builder over these tokens, users and JWT key, with the default rates and a 12-hour JWT lifetime. */
    public static Builder builder(AccessTokens tokens, Users users, Jwt jwt) {
        return new Builder(tokens, users, jwt);
    }

    /** The opaque tokens, for {@code ./sirsi up} ({@link AccessTokens#ensureAdminToken()}) and the admin API. */
    public AccessTokens tokens() {
        return tokens;
    }

    /** The users who log in with a password. */
    public Users users() {
        return users;
    }

    /**
     * The caller the {@code authorization} header stands for, once their rate limit allows the request.
     *
     * @throws RequestException of kind {@code UNAUTHENTICATED} when the header is missing or malformed or its
     *     token unknown, revoked, invalid or expired; {@code RATE_LIMITED} when the caller is over their rate
     */
    @Override
    public Caller authenticate(Optional<String> authorizationHeader) {
        Objects.requireNonNull(authorizationHeader, "authorizationHeader");
        String header = authorizationHeader.map(String::strip).orElse("");
        if (header.isEmpty()) {
            throw unauthenticated(MISSING);
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            // The first word is not echoed: with no scheme at all, it is the token itself.
            throw unauthenticated(
                    "the authorization header must use the Bearer scheme: send 'authorization: Bearer TOKEN'");
        }
        String token = header.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > MAX_HEADER_CHARS || !isTokenText(token)) {
            throw unauthenticated("malformed bearer token: a token is 1 to " + MAX_HEADER_CHARS
                    + " characters of A-Z a-z 0-9 - . _ ~ + / and a trailing =");
        }
        Optional<Caller> opaque = tokens.find(token);
        if (opaque.isPresent()) {
            limiter.acquire("token " + opaque.get().subject());
            return opaque.get();
        }
        if (token.startsWith(AccessTokens.PREFIX)
                || token.chars().filter(c -> c == '.').count() != 2) {
            throw unauthenticated("unknown or revoked token: ask an admin for a new one");
        }
        Jwt.Claims claims = jwt.verify(token);
        Role current = users.role(claims.subject())
                .orElseThrow(() -> unauthenticated("user '" + claims.subject() + "' no longer exists"));
        Caller caller = new Caller(claims.subject(), current.atLeast(claims.role()) ? claims.role() : current);
        limiter.acquire("user " + caller.subject());
        return caller;
    }

    /**
     * A JWT for the user, if the password is theirs. Attempts per name are limited (1 a second, bursts of 5) so
     * a password cannot be guessed quickly; the API layer should also limit attempts per client address.
     *
     * @throws RequestException of kind {@code UNAUTHENTICATED} (one message for an unknown name and a wrong
     *     password) or {@code RATE_LIMITED}
     */
    public String login(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String key = AccessTokens.NAME.matcher(user).matches() ? user : "(malformed name)";
        logins.acquire("logins of user " + key);
        Caller caller = users.verify(user, password);
        return jwt.issue(caller.subject(), caller.role(), jwtLifetime);
    }

    /** Whether {@code s} has only the characters of RFC 6750's b64token: A-Z a-z 0-9 - . _ ~ + / then = padding. */
    static boolean isTokenText(String s) {
        int i = 0;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        int body = i;
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return body > 0 && i == s.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
    }

    private static RequestException unauthenticated(String message) {
        return new RequestException(RequestException.Kind.UNAUTHENTICATED, message);
    }

    /** Options of an {@link Authenticator}. */
    public static final class Builder {
        private final AccessTokens tokens;
        private final Users users;
        private final Jwt jwt;
        private Duration jwtLifetime = Duration.ofHours(12);
        private RateLimiter limiter = RateLimiter.create(20, 40);
        private RateLimiter logins = RateLimiter.create(1, 5);

        private Builder(AccessTokens tokens, Users users, Jwt jwt) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.users = Objects.requireNonNull(users, "users");
            this.jwt = Objects.requireNonNull(jwt, "jwt");
        }

        /** How long a login's JWT is valid (default 12 h). */
        public Builder jwtLifetime(Duration lifetime) {
            this.jwtLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** The limit of each authenticated caller (default 20 requests/s, bursts of 40). */
        public Builder rateLimiter(RateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /** The limit of login attempts per user name (default 1 a second, bursts of 5). */
        public Builder loginRateLimiter(RateLimiter limiter) {
            this.logins = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /** The authenticator. */
        public Authenticator build() {
            return new Authenticator(this);
        }
    }
}
