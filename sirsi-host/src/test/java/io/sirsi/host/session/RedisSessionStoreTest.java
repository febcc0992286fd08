package io.sirsi.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
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

    private static int port;
    private static Process server;

    @BeforeAll
    static void startRedis() throws Exception {
        // redis-server cannot listen on port 0 and report the port, so a free port is picked and retried on a clash.
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            try {
                server = start(port);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        stop();
    }

    static String redisServer() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        fail("redis-server is not on the PATH: install the Debian package redis-server"
                + " (apt-get install -y --no-install-recommends redis-server); the Redis session store is tested"
                + " against a real server");
        throw new AssertionError();
    }

    /** Starts redis-server on {@code port} and returns once it accepts connections. */
    private static Process start(int port) throws IOException {
        Process p = new ProcessBuilder(
                        redisServer(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString(),
                        "--daemonize",
                        "no")
                .redirectErrorStream(true)
                .start();
        Deque<String> tail = new ArrayDeque<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        // readLine returns null when the server exits; its timeout is the surefire run's.
        while ((line = out.readLine()) != null) {
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "redis-server-output");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
            tail.addLast(line);
            if (tail.size() > 20) {
                tail.removeFirst();
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + String.join("\n", tail));
    }

    private static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy(); // SIGTERM: redis-server exits at once without persistence
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            server = null;
        }
    }

    @Override
    protected SessionStore open(Duration ttl) {
        return RedisSessionStore.connect("127.0.0.1", port, ttl);
    }

    @Test
    void storeWorksAgainAfterRedisRestarts() throws Exception {
        try (SessionStore store = open(Duration.ofHours(1))) {
            Session before = full(id(), now());
            store.save(before);
            assertEquals(before, store.get(before.id()).orElseThrow());

            stop();
            SessionException down = assertThrows(SessionException.class, () -> store.save(full(id(), now())));
            assertTrue(down.getMessage().contains("redis at 127.0.0.1:" + port), down.getMessage());
            assertTrue(down.getMessage().contains("cannot save session"), down.getMessage());

            server = start(port);
            Session after = full(id(), now());
            store.save(after);
            assertEquals(after, store.get(after.id()).orElseThrow());
            // Without persistence the restarted server is empty: the earlier session is gone, as configured.
            assertTrue(store.get(before.id()).isEmpty());
        }
    }
}
