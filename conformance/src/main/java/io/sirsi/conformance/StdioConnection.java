package io.sirsi.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server started as a child process, spoken to over its stdin and stdout. Every stdout line must be
 * a JSON-RPC message; anything else is recorded as a violation. stderr is kept for diagnostics.
 */
public final class StdioConnection extends BaseConnection {
    private final Process process;
    private final OutputStream stdin;
    private final StringBuilder stderr = new StringBuilder();
    private final long startedNanos;
    private volatile long readyNanos;
    private volatile String negotiated;

    private StdioConnection(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().name("stdio-out").start(this::readStdout);
        Thread.ofVirtual().name("stdio-err").start(this::readStderr);
    }

    /** Starts {@code command} through {@code sh -c}, so that quoting works as in a terminal. */
    public static StdioConnection start(String command) {
        return start(List.of("/bin/sh", "-c", "exec " + command));
    }

    /** Starts the given argv. */
    public static StdioConnection start(List<String> argv) {
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(argv).start();
            return new StdioConnection(process, started);
        } catch (IOException e) {
            throw new ConformanceException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Exchange initialize(String protocolVersion) {
        Exchange answer = request("initialize", Wire.initializeParams(protocolVersion));
        if (readyNanos == 0) {
            readyNanos = System.nanoTime();
        }
        if (!answer.isError()) {
            negotiated = answer.result().path("protocolVersion").asString(null);
            notify("notifications/initialized", null);
        }
        return answer;
    }

    /** Time from spawn to the initialize answer, once initialized. */
    public Duration spawnToReady() {
        return Duration.ofNanos(readyNanos - startedNanos);
    }

    /** The protocol version the server chose, once initialized. */
    public Optional<String> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    @Override
    public CompletableFuture<Exchange> send(ObjectNode request) {
        Pending p = register(request);
        write(request.toString());
        return p.future;
    }

    @Override
    public void notify(String method, JsonNode params) {
        write(Wire.notification(method, params).toString());
    }

    @Override
    protected void sendReply(ObjectNode response) {
        write(response.toString());
    }

    /** Writes one raw line, well formed or not. */
    public void sendRaw(String line) {
        write(line);
    }

    /** Closes the server's stdin: a well-behaved server then exits. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The exit code if the process ends within {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The server's process id (with {@code exec} in the command, the server itself rather than a shell). */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** What the server wrote to stderr, the last 16 KB of it. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        closeStdin();
        if (awaitExit(Duration.ofSeconds(2)).isEmpty()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(2));
        }
        failAll("the connection was closed");
    }

    private synchronized void write(String line) {
        try {
            stdin.write(line.getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new ConformanceException("cannot write to the server's stdin (did it exit?): " + e.getMessage(), e);
        }
    }

    private void readStdout() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message;
                try {
                    message = Wire.JSON.readTree(line);
                } catch (JacksonException e) {
                    violation("stdout carried a line that is not JSON-RPC: " + abbreviate(line));
                    continue;
                }
                deliver(message, null);
            }
        } catch (IOException e) {
            // the process ended
        }
        failAll("the server closed its stdout" + exitNote());
    }

    private String exitNote() {
        return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) > 0) {
                synchronized (stderr) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > 16_384) {
                        stderr.delete(0, stderr.length() - 16_384);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
