package io.sirsi.host.session;

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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on loopback for tests, in a folder, with no persistence; it can be stopped and
 * started again on the same port. Without {@code redis-server} on the PATH the tests fail: CI installs it.
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server on a free port. */
    public static RedisServer start(Path dir) throws IOException {
        // redis-server cannot listen on port 0 and report the port, so a free port is picked and retried on a clash.
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            try {
                return new RedisServer(dir, port, launch(dir, port));
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Stops the server (SIGTERM: it exits at once without persistence). */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** Starts it again on the same port. */
    public void restart() throws IOException {
        process = launch(dir, port);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static String executable() {
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
    private static Process launch(Path dir, int port) throws IOException {
        Process p = new ProcessBuilder(
                        executable(),
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
}
