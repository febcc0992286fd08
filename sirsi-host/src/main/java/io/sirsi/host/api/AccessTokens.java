package io.sirsi.host.api;

import io.sirsi.host.Caller;
import io.sirsi.host.HostException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Opaque bearer tokens ({@code sirsi_} and 32 random bytes, base64url), each with a name and a role. The tokens
 * file ({@code ~/.sirsi/tokens.json}, mode 600) keeps only their SHA-256 hashes: a token is shown once, when it
 * is made. {@code SIRSI_TOKEN} in the environment is one more admin token, named {@value #ENVIRONMENT_TOKEN}.
 * The file is re-read when another process (the CLI) changed it, so a revocation takes effect on the next request.
 */
public final class AccessTokens {
    /** How every token made here starts. */
    public static final String PREFIX = "sirsi_";

    /** The name of the caller who presents {@code SIRSI_TOKEN}; no token in the file may take it. */
    public static final String ENVIRONMENT_TOKEN = "SIRSI_TOKEN";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** A token as the file describes it, without its hash. */
    public record Token(String name, Role role, Instant created) {
        /** Checks that every field is present. */
        public Token {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(created, "created");
        }
    }

    private record Entry(Token token, String sha256) {}

    private record Snapshot(List<Entry> entries, Map<String, Entry> byHash) {}

    private static final List<String> FIELDS = List.of("name", "role", "sha256", "created");

    private final JsonTable<Snapshot> table;
    private final Optional<byte[]> environmentHash;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private AccessTokens(Path file, Optional<String> environmentToken, Clock clock) {
        this.table = new JsonTable<>(file, "tokens", FIELDS, rows -> parse(file, rows));
        this.environmentHash = environmentToken.map(AccessTokens::sha256);
        this.clock = clock;
    }

    /** The tokens of {@code config.tokensFile()}, and {@code config.adminToken()} if set. */
    public static AccessTokens open(AuthConfig config) {
        return new AccessTokens(config.tokensFile(), config.adminToken(), Clock.systemUTC());
    }

    /**
     * Makes an admin token if there is none (and {@code SIRSI_TOKEN} is not set), and returns it: the only time
     * the plain token exists. Empty when there is one already; {@code ./sirsi up} prints the token when there is one to print.
     */
    public synchronized Optional<String> ensureAdminToken() {
        Snapshot s = current();
        if (environmentHash.isPresent() || s.entries.stream().anyMatch(e -> e.token.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        String name = "admin";
        for (int i = 2; named(s, name).isPresent(); i++) {
            name = "admin-" + i;
        }
        return Optional.of(create(name, Role.ADMIN));
    }

    /**
     * Makes a token named {@code name} and returns it: the only time the plain token exists.
     *
     * @throws HostException if the name is malformed or taken
     */
    public synchronized String create(String name, Role role) {
        Objects.requireNonNull(role, "role");
        checkName(name);
        Snapshot s = current();
        if (named(s, name).isPresent() || name.equals(ENVIRONMENT_TOKEN)) {
            throw new HostException("a token named '" + name + "' exists; revoke it first or pick another name");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<Entry> entries = new ArrayList<>(s.entries);
        entries.add(
                new Entry(new Token(name, role, clock.instant()), HexFormat.of().formatHex(sha256(token))));
        save(entries);
        return token;
    }

    /** Revokes the token named {@code name}; false if there is none. */
    public synchronized boolean revoke(String name) {
        Objects.requireNonNull(name, "name");
        Snapshot s = current();
        List<Entry> entries = new ArrayList<>(s.entries);
        if (!entries.removeIf(e -> e.token.name().equals(name))) {
            return false;
        }
        save(entries);
        return true;
    }

    /** The tokens of the file, oldest first. */
    public List<Token> list() {
        return current().entries.stream().map(Entry::token).toList();
    }

    /** The caller {@code token} stands for, if it is the environment's token or one in the file. */
    public Optional<Caller> find(String token) {
        Objects.requireNonNull(token, "token");
        byte[] hash = sha256(token);
        if (environmentHash.isPresent() && MessageDigest.isEqual(hash, environmentHash.get())) {
            return Optional.of(new Caller(ENVIRONMENT_TOKEN, Role.ADMIN));
        }
        // A hash-table lookup by hash leaks no more than a constant-time compare would: learning the hash's
        // first bytes from timing does not help find a 256-bit token that has it.
        Entry e = current().byHash.get(HexFormat.of().formatHex(hash));
        return e == null ? Optional.empty() : Optional.of(new Caller(e.token.name(), e.token.role()));
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new HostException("a name must be 1 to 64 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit,"
                    + " not '" + (name.length() <= 64 ? name : name.substring(0, 64) + "...") + "'");
        }
    }

    private static Optional<Entry> named(Snapshot s, String name) {
        return s.entries.stream().filter(e -> e.token.name().equals(name)).findFirst();
    }

    private Snapshot current() {
        return table.get();
    }

    private static Snapshot parse(Path file, List<Map<String, String>> rows) {
        List<Entry> entries = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String where = file + ": token '" + row.get("name") + "'";
            checkName(row.get("name"));
            if (!row.get("sha256").matches("[0-9a-f]{64}")) {
                throw new HostException(where + ": 'sha256' is not 64 lower-case hex digits");
            }
            Role role = JsonTable.role(where, row.get("role"));
            entries.add(new Entry(
                    new Token(row.get("name"), role, JsonTable.instant(where, row.get("created"))), row.get("sha256")));
        }
        JsonTable.requireUnique(
                file, "token", entries.stream().map(e -> e.token.name()).toList());
        return new Snapshot(
                List.copyOf(entries), entries.stream().collect(Collectors.toMap(Entry::sha256, e -> e, (a, b) -> {
                    throw new HostException(
                            file + ": tokens '" + a.token.name() + "' and '" + b.token.name() + "' have the same hash");
                })));
    }

    private void save(List<Entry> entries) {
        table.write(entries.stream()
                .map(e -> Map.of(
                        "name", e.token.name(),
                        "role", e.token.role().label(),
                        "sha256", e.sha256,
                        "created", e.token.created().toString()))
                .toList());
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new HostException("SHA-256 is not available in this JVM", e);
        }
    }
}
