package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis store against a real {@code redis-server} that the test starts on loopback, in a temporary
 * folder, with no persistence. Without {@code redis-server} on the PATH the tests fail: CI installs it.
 */
class RedisSessionStoreTest extends AbstractSessionStoreTest {
    @TempDir
    static Path dir;

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(dir);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected SessionStore open(Duration ttl) {
        return RedisSessionStore.connect("127.0.0.1", redis.port(), ttl);
    }

    @Test
    void storeWorksAgainAfterRedisRestarts() throws Exception {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session before = full(id(), now());
            store.save(before);
            assertEquals(before, store.get(before.id()).orElseThrow());

            redis.stop();
            SessionException down = assertThrows(SessionException.class, () -> store.save(full(id(), now())));
            assertTrue(down.getMessage().contains("redis at 127.0.0.1:" + redis.port()), down.getMessage());
            assertTrue(down.getMessage().contains("cannot save session"), down.getMessage());

            redis.restart();
            Session after = full(id(), now());
            store.save(after);
            assertEquals(after, store.get(after.id()).orElseThrow());
            // Without persistence the restarted server is empty: the earlier session is gone, as configured.
            assertTrue(store.get(before.id()).isEmpty());
        }
    }
}
