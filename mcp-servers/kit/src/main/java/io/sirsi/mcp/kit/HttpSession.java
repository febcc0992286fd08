package io.sirsi.mcp.kit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A Streamable HTTP session: the protocol session plus its SSE streams and their logs. */
final class HttpSession {
    static final String STANDALONE = "0";
    private static final int STREAM_CAPACITY = 1024;
    private static final int MAX_KEPT_STREAMS = 64;

    private final Session session;
    private final EventStream standalone = new EventStream(STANDALONE, 256);
    private final Map<String, EventStream> streams = new LinkedHashMap<>();
    private final AtomicLong nextStream = new AtomicLong();
    private volatile long lastSeenNanos = System.nanoTime();

    HttpSession(String id) {
        this.session = new Session(id, message -> standalone.append(Json.bytes(message)));
        streams.put(STANDALONE, standalone);
    }

    Session protocol() {
        return session;
    }

    EventStream standalone() {
        return standalone;
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastSeenNanos;
    }

    /** Opens the response stream of one POST. */
    synchronized EventStream openStream() {
        prune();
        var stream = new EventStream(Long.toString(nextStream.incrementAndGet()), STREAM_CAPACITY);
        streams.put(stream.id(), stream);
        return stream;
    }

    synchronized Optional<EventStream> stream(String id) {
        return Optional.ofNullable(streams.get(id));
    }

    /** Drops the logs of streams whose last event was delivered, and the oldest beyond the cap. */
    private void prune() {
        Iterator<Map.Entry<String, EventStream>> it = streams.entrySet().iterator();
        int surplus = streams.size() - MAX_KEPT_STREAMS;
        while (it.hasNext()) {
            var entry = it.next();
            if (entry.getKey().equals(STANDALONE)) {
                continue;
            }
            if (entry.getValue().finishedAndDelivered() || surplus-- > 0) {
                it.remove();
            }
        }
    }

    synchronized void close(String reason) {
        session.close(reason);
        streams.values().forEach(EventStream::end);
    }
}
