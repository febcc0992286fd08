package io.sirsi.host.session;

import com.tangosol.coherence.config.Config;
import com.tangosol.net.Coherence;
import com.tangosol.net.NamedCache;
import com.tangosol.net.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Sessions in a Coherence CE cache {@code sessions-NAME} of JSON strings, each entry put with its remaining
 * TTL so that Coherence expires it. Values are Strings, so members need no serializers or POF configuration.
 * "Durable on return" means held by the partition's owner and its synchronous backup: a session survives the
 * loss of one member, not of the whole cluster unless Coherence persistence is configured.
 */
public final class CoherenceSessionStore implements SessionStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final NamedCache<String, String> cache;
    private final String name;
    private final Duration ttl;
    private final String description;
    private volatile boolean closed;

    private CoherenceSessionStore(NamedCache<String, String> cache, String name, Duration ttl) {
        this.cache = cache;
        this.ttl = ttl;
        this.description = "coherence session store, cluster '"
                + cache.getCacheService().getCluster().getClusterName() + "' cache '" + cache.getCacheName() + "'";
        this.name = name;
    }

    /**
     * Opens the sessions {@code name} through this JVM's Coherence cluster member, starting one if none runs.
     * As for the graph's clustered store, the member binds to loopback and finds members only there unless
     * one of {@code coherence.wka}, {@code coherence.localhost} and {@code coherence.clusteraddress} is set.
     */
    public static CoherenceSessionStore open(String name, Duration ttl) {
        Objects.requireNonNull(name, "name");
        return create(member().getSession(), name, ttl);
    }

    /** The sessions {@code name} in the caches of {@code session}, for an application that runs Coherence itself. */
    public static CoherenceSessionStore create(Session session, String name, Duration ttl) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(name, "name");
        FileSessionStore.requirePositive(ttl);
        if (!NAME.matcher(name).matches()) {
            throw new SessionException("a session store name is 1 to 100 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, not '" + name + "'");
        }
        return new CoherenceSessionStore(session.getCache("sessions-" + name), name, ttl);
    }

    private static synchronized Coherence member() {
        Coherence running = Coherence.getInstance();
        try {
            if (running != null && !running.isClosed()) {
                return running.start().join();
            }
            if (Config.getProperty("coherence.wka") == null
                    && Config.getProperty("coherence.localhost") == null
                    && Config.getProperty("coherence.clusteraddress") == null) {
                System.setProperty("coherence.wka", "127.0.0.1");
                System.setProperty("coherence.localhost", "127.0.0.1");
                if (Config.getProperty("coherence.ttl") == null) {
                    System.setProperty("coherence.ttl", "0");
                }
            }
            return Coherence.clusterMember().start().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SessionException("cannot join the Coherence cluster: " + cause.getMessage(), cause);
        }
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Optional<io.sirsi.host.session.Session> get(String id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        String json = cache.get(id);
        if (json == null) {
            return Optional.empty();
        }
        io.sirsi.host.session.Session s = SessionJson.read(json, description + " session " + id);
        // Coherence expires on its own clock; this keeps get exact at the edge.
        return s.lastActive().plus(ttl).isAfter(Instant.now()) ? Optional.of(s) : Optional.empty();
    }

    @Override
    public void save(io.sirsi.host.session.Session session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        long left =
                Duration.between(Instant.now(), session.lastActive().plus(ttl)).toMillis();
        if (left <= 0) {
            cache.remove(session.id());
            return;
        }
        cache.put(session.id(), SessionJson.write(session), left);
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        return cache.remove(id) != null;
    }

    @Override
    public java.util.Set<String> ids() {
        return new java.util.TreeSet<>(cache.keySet());
    }

    /** Coherence expires entries itself: nothing to do. */
    @Override
    public int expire(Instant now) {
        return 0;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Stops this store's use of the cache; the cache, its data and the member stay, as for the graph's store. */
    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new SessionException(description + " (" + name + ") is closed");
        }
    }
}
