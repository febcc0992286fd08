package io.sirsi.mcp.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdio: one JSON-RPC message per line in, one per line out, and nothing else on stdout.
 * Requests that run server code (tools, resources, prompts) each get a virtual thread, so the reader
 * keeps reading and can deliver cancellations; the rest are answered in order on the reader thread.
 * The transport returns when stdin ends.
 */
final class StdioTransport implements Outbound, Catalog.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
    private static final Set<String> WORKER_METHODS =
            Set.of("tools/call", "resources/read", "prompts/get", "completion/complete");

    private static final long EOF_GRACE_SECONDS = 5;

    private final Dispatcher dispatcher;
    private final Catalog catalog;
    private final InputStream in;
    private final OutputStream out;
    private final int maxMessageBytes;
    private final Session session;
    private final Object writeLock = new Object();
    private volatile boolean outputBroken;

    StdioTransport(Dispatcher dispatcher, Catalog catalog, InputStream in, OutputStream out, int maxMessageBytes) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.in = in;
        this.out = out;
        this.maxMessageBytes = maxMessageBytes;
        this.session = new Session("stdio", this);
    }

    /** Serves until stdin ends, then cancels what is still running and returns. */
    void run() {
        catalog.addListener(this);
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var reader = new LineReader(in, maxMessageBytes);
            while (true) {
                LineReader.Line line = reader.next();
                if (line == null) {
                    break;
                }
                if (line.oversized() > 0) {
                    send(Dispatcher.error(
                            null,
                            ProtocolException.INVALID_REQUEST,
                            "Invalid Request: the message exceeds the limit of " + maxMessageBytes
                                    + " bytes (--max-message-bytes)",
                            Map.of("limit", maxMessageBytes)));
                    continue;
                }
                Envelope message = Envelope.parse(line.bytes(), 0, line.length());
                if (message instanceof Envelope.Request r && WORKER_METHODS.contains(r.method())) {
                    // Registered here, on the reader thread, so that a cancellation read next finds it.
                    Dispatcher.Admitted[] admitted = new Dispatcher.Admitted[1];
                    Optional<Wire.Reply> refused = dispatcher.admit(session, r, admitted);
                    if (refused.isPresent()) {
                        send(refused.get());
                    } else {
                        workers.execute(() -> run(admitted[0]));
                    }
                } else {
                    answer(message);
                }
            }
        } catch (IOException e) {
            LOG.warn("stdin failed: {}", e.getMessage());
        } finally {
            catalog.removeListener(this);
            finishInFlight(workers);
        }
    }

    /**
     * stdin ended: the client is leaving. Calls already running get a short grace period to answer
     * (a script that pipes requests and closes stdin still gets its results); then they are cancelled.
     */
    private void finishInFlight(ExecutorService workers) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(EOF_GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("stdin closed; cancelling {} call(s) still running", session.inFlightCount());
                session.close("stdin closed");
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.close("stdin closed");
    }

    private void run(Dispatcher.Admitted admitted) {
        try {
            dispatcher.run(session, admitted, this).ifPresent(this::send);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while answering a message", e);
        }
    }

    private void answer(Envelope message) {
        try {
            dispatcher.handle(session, message, this).ifPresent(this::send);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while answering a message", e);
        }
    }

    /** Writes one message and flushes; concurrent answers take turns on stdout. */
    @Override
    public void send(Object message) {
        byte[] bytes = Json.bytes(message);
        synchronized (writeLock) {
            if (outputBroken) {
                return;
            }
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                outputBroken = true;
                LOG.warn("stdout closed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void listChanged(Catalog.Kind kind) {
        if (!session.initialized()) {
            return;
        }
        String method =
                switch (kind) {
                    case TOOLS -> "notifications/tools/list_changed";
                    case RESOURCES, RESOURCE_TEMPLATES -> "notifications/resources/list_changed";
                    case PROMPTS -> "notifications/prompts/list_changed";
                };
        send(new Wire.Notification(method, null));
    }

    @Override
    public void resourceUpdated(String uri) {
        if (session.subscriptions().contains(uri)) {
            send(new Wire.Notification("notifications/resources/updated", Map.of("uri", uri)));
        }
    }

    /** Reads newline-delimited messages without ever holding more than the limit in memory. */
    static final class LineReader {
        record Line(byte[] bytes, int length, long oversized) {}

        private final InputStream in;
        private final int limit;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int end;
        private byte[] line = new byte[8 * 1024];

        LineReader(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        /** The next non-blank line, or null at the end of the stream. */
        Line next() throws IOException {
            while (true) {
                int length = 0;
                long dropped = 0;
                boolean sawAny = false;
                while (true) {
                    if (pos == end) {
                        end = in.read(buffer, 0, buffer.length);
                        pos = 0;
                        if (end <= 0) {
                            end = 0;
                            if (!sawAny) {
                                return null;
                            }
                            break;
                        }
                    }
                    sawAny = true;
                    int newline = -1;
                    for (int i = pos; i < end; i++) {
                        if (buffer[i] == '\n') {
                            newline = i;
                            break;
                        }
                    }
                    int chunkEnd = newline < 0 ? end : newline;
                    int chunk = chunkEnd - pos;
                    if (dropped > 0 || length + chunk > limit) {
                        dropped += chunk + length;
                        length = 0;
                    } else {
                        ensure(length + chunk);
                        System.arraycopy(buffer, pos, line, length, chunk);
                        length += chunk;
                    }
                    pos = chunkEnd;
                    if (newline >= 0) {
                        pos++;
                        break;
                    }
                }
                if (dropped > 0) {
                    return new Line(null, 0, dropped);
                }
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                if (isBlank(line, length)) {
                    if (!sawAny) {
                        return null;
                    }
                    continue;
                }
                return new Line(line, length, 0);
            }
        }

        private void ensure(int size) {
            if (size > line.length) {
                byte[] bigger = new byte[Math.min(Math.max(size, line.length * 2), Math.max(limit, size))];
                System.arraycopy(line, 0, bigger, 0, line.length);
                line = bigger;
            }
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
