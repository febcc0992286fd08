package io.sirsi.mcp.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SSE stream of a session: the response stream of a POST, or the standalone GET stream. Events are
 * kept in a bounded log with ids {@code <stream>_<seq>}, so that a client that lost its connection can
 * resume with {@code Last-Event-ID}. At most one connection is attached at a time.
 *
 * <p>The stream's lock only guards the log; nothing is written to a socket while it is held, so a
 * client that stops reading holds up nobody but the thread writing to it. Writes to a connection are
 * serialized by the connection's own lock and always go in sequence order: whoever holds that lock
 * drains the log up to the latest event.
 */
final class EventStream {
    /** One connection's output, written as SSE frames. */
    static final class Sink {
        private final OutputStream out;
        private final ReentrantLock writing = new ReentrantLock();
        private volatile boolean broken;
        private long written;

        Sink(OutputStream out) {
            this.out = out;
        }

        boolean broken() {
            return broken;
        }

        private void event(String id, byte[] data) throws IOException {
            out.write(("id: " + id + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write(new byte[] {'\n', '\n'});
            out.flush();
        }

        private void priming(String id, long retryMillis) throws IOException {
            out.write(("id: " + id + "\nretry: " + retryMillis + "\ndata: \n\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends the response headers now, before any event (a client waits for them). */
        void open() {
            writing.lock();
            try {
                out.flush();
            } catch (IOException | RuntimeException e) {
                broken = true;
            } finally {
                writing.unlock();
            }
        }

        void keepAlive() {
            if (!writing.tryLock()) {
                return; // a write is in progress: the connection is evidently in use
            }
            try {
                out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | RuntimeException e) {
                broken = true;
            } finally {
                writing.unlock();
            }
        }

        void close() {
            writing.lock();
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                broken = true;
            } finally {
                writing.unlock();
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
    private long finalSeq = -1;
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

    /** Appends an event and delivers it to the attached connection, if any. */
    void append(byte[] data) {
        Sink sink = record(data, false);
        if (sink != null) {
            drain(sink);
        }
    }

    /** Appends the last event; the stream then ends and its connection is released once it has it. */
    void appendFinal(byte[] data) {
        Sink sink = record(data, true);
        if (sink != null) {
            drain(sink);
        }
    }

    private Sink record(byte[] data, boolean last) {
        lock.lock();
        try {
            seq++;
            log.addLast(new Event(seq, data));
            while (log.size() > capacity) {
                log.removeFirst();
            }
            if (last) {
                complete = true;
                finalSeq = seq;
            }
            changed.signalAll();
            return live;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream without a final event (session closed, call cancelled). */
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
     * Attaches a connection, releasing any other. It receives a priming event (if
     * {@code primeRetryMillis > 0}), then the events after {@code afterSeq} ({@code -1}: only events
     * from now on), then every new event.
     */
    void attach(Sink sink, long afterSeq, long primeRetryMillis) {
        long from;
        lock.lock();
        try {
            from = afterSeq < 0 ? seq : afterSeq;
            sink.written = from;
            live = sink;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        sink.writing.lock();
        try {
            if (primeRetryMillis > 0) {
                sink.priming(id + "_" + from, primeRetryMillis);
            } else {
                sink.out.flush();
            }
        } catch (IOException | RuntimeException e) {
            broke(sink);
            return;
        } finally {
            sink.writing.unlock();
        }
        drain(sink);
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
     * Blocks the connection's own thread while it is attached and the stream has more to give it,
     * sending a keep-alive comment when idle so that a dead peer is noticed.
     */
    void awaitRelease(Sink sink, long keepAliveMillis) {
        while (true) {
            boolean idle;
            lock.lock();
            try {
                if (live != sink || sink.broken || (complete && (finalSeq < 0 || sink.written >= finalSeq))) {
                    if (live == sink) {
                        live = null;
                    }
                    return;
                }
                idle = !changed.await(keepAliveMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (idle) {
                sink.keepAlive();
            }
        }
    }

    /** Whether a connection is attached. */
    boolean attached() {
        lock.lock();
        try {
            return live != null && !live.broken;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream ended and its last event reached a connection, so the log can go. */
    boolean finishedAndDelivered() {
        lock.lock();
        try {
            return complete && (deliveredFinal || finalSeq < 0 && live == null);
        } finally {
            lock.unlock();
        }
    }

    /** Writes what the sink has not had yet, in order; whoever holds the sink's lock does the writing. */
    private void drain(Sink sink) {
        while (true) {
            if (!sink.writing.tryLock()) {
                return; // the holder drains up to the latest event, this one included
            }
            try {
                if (!drainLocked(sink)) {
                    return;
                }
            } finally {
                sink.writing.unlock();
            }
            if (pendingFor(sink).isEmpty()) {
                return; // nothing arrived while the lock was being released
            }
        }
    }

    /** Delivers everything pending to the sink, waiting for any other writer, then closes it. */
    void drainAndClose(Sink sink) {
        sink.writing.lock();
        try {
            drainLocked(sink);
            sink.out.close();
        } catch (IOException | RuntimeException e) {
            sink.broken = true;
        } finally {
            sink.writing.unlock();
        }
        detach(sink);
    }

    /** Writes the pending events; the caller holds the sink's lock. False if the connection broke. */
    private boolean drainLocked(Sink sink) {
        try {
            while (true) {
                List<Event> pending = pendingFor(sink);
                if (pending.isEmpty()) {
                    return true;
                }
                for (Event e : pending) {
                    sink.event(id + "_" + e.seq(), e.data());
                    sink.written = e.seq();
                    if (e.seq() == finalSeqSnapshot()) {
                        markDelivered();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            broke(sink);
            return false;
        }
    }

    private List<Event> pendingFor(Sink sink) {
        lock.lock();
        try {
            if (live != sink) {
                return List.of();
            }
            List<Event> pending = new ArrayList<>();
            for (Event e : log) {
                if (e.seq() > sink.written) {
                    pending.add(e);
                }
            }
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private long finalSeqSnapshot() {
        lock.lock();
        try {
            return finalSeq;
        } finally {
            lock.unlock();
        }
    }

    private void markDelivered() {
        lock.lock();
        try {
            deliveredFinal = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void broke(Sink sink) {
        sink.broken = true;
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
}
