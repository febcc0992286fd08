package io.sirsi.host.api;

import io.sirsi.host.Caller;
import io.sirsi.host.HostException;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The people who log in with a password, kept in the users file ({@code ~/.sirsi/users.json}, mode 600) as
 * {@code {"users": [{"name": ..., "role": ..., "password": "$argon2id$..."}]}}. A wrong name and a wrong password
 * get the same answer after the same work, so a caller cannot learn which names exist.
 */
public final class Users {
    /** The shortest password {@link #add} accepts. */
    public static final int MIN_PASSWORD_CHARS = 12;

    static final String REFUSED = "unknown user or wrong password";

    // A hash of a random password nobody kept, with the parameters of new hashes: checking a password against
    // it for an unknown name costs what checking a known name's does.
    static final String DUMMY =
            "$argon2id$v=19$m=19456,t=2,p=1$WUVKeWllNXRxekx3dC9ZeA$H0Nvx25MRPMN398TRaH5sfUoA7SVVBZ1hnJWryu8nEQ";

    private static final List<String> FIELDS = List.of("name", "role", "password");

    /** A user as the file describes them, without the password hash. */
    public record User(String name, Role role) {
        /** Checks that every field is present. */
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    private record Entry(User user, String password) {}

    private final JsonTable<Map<String, Entry>> table;
    private final PasswordHasher hasher = PasswordHasher.create();

    private Users(Path file) {
        this.table = new JsonTable<>(file, "users", FIELDS, rows -> parse(file, rows));
    }

    /** The users of {@code config.usersFile()}; none if the file does not exist. */
    public static Users open(AuthConfig config) {
        return new Users(config.usersFile());
    }

    /**
     * The caller {@code name} is, if {@code password} is theirs.
     *
     * @throws RequestException of kind {@code UNAUTHENTICATED} if the name is unknown or the password wrong,
     *     with one message for both
     */
    public Caller verify(String name, char[] password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Optional<Entry> entry = Optional.ofNullable(table.get().get(name));
        boolean matches = hasher.verify(password, entry.map(Entry::password).orElse(DUMMY));
        if (entry.isEmpty() || !matches) {
            throw new RequestException(RequestException.Kind.UNAUTHENTICATED, REFUSED);
        }
        return new Caller(name, entry.get().user.role());
    }

    /**
     * Adds a user with this password, hashed.
     *
     * @throws HostException if the name is malformed or taken, or the password too short
     */
    public synchronized void add(String name, Role role, char[] password) {
        AccessTokens.checkName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_CHARS) {
            throw new HostException(
                    "a password needs at least " + MIN_PASSWORD_CHARS + " characters; this one has " + password.length);
        }
        Map<String, Entry> users = table.get();
        if (users.containsKey(name)) {
            throw new HostException("a user named '" + name + "' exists; remove them first");
        }
        List<Entry> entries = new ArrayList<>(users.values());
        entries.add(new Entry(new User(name, role), hasher.hash(password)));
        save(entries);
    }

    /** Removes the user named {@code name}; false if there is none. Their JWTs stop working at once. */
    public synchronized boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        List<Entry> entries = new ArrayList<>(table.get().values());
        if (!entries.removeIf(e -> e.user.name().equals(name))) {
            return false;
        }
        save(entries);
        return true;
    }

    /** The users, in the file's order. */
    public List<User> list() {
        return table.get().values().stream().map(Entry::user).toList();
    }

    /** The role of the user named {@code name}, if there is one. */
    public Optional<Role> role(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(table.get().get(name)).map(e -> e.user.role());
    }

    private static Map<String, Entry> parse(Path file, List<Map<String, String>> rows) {
        List<Entry> entries = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String where = file + ": user '" + row.get("name") + "'";
            AccessTokens.checkName(row.get("name"));
            try {
                PasswordHasher.check(row.get("password"));
            } catch (HostException e) {
                throw new HostException(where + ": " + e.getMessage(), e);
            }
            entries.add(
                    new Entry(new User(row.get("name"), JsonTable.role(where, row.get("role"))), row.get("password")));
        }
        JsonTable.requireUnique(
                file, "user", entries.stream().map(e -> e.user.name()).toList());
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.user.name(), e));
        return Collections.unmodifiableMap(byName);
    }

    private void save(List<Entry> entries) {
        table.write(entries.stream()
                .map(e -> Map.of("name", e.user.name(), "role", e.user.role().label(), "password", e.password))
                .toList());
    }
}
