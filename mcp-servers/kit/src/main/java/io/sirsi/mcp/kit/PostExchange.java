package io.sirsi.mcp.kit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The answer to one POSTed request. It stays plain JSON unless something must be sent before the
 * response (progress, a log line, a sampling request): then it switches to an SSE stream, primed for
 * resumption, and the response becomes its last event.
 */
final class PostExchange implements Outbound {
    private final HttpSession session;
    private final ServerResponse response;
    private final boolean acceptsSse;
    private final boolean prime;
    private final long retryMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private EventStream stream;
    private EventStream.Sink sink;
    private boolean sinkReleased;

    PostExchange(HttpSession session, ServerResponse response, boolean acceptsSse, boolean prime, long retryMillis) {
        this.session = session;
        this.response = response;
        this.acceptsSse = acceptsSse;
        this.prime = prime;
        this.retryMillis = retryMillis;
    }

    @Override
    public void send(Object message) {
        byte[] bytes = Json.bytes(message);
        if (!acceptsSse) {
            session.standalone().append(bytes);
            return;
        }
        startStream().append(bytes);
    }

    /**
     * Ends this POST's connection early (SSE polling, SEP-1699): the call goes on, its events wait in
     * the log, and the client resumes with a GET carrying {@code Last-Event-ID}.
     */
    void release() {
        if (!acceptsSse) {
            return;
        }
        EventStream s = startStream();
        lock.lock();
        try {
            if (!sinkReleased) {
                sinkReleased = true;
                s.drainAndClose(sink);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends the response: as JSON if no stream was opened, else as the stream's last event. */
    void finish(Wire.Reply answer) {
        lock.lock();
        try {
            if (stream == null) {
                response.status(Status.OK_200);
                response.header(HeaderNames.CONTENT_TYPE, "application/json");
                response.send(Json.bytes(answer));
                return;
            }
        } finally {
            lock.unlock();
        }
        stream.appendFinal(Json.bytes(answer));
        closeSink();
    }

    /**
     * The request was cancelled: no response is sent. A POSTed request must still be answered with JSON
     * or SSE, so the answer is an SSE stream that ends without an event.
     */
    void abandon() {
        EventStream s = acceptsSse ? startStream() : null;
        if (s == null) {
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        s.end();
        closeSink();
    }

    private void closeSink() {
        lock.lock();
        try {
            if (!sinkReleased) {
                sinkReleased = true;
                stream.drainAndClose(sink);
            }
        } finally {
            lock.unlock();
        }
    }

    private EventStream startStream() {
        lock.lock();
        try {
            if (stream != null) {
                return stream;
            }
            stream = session.openStream();
            response.status(Status.OK_200);
            response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            response.header(HeaderNames.CACHE_CONTROL, "no-cache");
            sink = new EventStream.Sink(response.outputStream());
        } finally {
            lock.unlock();
        }
        stream.attach(sink, 0, prime ? retryMillis : 0);
        return stream;
    }
}
