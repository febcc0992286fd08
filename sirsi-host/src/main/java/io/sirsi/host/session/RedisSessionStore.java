package io.sirsi.host.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;

/**
 * Sessions in Redis: each one a JSON string under {@code PREFIX:ID}, set with {@code SET ... PX} so that Redis
 * drops it when its TTL runs out. "Durable on return" means what the Redis server's own persistence gives
 * (AOF with {@code appendfsync always} for nothing acknowledged lost); this store adds none.
 *
 * <p>Connections are checked before use, so after a Redis restart the first call succeeds again; a call
 * while Redis is down fails with a {@link SessionException} naming the server.
 */
public final class RedisSessionStore implements SessionStore {
    private final RedisClient redis;
    private final String prefix;
    private final Duration ttl;
    private final String where;

    private RedisSessionStore(RedisClient redis, String where, String prefix, Duration ttl) {
        this.redis = redis;
        this.where = where;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    /**
     * Connects to Redis at {@code host}:{@code port}, keys under {@code sirsi:session:}; sessions live
     * {@code ttl} after they were last active. A password, if Redis needs one, comes from the environment
     * variable {@code SIRSI_REDIS_PASSWORD}.
     */
    public static RedisSessionStore connect(String host, int port, Duration ttl) {
        Objects.requireNonNull(host, "host");
        FileSessionStore.requirePositive(ttl);
        DefaultJedisClientConfig.Builder config =
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000);
        String password = System.getenv("SIRSI_REDIS_PASSWORD");
        if (password != null && !password.isEmpty()) {
            config.password(password);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        // A connection broken by a Redis restart is found and replaced when borrowed, not used and failed.
        pool.setTestOnBorrow(true);
        pool.setMaxTotal(16);
        RedisClient client = RedisClient.builder()
                .hostAndPort(host, port)
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        return new RedisSessionStore(client, host + ":" + port, "sirsi:session:", ttl);
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Optional<Session> get(String id) {
        Objects.requireNonNull(id, "id");
        String json = call("read session " + id, () -> redis.get(prefix + id));
        return json == null ? Optional.empty() : Optional.of(SessionJson.read(json, describe() + " session " + id));
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        long left =
                Duration.between(Instant.now(), session.lastActive().plus(ttl)).toMillis();
        if (left <= 0) {
            delete(session.id());
            return;
        }
        String json = SessionJson.write(session);
        call(
                "save session " + session.id(),
                () -> redis.set(
                        prefix + session.id(), json, SetParams.setParams().px(left)));
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return call("delete session " + id, () -> redis.del(prefix + id)) > 0;
    }

    @Override
    public java.util.Set<String> ids() {
        return call("list sessions", () -> {
            java.util.Set<String> ids = new java.util.TreeSet<>();
            ScanParams match = new ScanParams().match(prefix + "*").count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, match);
                page.getResult().forEach(key -> ids.add(key.substring(prefix.length())));
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return ids;
        });
    }

    /** Redis drops expired sessions itself: nothing to do. */
    @Override
    public int expire(Instant now) {
        return 0;
    }

    @Override
    public String describe() {
        return "redis session store " + where;
    }

    private <T> T call(String what, java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new SessionException(
                    "cannot " + what + ": redis at " + where + " failed (" + e.getMessage()
                            + "); is it running and reachable?",
                    e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
