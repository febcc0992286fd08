package io.sirsi.mcp.kit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

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
        synchronized (this) {
            if (!acceptsSse) {
                session.standalone().append(bytes);
                return;
            }
            startStream();
            stream.append(bytes);
        }
    }

    /**
     * Ends this POST's connection early (SSE polling, SEP-1699): the call goes on, its events wait in
     * the log, and the client resumes with a GET carrying {@code Last-Event-ID}.
     */
    synchronized void release() {
        if (!acceptsSse) {
            return;
        }
        startStream();
        if (!sinkReleased) {
            sinkReleased = true;
            stream.detach(sink);
            sink.close();
        }
    }

    /** Sends the response: as JSON if no stream was opened, else as the stream's last event. */
    synchronized void finish(Wire.Reply answer) {
        if (stream == null) {
            byte[] body = Json.bytes(answer);
            response.status(Status.OK_200);
            response.header(HeaderNames.CONTENT_TYPE, "application/json");
            response.send(body);
            return;
        }
        stream.appendFinal(Json.bytes(answer));
        closeSink();
    }

    /** The request was cancelled: no response is sent. */
    synchronized void abandon() {
        if (stream == null) {
            response.status(Status.ACCEPTED_202).send();
            return;
        }
        stream.end();
        closeSink();
    }

    private void closeSink() {
        if (!sinkReleased) {
            sinkReleased = true;
            sink.close();
        }
    }

    private void startStream() {
        if (stream != null) {
            return;
        }
        stream = session.openStream();
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        sink = new EventStream.Sink(response.outputStream());
        try {
            stream.attach(sink, 0, prime ? retryMillis : 0);
        } catch (IOException e) {
            stream.detach(sink);
        }
    }
}
