package io.sirsi.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Streamable HTTP session with a server, through the JDK's HTTP client. Responses may be JSON or
 * SSE; notifications that arrive on a request's SSE stream are attributed to that request.
 */
public final class HttpConnection extends BaseConnection {
    /** A complete HTTP response, for status-code checks. */
    public record RawResponse(int status, Map<String, List<String>> headers, String body) {
        /** The first value of a header, matched case-insensitively. */
        public Optional<String> header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }
    }

    private final URI url;
    private final HttpClient client;
    private final Map<String, String> extraHeaders;
    private volatile String sessionId;
    private volatile String protocolVersion;

    private HttpConnection(URI url, Map<String, String> extraHeaders) {
        this.url = url;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** A connection to the MCP endpoint at {@code url}; nothing is sent yet. */
    public static HttpConnection open(URI url) {
        return new HttpConnection(url, Map.of());
    }

    /** A connection that sends these headers (for example Authorization) with every request. */
    public static HttpConnection open(URI url, Map<String, String> headers) {
        return new HttpConnection(url, headers);
    }

    /** The endpoint. */
    public URI url() {
        return url;
    }

    /** The session id the server assigned, once initialized. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** The negotiated protocol version, once initialized. */
    public Optional<String> protocolVersion() {
        return Optional.ofNullable(protocolVersion);
    }

    @Override
    public Exchange initialize(String version) {
        Exchange answer = request("initialize", Wire.initializeParams(version));
        if (!answer.isError()) {
            protocolVersion = answer.result().path("protocolVersion").asString(null);
            notify("notifications/initialized", null);
        }
        return answer;
    }

    @Override
    public CompletableFuture<Exchange> send(ObjectNode request) {
        Pending p = register(request);
        boolean isInitialize = "initialize".equals(request.path("method").asString(""));
        HttpRequest post = post(request.toString(), headers(!isInitialize));
        client.sendAsync(post, HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, error) -> {
            if (error != null) {
                p.future.completeExceptionally(new ConformanceException("POST failed: " + error.getMessage(), error));
                return;
            }
            if (isInitialize) {
                response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            }
            Thread.ofVirtual()
                    .start(() ->
                            readResponse(response, p, request.path("method").asString("")));
        });
        return p.future;
    }

    @Override
    public void notify(String method, JsonNode params) {
        RawResponse response =
                raw("POST", headers(true), Wire.notification(method, params).toString());
        if (response.status() != 202) {
            violation("a notification (" + method + ") was answered with HTTP " + response.status() + ", not 202");
        }
    }

    @Override
    protected void sendReply(ObjectNode reply) {
        raw("POST", headers(true), reply.toString());
    }

    /** The headers a well-behaved client sends; with the session ones if {@code session}. */
    public Map<String, String> headers(boolean session) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session && sessionId != null) {
            headers.put("Mcp-Session-Id", sessionId);
        }
        if (session && protocolVersion != null) {
            headers.put("MCP-Protocol-Version", protocolVersion);
        }
        headers.putAll(extraHeaders);
        return headers;
    }

    /** Sends any request and reads the whole answer (do not use on an SSE stream that stays open). */
    public RawResponse raw(String method, Map<String, String> headers, String body) {
        HttpResponse<InputStream> response = stream(method, headers, body);
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            return new RawResponse(response.statusCode(), response.headers().map(), text);
        } catch (IOException e) {
            throw new ConformanceException(method + " " + url + " failed while reading: " + e.getMessage(), e);
        }
    }

    /** Sends any request and returns the response with its body unread. */
    public HttpResponse<InputStream> stream(String method, Map<String, String> headers, String body) {
        var builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ConformanceException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConformanceException("interrupted during " + method + " " + url);
        }
    }

    private HttpRequest post(String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60));
        headers.forEach(builder::header);
        return builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private void readResponse(HttpResponse<InputStream> response, Pending p, String method) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        try (InputStream in = response.body()) {
            if (type.startsWith("text/event-stream")) {
                String lastEventId = readEvents(in, p);
                // The server may end a stream early (SSE polling); a client resumes it with a GET.
                for (int resumes = 0;
                        !p.future.isDone() && lastEventId != null && sessionId != null && resumes < 5;
                        resumes++) {
                    Map<String, String> headers = headers(true);
                    headers.put("Accept", "text/event-stream");
                    headers.put("Last-Event-ID", lastEventId);
                    HttpResponse<InputStream> resumed = stream("GET", headers, null);
                    if (resumed.statusCode() != 200) {
                        resumed.body().close();
                        break;
                    }
                    try (InputStream more = resumed.body()) {
                        String last = readEvents(more, p);
                        if (last == null) {
                            break;
                        }
                        lastEventId = last;
                    }
                }
                if (!p.future.isDone()) {
                    p.future.completeExceptionally(
                            new StreamEndedException("the SSE stream for " + method + " ended without a response"));
                }
                return;
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (type.startsWith("application/json") && !body.isBlank()) {
                JsonNode message = parse(body);
                if (response.statusCode() != 200) {
                    violation(method + " was answered with HTTP " + response.statusCode() + " and a JSON body");
                }
                deliver(message, p);
                if (!p.future.isDone()) {
                    p.future.completeExceptionally(new ConformanceException(
                            "the answer to " + method + " was not its response: " + Wire.brief(message)));
                }
                return;
            }
            p.future.completeExceptionally(new ConformanceException("HTTP " + response.statusCode() + " for " + method
                    + (body.isBlank() ? "" : ": " + abbreviate(body))));
        } catch (IOException | RuntimeException e) {
            p.future.completeExceptionally(
                    new ConformanceException("reading the answer to " + method + " failed: " + e, e));
        }
    }

    /** Delivers a stream's events until the response arrives or the stream ends; the last event id. */
    private String readEvents(InputStream in, Pending p) throws IOException {
        String lastEventId = null;
        try (var sse = new SseReader(in)) {
            Optional<SseReader.Event> event;
            while (!p.future.isDone() && (event = sse.next()).isPresent()) {
                if (event.get().id() != null && !event.get().id().isEmpty()) {
                    lastEventId = event.get().id();
                }
                if (!event.get().priming()) {
                    deliver(parse(event.get().data()), p);
                }
            }
        }
        return lastEventId;
    }

    private JsonNode parse(String text) {
        try {
            return Wire.JSON.readTree(text);
        } catch (JacksonException e) {
            violation("the server sent something that is not JSON: " + abbreviate(text));
            return Wire.object();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public void close() {
        if (sessionId != null) {
            try {
                raw("DELETE", headers(true), null);
            } catch (ConformanceException e) {
                // the server may already be gone
            }
        }
        failAll("the connection was closed");
        client.close();
    }
}
