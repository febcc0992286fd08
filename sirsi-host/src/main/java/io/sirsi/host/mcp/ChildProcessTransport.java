package io.sirsi.host.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SDK's stdio client transport, started in the repository root, keeping the last lines its server wrote
 * to stderr and telling when the server process ends, so that a server that dies while starting is reported
 * at once, with what it said, instead of after the timeout.
 */
final class ChildProcessTransport extends StdioClientTransport {
    private static final int TAIL_LINES = 30;

    /*
     * The SDK keeps its Process private and does not signal the end of the server's stdout; the host needs
     * the process to notice that a server died and to kill one that ignores SIGTERM. Without it (a future SDK
     * renaming the field) the host only loses that: the timeout still applies.
     */
    private static final Optional<Field> PROCESS = processField();

    private final Path directory;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Sinks.One<Integer> exit = Sinks.one();
    private volatile Process process;

    ChildProcessTransport(ServerParameters parameters, McpJsonMapper json, Path directory) {
        super(parameters, json);
        this.directory = directory;
        setStdErrorHandler(this::stderr);
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        return new ProcessBuilder().directory(directory.toFile());
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return super.connect(handler).doOnSuccess(ignored -> watch()).doOnError(exit::tryEmitError);
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        // The SDK queues the message on a sink that refuses concurrent emitters ("Failed to enqueue message"):
        // calls from many turns at once take turns here.
        synchronized (sending) {
            return super.sendMessage(message);
        }
    }

    private final Object sending = new Object();

    /** The server process, once started. */
    Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** Emits the exit code when the server process ends, or the error that kept it from starting. */
    Mono<Integer> exited() {
        return exit.asMono();
    }

    /** The last lines the server wrote to stderr, oldest first. */
    List<String> stderrTail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** Kills the server if it is still alive (after a graceful close that it ignored). */
    void destroyForcibly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    private void stderr(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    private void watch() {
        if (PROCESS.isEmpty()) {
            return;
        }
        try {
            process = (Process) PROCESS.get().get(this);
        } catch (IllegalAccessException e) {
            return;
        }
        process.onExit().thenAccept(p -> {
            awaitStderrDrained();
            exit.tryEmitValue(p.exitValue());
        });
    }

    /** The SDK reads stderr on its own thread: give it a moment to hand over the server's last words. */
    private void awaitStderrDrained() {
        long deadline = System.nanoTime() + 500_000_000L;
        while (!Boolean.TRUE.equals(getErrorSink().scan(Scannable.Attr.TERMINATED)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Optional<Field> processField() {
        try {
            Field f = StdioClientTransport.class.getDeclaredField("process");
            f.setAccessible(true);
            return Optional.of(f);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
