package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tangosol.net.Coherence;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clustered store on a real Coherence CE member in this JVM, bound to loopback. */
class CoherenceSessionStoreTest extends AbstractSessionStoreTest {
    private static final Map<String, String> CLUSTER = Map.of(
            "coherence.cluster", "sirsi-session-test-" + UUID.randomUUID(),
            "coherence.localhost", "127.0.0.1",
            "coherence.wka", "127.0.0.1",
            "coherence.ttl", "0",
            "coherence.join.timeout", "200",
            "coherence.log.level", "3");
    private static final Map<String, Optional<String>> SAVED = new HashMap<>();

    @BeforeAll
    static void startMember() {
        CLUSTER.forEach((key, value) -> {
            SAVED.put(key, Optional.ofNullable(System.getProperty(key)));
            System.setProperty(key, value);
        });
    }

    @AfterAll
    static void stopMember() {
        Coherence.closeAll();
        SAVED.forEach((key, value) ->
                value.ifPresentOrElse(v -> System.setProperty(key, v), () -> System.clearProperty(key)));
    }

    @Override
    protected SessionStore open(Duration ttl) {
        // A cache per store, so that the TTL of one test's store does not meet another's sessions.
        return CoherenceSessionStore.open("t" + UUID.randomUUID(), ttl);
    }

    @Test
    void memberIsBoundToLoopback() {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session s = store.create("olga", now());
            assertTrue(store.get(s.id()).isPresent());
            String address = Coherence.getInstance()
                    .getCluster()
                    .getLocalMember()
                    .getAddress()
                    .getHostAddress();
            assertEquals("127.0.0.1", address);
            assertTrue(store.describe().contains("sirsi-session-test-"), store.describe());
        }
    }
}
