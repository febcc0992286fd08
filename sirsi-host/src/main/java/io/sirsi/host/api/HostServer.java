package io.sirsi.host.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.sirsi.host.Host;
import io.sirsi.host.HostHealth;
import io.sirsi.host.RequestException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's APIs on one Helidon SE port: gRPC, WebSocket {@code /ws}, HTTP ({@code /health} with no token,
 * {@code /metrics} with one), and the chat web page at {@code /} (no token: it signs in over {@code /ws}). Binds
 * to loopback unless told otherwise.
 */
public final class HostServer implements AutoCloseable {
    /** The largest message any API accepts, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final WebServer server;
    private final String bind;

    private HostServer(WebServer server, String bind) {
        this.server = server;
        this.bind = bind;
    }

    /**
     * Starts the APIs of {@code host}.
     *
     * @param bind the address to listen on ({@code 127.0.0.1} unless told otherwise)
     * @param port the port, 0 for any free one
     */
    public static HostServer start(Host host, Authentication auth, String bind, int port) {
        return start(host, auth, Optional.empty(), bind, port);
    }

    /**
     * Starts the APIs of {@code host} with {@code POST /api/login} ({@code {"user": ..., "password": ...}} gives
     * {@code {"token": JWT}}) for the users of {@code authenticator}.
     */
    public static HostServer start(Host host, Authenticator authenticator, String bind, int port) {
        return start(host, authenticator, Optional.of(authenticator), bind, port);
    }

    private static HostServer start(
            Host host, Authentication auth, Optional<Authenticator> logins, String bind, int port) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(bind, "bind");
        WebPage page = WebPage.bundled();
        WebServer server = WebServer.builder()
                .host(bind)
                .port(port)
                .maxPayloadSize(MAX_MESSAGE_BYTES)
                // A turn streams several small events; with Nagle's algorithm on, each one after the first waited
                // for the client's delayed ACK (40 ms on Linux) before it left.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> {
                    http(routing, host, auth);
                    page.route(routing);
                    logins.ifPresent(a -> routing.post("/api/login", (req, res) -> login(host, a, req, res)));
                })
                .addRouting(GrpcAgentService.routing(host, auth))
                .addRouting(ChatSocket.routing(host, auth))
                .build()
                .start();
        return new HostServer(server, bind);
    }

    private static void http(HttpRouting.Builder routing, Host host, Authentication auth) {
        routing.get(ChatSocket.PATH, ChatSocket.refusal(host, auth));
        routing.get("/health", (req, res) -> {
                    HostHealth health = host.health();
                    res.status(health.status().equals("ok") ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                            .header(HeaderNames.CONTENT_TYPE, "application/json")
                            .send(HttpJson.health(health));
                })
                .get("/metrics", (req, res) -> {
                    try {
                        auth.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
                    } catch (RequestException e) {
                        host.metrics().refused("http", e.kind().code());
                        res.status(Status.create(e.kind().http()))
                                .header(HeaderNames.CONTENT_TYPE, "application/json")
                                .send(HttpJson.error(e));
                        return;
                    }
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                            .send(host.metrics().prometheus());
                });
    }

    private static void login(
            Host host,
            Authenticator authenticator,
            io.helidon.webserver.http.ServerRequest req,
            io.helidon.webserver.http.ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try {
            tools.jackson.databind.JsonNode body;
            try {
                body = HttpJson.JSON.readTree(req.content().as(String.class));
            } catch (RuntimeException e) {
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "the body is not JSON: send " + "{\"user\": NAME, \"password\": PASSWORD}");
            }
            if (body == null
                    || !body.path("user").isString()
                    || !body.path("password").isString()) {
                throw new RequestException(
                        RequestException.Kind.INVALID, "send {\"user\": NAME, \"password\": PASSWORD}");
            }
            char[] password = body.path("password").asString().toCharArray();
            try {
                String token = authenticator.login(body.path("user").asString(), password);
                res.send(HttpJson.JSON.writeValueAsString(java.util.Map.of("token", token, "type", "Bearer")));
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        } catch (RequestException e) {
            host.metrics().refused("http", e.kind().code());
            res.status(Status.create(e.kind().http())).send(HttpJson.error(e));
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The base URL of the APIs ({@code http://127.0.0.1:PORT}). */
    public URI url() {
        String h = bind.contains(":") ? "[" + bind + "]" : bind;
        return URI.create("http://" + ("0.0.0.0".equals(bind) ? "127.0.0.1" : h) + ":" + port());
    }

    /** Stops listening. */
    @Override
    public void close() {
        server.stop();
    }

    static Optional<String> header(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
