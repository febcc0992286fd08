package io.sirsi.mcp.kit;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over Streamable HTTP on Helidon SE: POST answered with JSON or SSE, a GET listening stream,
 * DELETE to end a session, resumable SSE, Origin and Host checks, optional bearer auth, health and
 * metrics. Handlers run on Helidon's virtual threads, so a tool call simply runs on its request's
 * thread.
 */
final class HttpTransport implements Catalog.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    /** Helidon announces its features and channels at INFO; a server's stderr keeps to what matters. */
    private static final java.util.logging.Logger HELIDON_LOG = quietHelidon();

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final long RETRY_MILLIS = 1000;
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final int MAX_SESSIONS = 10_000;

    private final Dispatcher dispatcher;
    private final Catalog catalog;
    private final ServerOptions options;
    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final WebServer server;
    private final Thread reaper;

    HttpTransport(Dispatcher dispatcher, Catalog catalog, ServerOptions options) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.options = options;
        if (!options.loopback() && options.allowedHosts().isEmpty()) {
            LOG.warn("Listening on {} without --allowed-hosts: the Host header is not checked", options.bind());
        }
        requirePortFree(options);
        this.server = WebServer.builder()
                .host(options.bind())
                .port(options.port())
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .maxPayloadSize(Math.max(16L * 1024 * 1024, 4L * options.maxMessageBytes()))
                .routing(this::routing)
                .build();
        server.start();
        if (!server.isRunning()) {
            server.stop();
            throw new KitException("Cannot listen on " + options.bind() + ":" + options.port()
                    + " (is the port in use? choose another with --port, or --port 0 for any free one)");
        }
        catalog.addListener(this);
        this.reaper = Thread.ofVirtual().name("mcp-session-reaper").start(this::reapIdleSessions);
    }

    private static java.util.logging.Logger quietHelidon() {
        var logger = java.util.logging.Logger.getLogger("io.helidon");
        if (logger.getLevel() == null) {
            logger.setLevel(java.util.logging.Level.WARNING);
        }
        return logger;
    }

    int port() {
        return server.port();
    }

    /** Says plainly that the port is taken, before the web server logs a stack trace about it. */
    private static void requirePortFree(ServerOptions options) {
        if (options.port() == 0) {
            return;
        }
        try (var probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(options.bind(), options.port()));
        } catch (IOException e) {
            throw new KitException("Cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage()
                    + " (choose another port with --port, or --port 0 for any free one)");
        }
    }

    URI endpoint() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return URI.create("http://" + host + ":" + port() + options.path());
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        catalog.removeListener(this);
        reaper.interrupt();
        sessions.values().forEach(s -> s.close("server stopped"));
        sessions.clear();
        server.stop();
    }

    private void routing(HttpRouting.Builder routing) {
        String path = options.path();
        routing.get("/health", (req, res) -> origin(req, res, this::health))
                .get("/metrics", (req, res) -> origin(req, res, this::metrics))
                .get("/.well-known/oauth-protected-resource", this::resourceMetadata)
                .get("/.well-known/oauth-protected-resource" + path, this::resourceMetadata)
                .post(path, (req, res) -> guarded(req, res, this::post))
                .get(path, (req, res) -> guarded(req, res, this::get))
                .delete(path, (req, res) -> guarded(req, res, this::delete))
                .route(
                        m -> !m.equals(Method.GET) && !m.equals(Method.POST) && !m.equals(Method.DELETE),
                        io.helidon.http.PathMatchers.exact(path),
                        (req, res) -> {
                            res.header(HeaderNames.ALLOW, "GET, POST, DELETE");
                            rpcError(
                                    res,
                                    Status.METHOD_NOT_ALLOWED_405,
                                    ProtocolException.INVALID_REQUEST,
                                    "Method Not Allowed: use POST, GET or DELETE on " + path);
                        });
    }

    private interface Handler {
        void handle(ServerRequest req, ServerResponse res) throws IOException;
    }

    /** Host, Origin and auth checks, in that order, before any MCP handling. */
    private void guarded(ServerRequest req, ServerResponse res, Handler next) throws IOException {
        origin(req, res, (rq, rs) -> {
            if (options.auth().isPresent() && !authorized(rq, rs)) {
                return;
            }
            next.handle(rq, rs);
        });
    }

    private void health(ServerRequest req, ServerResponse res) {
        json(
                res,
                Status.OK_200,
                Map.of("status", "UP", "server", dispatcher.serverName(), "sessions", sessions.size()));
    }

    /** Host and Origin checks (DNS rebinding protection) for every route that a browser could reach. */
    private void origin(ServerRequest req, ServerResponse res, Handler next) throws IOException {
        String host = authority(req).orElse("");
        if (!hostAllowed(host)) {
            rpcError(
                    res,
                    Status.MISDIRECTED_REQUEST_421,
                    -32000,
                    "Misdirected Request: Host '" + host + "' is not served here (DNS rebinding protection)");
            return;
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !originAllowed(origin.get())) {
            rpcError(res, Status.FORBIDDEN_403, -32000, "Forbidden: Origin '" + origin.get() + "' is not allowed");
            return;
        }
        next.handle(req, res);
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        var verdict = options.auth()
                .get()
                .check(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (verdict instanceof BearerAuth.Verdict.Accepted) {
            return true;
        }
        String metadata = baseUrl(req) + "/.well-known/oauth-protected-resource" + options.path();
        String challenge = "Bearer resource_metadata=\"" + metadata + "\"";
        String message = "Unauthorized: a bearer token is required";
        if (verdict instanceof BearerAuth.Verdict.Rejected rejected) {
            challenge += ", error=\"invalid_token\", error_description=\"" + rejected.reason() + "\"";
            message = "Unauthorized: " + rejected.reason();
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        rpcError(res, Status.UNAUTHORIZED_401, -32001, message);
        return false;
    }

    private void post(ServerRequest req, ServerResponse res) throws IOException {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty() || !contentType.get().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            rpcError(
                    res,
                    Status.UNSUPPORTED_MEDIA_TYPE_415,
                    ProtocolException.INVALID_REQUEST,
                    "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return;
        }
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("*/*").toLowerCase(Locale.ROOT);
        boolean acceptsJson =
                accept.contains("application/json") || accept.contains("*/*") || accept.contains("application/*");
        boolean acceptsSse = accept.contains("text/event-stream") || accept.contains("*/*");
        if (!acceptsJson && !acceptsSse) {
            rpcError(
                    res,
                    Status.NOT_ACCEPTABLE_406,
                    ProtocolException.INVALID_REQUEST,
                    "Not Acceptable: Accept must include application/json or text/event-stream");
            return;
        }
        byte[] body = readBody(req, res);
        if (body == null) {
            return;
        }
        Envelope message = Envelope.parse(body);
        if (message instanceof Envelope.Invalid invalid) {
            json(res, Status.BAD_REQUEST_400, Dispatcher.error(invalid.id(), invalid.code(), invalid.message(), null));
            return;
        }
        Optional<String> sessionId = req.headers().first(SESSION_ID);
        if (message instanceof Envelope.Request r && "initialize".equals(r.method()) && sessionId.isEmpty()) {
            initialize(r, res);
            return;
        }
        if (sessionId.isEmpty()) {
            rpcError(
                    res,
                    Status.BAD_REQUEST_400,
                    -32000,
                    "Bad Request: the Mcp-Session-Id header is required; initialize first");
            return;
        }
        HttpSession session = sessions.get(sessionId.get());
        if (session == null) {
            rpcError(
                    res,
                    Status.NOT_FOUND_404,
                    -32001,
                    "Session not found: it expired or was deleted; initialize again");
            return;
        }
        if (!protocolVersionAccepted(req, res, session)) {
            return;
        }
        session.touch();
        if (!(message instanceof Envelope.Request request)) {
            dispatcher.handle(session.protocol(), message, session.protocol().standalone());
            res.status(Status.ACCEPTED_202).send();
            return;
        }
        var exchange = new PostExchange(session, res, acceptsSse, primes(session), RETRY_MILLIS);
        try {
            Optional<Wire.Reply> answer = dispatcher.handle(session.protocol(), request, exchange);
            if (answer.isPresent()) {
                exchange.finish(answer.get());
            } else {
                exchange.abandon();
            }
        } finally {
            session.touch();
        }
    }

    private void initialize(Envelope.Request request, ServerResponse res) {
        if (sessions.size() >= MAX_SESSIONS) {
            rpcError(
                    res,
                    Status.SERVICE_UNAVAILABLE_503,
                    -32000,
                    "Service Unavailable: " + MAX_SESSIONS
                            + " sessions are open; end one with DELETE or wait for idle sessions to expire");
            return;
        }
        String id = newSessionId();
        var session = new HttpSession(id);
        Wire.Reply response = dispatcher
                .handle(session.protocol(), request, session.protocol().standalone())
                .orElseThrow();
        if (response instanceof Wire.Result) {
            sessions.put(id, session);
            res.header(SESSION_ID, id);
        }
        json(res, Status.OK_200, response);
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("").toLowerCase(Locale.ROOT);
        if (!accept.contains("text/event-stream")) {
            rpcError(
                    res,
                    Status.NOT_ACCEPTABLE_406,
                    ProtocolException.INVALID_REQUEST,
                    "Not Acceptable: a GET must accept text/event-stream");
            return;
        }
        Optional<HttpSession> found = session(req, res);
        if (found.isEmpty() || !protocolVersionAccepted(req, res, found.get())) {
            return;
        }
        HttpSession session = found.get();
        session.touch();
        EventStream stream = session.standalone();
        long after = -1;
        boolean resuming = false;
        Optional<String> lastEventId = req.headers().first(LAST_EVENT_ID);
        if (lastEventId.isPresent()) {
            String[] parts = lastEventId.get().split("_", 2);
            Optional<EventStream> resumed = Optional.empty();
            if (parts.length == 2) {
                try {
                    after = Long.parseLong(parts[1]);
                    resumed = session.stream(parts[0]);
                } catch (NumberFormatException e) {
                    resumed = Optional.empty();
                }
            }
            if (resumed.isEmpty()) {
                rpcError(
                        res,
                        Status.BAD_REQUEST_400,
                        -32000,
                        "Bad Request: Last-Event-ID '" + lastEventId.get() + "' names no stream of this session");
                return;
            }
            stream = resumed.get();
            resuming = true;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        var sink = new EventStream.Sink(res.outputStream());
        stream.attach(sink, after, resuming || !primes(session) ? 0 : RETRY_MILLIS);
        stream.awaitRelease(sink, KEEP_ALIVE_MILLIS);
        session.touch();
        sink.close();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<HttpSession> session = session(req, res);
        if (session.isEmpty()) {
            return;
        }
        sessions.remove(session.get().protocol().id());
        session.get().close("deleted by the client");
        res.status(Status.OK_200).send();
    }

    private Optional<HttpSession> session(ServerRequest req, ServerResponse res) {
        Optional<String> id = req.headers().first(SESSION_ID);
        if (id.isEmpty()) {
            rpcError(res, Status.BAD_REQUEST_400, -32000, "Bad Request: the Mcp-Session-Id header is required");
            return Optional.empty();
        }
        HttpSession session = sessions.get(id.get());
        if (session == null) {
            rpcError(
                    res,
                    Status.NOT_FOUND_404,
                    -32001,
                    "Session not found: it expired or was deleted; initialize again");
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * After initialize, the header must name a version this server speaks. Clients that negotiated
     * 2025-03-26 predate the header, so it may be missing for them.
     */
    private boolean protocolVersionAccepted(ServerRequest req, ServerResponse res, HttpSession session) {
        Optional<String> header = req.headers().first(PROTOCOL_VERSION);
        if (header.isEmpty()) {
            if ("2025-03-26".equals(session.protocol().protocolVersion())) {
                return true;
            }
            rpcError(res, Status.BAD_REQUEST_400, -32000, "Bad Request: the MCP-Protocol-Version header is required");
            return false;
        }
        if (!Dispatcher.PROTOCOL_VERSIONS.contains(header.get())) {
            rpcError(
                    res,
                    Status.BAD_REQUEST_400,
                    -32000,
                    "Bad Request: unsupported MCP-Protocol-Version '" + header.get() + "'; this server speaks "
                            + String.join(", ", Dispatcher.PROTOCOL_VERSIONS));
            return false;
        }
        return true;
    }

    /** SSE priming events (SEP-1699) go to clients that negotiated 2025-11-25 or later. */
    private static boolean primes(HttpSession session) {
        String version = session.protocol().protocolVersion();
        return version != null && version.compareTo("2025-11-25") >= 0;
    }

    /**
     * Reads the body, up to the message limit. A larger body is read and discarded up to a bound, so
     * that the client, still sending, can read the 413 (closing on it would reset the connection and
     * lose the answer); beyond that bound the connection is closed.
     */
    private byte[] readBody(ServerRequest req, ServerResponse res) throws IOException {
        int limit = options.maxMessageBytes();
        var declared = req.headers().contentLength();
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent() && declared.getAsLong() > limit) {
                if (declared.getAsLong() <= drainLimit()) {
                    in.transferTo(OutputStream.nullOutputStream());
                } else {
                    res.header(HeaderNames.CONNECTION, "close");
                }
                tooLarge(res, limit);
                return null;
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                long drained = in.skip(drainLimit());
                if (drained >= drainLimit() - limit) {
                    res.header(HeaderNames.CONNECTION, "close");
                }
                tooLarge(res, limit);
                return null;
            }
            return body;
        } catch (UncheckedIOException | IllegalStateException e) {
            res.header(HeaderNames.CONNECTION, "close");
            tooLarge(res, limit);
            return null;
        }
    }

    private long drainLimit() {
        return Math.max(16L * 1024 * 1024, 4L * options.maxMessageBytes());
    }

    private void tooLarge(ServerResponse res, int limit) {
        rpcError(
                res,
                Status.REQUEST_ENTITY_TOO_LARGE_413,
                ProtocolException.INVALID_REQUEST,
                "Payload Too Large: the message exceeds the limit of " + limit + " bytes (--max-message-bytes)");
    }

    private boolean hostAllowed(String hostHeader) {
        if (!options.loopback() && options.allowedHosts().isEmpty()) {
            return true;
        }
        String host = hostWithoutPort(hostHeader).toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(host) || options.allowedHosts().stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }

    private boolean originAllowed(String origin) {
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        for (String allowed : options.allowedOrigins()) {
            if (allowed.equalsIgnoreCase(normalized) || allowed.equalsIgnoreCase(normalized + "/")) {
                return true;
            }
        }
        try {
            URI uri = URI.create(normalized);
            String host = uri.getHost();
            return host != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && LOOPBACK_NAMES.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String hostWithoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    /** The host the client asked for: the Host header over HTTP/1.1, {@code :authority} over HTTP/2 (h2c). */
    private static Optional<String> authority(ServerRequest req) {
        return Optional.ofNullable(req.authority()).filter(a -> !a.isEmpty());
    }

    private String baseUrl(ServerRequest req) {
        String host = authority(req).orElse(options.bind() + ":" + port());
        return (req.isSecure() ? "https://" : "http://") + host;
    }

    private void resourceMetadata(ServerRequest req, ServerResponse res) {
        if (options.auth().isEmpty()) {
            rpcError(res, Status.NOT_FOUND_404, -32000, "Not Found: this server does not require authorization");
            return;
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("resource", baseUrl(req) + options.path());
        options.auth().get().authorizationServer().ifPresent(a -> metadata.put("authorization_servers", List.of(a)));
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("resource_name", dispatcher.serverName());
        json(res, Status.OK_200, metadata);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        if (options.auth().isPresent() && !authorized(req, res)) {
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(dispatcher.metrics().prometheus(dispatcher.serverName()));
    }

    private String newSessionId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void reapIdleSessions() {
        long idleNanos = options.sessionIdle().toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Duration.ofSeconds(
                        Math.max(1, Math.min(30, options.sessionIdle().toSeconds() / 2))));
            } catch (InterruptedException e) {
                return;
            }
            sessions.entrySet().removeIf(e -> {
                HttpSession s = e.getValue();
                if (s.idleNanos() > idleNanos
                        && s.protocol().inFlightCount() == 0
                        && !s.standalone().attached()) {
                    s.close("idle for longer than " + options.sessionIdle().toSeconds() + " s");
                    return true;
                }
                return false;
            });
        }
    }

    @Override
    public void listChanged(Catalog.Kind kind) {
        String method =
                switch (kind) {
                    case TOOLS -> "notifications/tools/list_changed";
                    case RESOURCES, RESOURCE_TEMPLATES -> "notifications/resources/list_changed";
                    case PROMPTS -> "notifications/prompts/list_changed";
                };
        var notification = new Wire.Notification(method, null);
        for (HttpSession session : sessions.values()) {
            // Each session's stream is fed on its own thread, so one slow reader delays no other.
            Thread.ofVirtual().start(() -> session.protocol().standalone().send(notification));
        }
    }

    @Override
    public void resourceUpdated(String uri) {
        for (HttpSession session : sessions.values()) {
            if (session.protocol().subscriptions().contains(uri)) {
                var notification = new Wire.Notification("notifications/resources/updated", Map.of("uri", uri));
                Thread.ofVirtual().start(() -> session.protocol().standalone().send(notification));
            }
        }
    }

    private static void rpcError(ServerResponse res, Status status, int code, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("jsonrpc", "2.0");
        error.put("id", null);
        error.put("error", Map.of("code", code, "message", message));
        json(res, status, error);
    }

    private static void json(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }
}
