package io.sirsi.mcp.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SSE stream of a session: the response stream of a POST, or the standalone GET stream. Events are
 * kept in a bounded log with ids {@code <stream>_<seq>}, so a client that lost its connection can
 * resume with {@code Last-Event-ID}. At most one connection is attached at a time; a write that fails
 * detaches it and the events wait in the log.
 */
final class EventStream {
    /** One connection's output, written as SSE frames. */
    static final class Sink {
        private final OutputStream out;
        private volatile boolean broken;

        Sink(OutputStream out) {
            this.out = out;
        }

        void event(String id, byte[] data) throws IOException {
            out.write(("id: " + id + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write(new byte[] {'\n', '\n'});
            out.flush();
        }

        void priming(String id, long retryMillis) throws IOException {
            out.write(("id: " + id + "\nretry: " + retryMillis + "\ndata: \n\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void keepAlive() throws IOException {
            out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void close() {
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                broken = true;
            }
        }
    }

    private record Event(long seq, byte[] data) {}

    private final String id;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Event> log = new ArrayDeque<>();
    private long seq;
    private Sink live;
    private boolean complete;
    private boolean deliveredFinal;

    EventStream(String id, int capacity) {
        this.id = id;
        this.capacity = capacity;
    }

    String id() {
        return id;
    }

    /** Appends an event and writes it to the attached connection, if any. */
    void append(byte[] data) {
        lock.lock();
        try {
            seq++;
            log.addLast(new Event(seq, data));
            while (log.size() > capacity) {
                log.removeFirst();
            }
            write(seq, data);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends the last event; the stream then ends and its connection is released. */
    void appendFinal(byte[] data) {
        lock.lock();
        try {
            seq++;
            log.addLast(new Event(seq, data));
            while (log.size() > capacity) {
                log.removeFirst();
            }
            deliveredFinal = write(seq, data);
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream without a final event (session closed). */
    void end() {
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Attaches a connection, first priming it (if {@code primeRetryMillis > 0}) and replaying the
     * events after {@code afterSeq}. Any previously attached connection is released.
     */
    void attach(Sink sink, long afterSeq, long primeRetryMillis) throws IOException {
        lock.lock();
        try {
            if (primeRetryMillis > 0) {
                sink.priming(id + "_" + afterSeq, primeRetryMillis);
            }
            live = sink;
            changed.signalAll();
            for (Event e : log) {
                if (e.seq() > afterSeq && !write(e.seq(), e.data())) {
                    return;
                }
            }
            if (complete) {
                deliveredFinal = live == sink;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases the attached connection (for SSE polling): later events wait in the log. */
    void detach(Sink sink) {
        lock.lock();
        try {
            if (live == sink) {
                live = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks the connection's own thread while it is attached and the stream is open, sending a
     * keep-alive comment when idle so that a dead peer is noticed.
     */
    void awaitRelease(Sink sink, long keepAliveMillis) {
        lock.lock();
        try {
            while (live == sink && !complete) {
                if (!changed.await(keepAliveMillis, TimeUnit.MILLISECONDS) && live == sink && !complete) {
                    try {
                        sink.keepAlive();
                    } catch (IOException | RuntimeException e) {
                        sink.broken = true;
                        live = null;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (live == sink) {
                live = null;
            }
            lock.unlock();
        }
    }

    /** Whether the stream ended and its last event reached a connection, so the log can go. */
    boolean finishedAndDelivered() {
        lock.lock();
        try {
            return complete && deliveredFinal;
        } finally {
            lock.unlock();
        }
    }

    boolean complete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** Writes to the attached connection; on failure detaches it. Caller holds the lock. */
    private boolean write(long eventSeq, byte[] data) {
        Sink sink = live;
        if (sink == null) {
            return false;
        }
        try {
            sink.event(id + "_" + eventSeq, data);
            return true;
        } catch (IOException | RuntimeException e) {
            sink.broken = true;
            live = null;
            changed.signalAll();
            return false;
        }
    }
}
