package io.sirsi.host.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the host keeps its sessions. A session expires {@link #ttl()} after its {@link Session#lastActive()}:
 * from then on {@link #get} does not find it. Implementations are safe for concurrent use; saves of the same
 * session race, and the last one wins.
 */
public interface SessionStore extends AutoCloseable {
    /** How long a session lives after it was last active. */
    Duration ttl();

    /** Creates, saves and returns a new empty session of {@code owner} (a caller's subject), active at {@code now}. */
    default Session create(String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Session s = new Session(
                UUID.randomUUID().toString(), now, now, List.of(), Session.Context.EMPTY, List.of(), List.of(), owner);
        save(s);
        return s;
    }

    /** The session {@code id}, unless it is unknown, deleted or expired. */
    Optional<Session> get(String id);

    /**
     * Saves {@code session}, replacing the one with its id. When this returns the session is durable, as each
     * store defines it. A session already past its TTL is removed instead.
     */
    void save(Session session);

    /** Deletes the session {@code id}; true if it was there. */
    boolean delete(String id);

    /** The ids of the sessions kept now, in no order; some may have expired since. */
    Set<String> ids();

    /**
     * The sessions of {@code owner}, or every session when it is empty, the most recently active first, at most
     * {@code limit} of them. It reads every session the store keeps.
     */
    default List<Session> list(Optional<String> owner, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        return ids().stream()
                .map(this::get)
                .flatMap(Optional::stream)
                .filter(s -> owner.isEmpty() || s.owner().equals(owner.get()))
                .sorted(java.util.Comparator.comparing(Session::lastActive).reversed())
                .limit(limit)
                .toList();
    }

    /**
     * Removes the sessions expired at {@code now} and returns how many were removed. Stores whose backend
     * expires entries itself (Redis, Coherence) return 0.
     */
    int expire(Instant now);

    /** A short description of the store for messages: its kind and where it keeps the sessions. */
    String describe();

    @Override
    void close();
}
