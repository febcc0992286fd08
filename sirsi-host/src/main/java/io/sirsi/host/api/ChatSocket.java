package io.sirsi.host.api;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.HostException;
import io.sirsi.host.RequestException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One connection to the WebSocket chat API at {@code /ws}: JSON text messages with a {@code type}, carrying the
 * operations and turn events of the gRPC {@code AgentService} (see {@code sirsi-host/WEBSOCKET.md}).
 *
 * <p>The upgrade request is authenticated from its {@code authorization: Bearer TOKEN} header; a refused one
 * never becomes a socket, it is answered by {@link #refusal} with 401 and a JSON error. A browser cannot set
 * that header, so an upgrade with none but with an {@code Origin} (which browsers always send) is accepted, and
 * its first message must then be {@code {"type":"auth","token":"..."}}; anything else closes it with 1008.
 *
 * <p>Every message is authenticated again (the token may be revoked, or over its rate), then served by
 * {@link ChatOperations}. A refused request gets an error message with a {@code code} and the connection stays
 * open. Turns run on their own threads and send their events here, so sending is serialized by one lock. When
 * the socket closes, its turns go on (their sessions still get the answers); only sending stops.
 *
 * <p>Size: a message is read, across its frames, up to {@link HostServer#MAX_MESSAGE_BYTES}; the rest of a longer
 * one is discarded and it is answered {@code too_large}. Helidon's own limit is per frame (1 MiB by default, 4x
 * ours, so a client's single-frame message over our limit still gets the answer); a frame over it makes Helidon
 * close the connection (1009), before this listener sees anything.
 */
public final class ChatSocket implements WsListener {
    /** The path of the WebSocket chat API. */
    public static final String PATH = "/ws";

    /** How long a browser's socket may stay open without its auth message. */
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final String API = "ws";

    private final Host host;
    private final Authentication auth;
    private final ChatOperations operations;
    private final ReentrantLock sending = new ReentrantLock();
    private final StringBuilder partial = new StringBuilder();

    // Written by the connection's thread only (upgrade, then messages), read by it too.
    private Optional<String> authorization = Optional.empty();
    private long partialBytes;
    private boolean oversized;

    // Guarded by sending.
    private WsSession socket;
    private boolean open;

    private volatile boolean authenticated;

    private ChatSocket(Host host, Authentication auth) {
        this.host = host;
        this.auth = auth;
        this.operations = new ChatOperations(host);
    }

    /** The WebSocket routing of {@link #PATH}: one listener per connection. */
    public static WsRouting.Builder routing(Host host, Authentication auth) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        return WsRouting.builder().endpoint(PATH, () -> new ChatSocket(host, auth));
    }

    /**
     * The HTTP answer at {@link #PATH}: an upgrade refused for its credentials continues as a plain HTTP request
     * and gets here, as does a request that is no upgrade at all. 401 (or 429) with a JSON error saying why.
     */
    public static Handler refusal(Host host, Authentication auth) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        return (req, res) -> {
            Optional<String> authorization = HostServer.header(req.headers().first(HeaderNames.AUTHORIZATION));
            RequestException refused;
            Status status;
            try {
                if (authorization.isEmpty()) {
                    throw missingHeader();
                }
                auth.authenticate(authorization);
                refused = new RequestException(
                        RequestException.Kind.INVALID,
                        PATH + " is the WebSocket chat API: open it with a WebSocket client (Upgrade: websocket)");
                status = Status.UPGRADE_REQUIRED_426;
                if (req.prologue().protocolVersion().startsWith("1")) {
                    res.header(HeaderNames.UPGRADE, "websocket"); // a connection header, which HTTP/2 forbids
                }
            } catch (RequestException e) {
                refused = e;
                status = Status.create(e.kind().http());
                if (e.kind() == RequestException.Kind.UNAUTHENTICATED) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                }
            }
            host.metrics().refused(API, refused.kind().code());
            res.status(status)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(HttpJson.error(refused));
        };
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        authorization = HostServer.header(headers.first(HeaderNames.AUTHORIZATION));
        if (authorization.isEmpty()) {
            if (headers.contains(HeaderNames.ORIGIN)) {
                return Optional.empty(); // a browser: it authenticates with its first message
            }
            throw new WsUpgradeException("no authorization header");
        }
        try {
            auth.authenticate(authorization);
        } catch (RequestException e) {
            // Refused: the request goes on as plain HTTP to refusal(), which says why.
            throw new WsUpgradeException(e.getMessage());
        }
        authenticated = true;
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        sending.lock();
        try {
            socket = session;
            open = true;
        } finally {
            sending.unlock();
        }
        if (!authenticated) {
            CompletableFuture.delayedExecutor(AUTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::expireUnauthenticated);
        }
    }

    /** Closes a browser's socket that sent no auth message in time; holds the lock so auth cannot slip in. */
    private void expireUnauthenticated() {
        sending.lock();
        try {
            if (open && !authenticated) {
                refuse(Optional.empty(), unauthenticated("no auth message within " + AUTH_TIMEOUT.toSeconds() + " s"));
            }
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (!oversized) {
            partialBytes += utf8Length(text);
            if (partialBytes > HostServer.MAX_MESSAGE_BYTES) {
                oversized = true;
                partial.setLength(0);
            } else {
                partial.append(text);
            }
        }
        if (!last) {
            return;
        }
        String message = partial.toString();
        boolean tooLarge = oversized;
        partial.setLength(0);
        partialBytes = 0;
        oversized = false;
        if (tooLarge) {
            RequestException e = new RequestException(
                    RequestException.Kind.TOO_LARGE,
                    "the message is over " + HostServer.MAX_MESSAGE_BYTES + " bytes, the most the host accepts");
            if (authenticated) {
                error(Optional.empty(), e);
            } else {
                refuse(Optional.empty(), e);
            }
            return;
        }
        receive(message);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (last) {
            RequestException e = new RequestException(
                    RequestException.Kind.INVALID, "binary messages are not supported: send JSON text");
            if (authenticated) {
                error(Optional.empty(), e);
            } else {
                refuse(Optional.empty(), e);
            }
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        sending.lock();
        try {
            if (open) {
                socket.pong(buffer);
            }
        } catch (RuntimeException e) {
            open = false;
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        stopSending();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.debug("WebSocket error: {}", t.toString());
        stopSending();
    }

    private void receive(String text) {
        Optional<JsonNode> id = Optional.empty();
        try {
            JsonNode tree = ChatRequest.tree(text);
            id = ChatRequest.id(tree);
            if (!authenticated) {
                authenticate(tree, id);
                return;
            }
            Caller caller = caller();
            ChatRequest request = ChatRequest.of(tree);
            if (request.type().equals("auth")) {
                throw new RequestException(RequestException.Kind.INVALID, "this connection is authenticated already");
            }
            operations.serve(request, caller, this::send);
        } catch (RequestException e) {
            if (!authenticated || e.kind() == RequestException.Kind.UNAUTHENTICATED) {
                refuse(id, e); // not authenticated yet, or the token was revoked meanwhile
            } else {
                error(id, e);
            }
        } catch (HostException | IllegalArgumentException e) {
            error(id, new RequestException(RequestException.Kind.INVALID, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("WebSocket request failed", e);
            host.metrics().refused(API, "internal");
            send(ChatJson.error(id, "internal", "the host failed to serve the request: " + e));
        }
    }

    /** The first message of a browser's socket: {@code {"type":"auth","token":"..."}}. */
    private void authenticate(JsonNode tree, Optional<JsonNode> id) {
        JsonNode type = tree.get("type");
        if (type == null || !type.isString() || !type.stringValue().equals("auth")) {
            throw unauthenticated("authenticate first: send {\"type\":\"auth\",\"token\":\"...\"} "
                    + "(or connect with an authorization: Bearer header)");
        }
        JsonNode token = tree.get("token");
        if (token == null || !token.isString() || token.stringValue().isBlank()) {
            throw unauthenticated("field 'token' is missing");
        }
        authorization = Optional.of("Bearer " + token.stringValue().strip());
        Caller caller = auth.authenticate(authorization);
        sending.lock();
        try {
            if (!open) {
                return; // closed meanwhile, for want of this message in time
            }
            authenticated = true;
        } finally {
            sending.unlock();
        }
        send(ChatJson.message(
                "authenticated",
                id,
                ChatJson.fields(
                        "subject", caller.subject(), "role", caller.role().label())));
    }

    /** Authenticates the connection's credentials again: revoked tokens and rates apply to each message. */
    private Caller caller() {
        return auth.authenticate(authorization);
    }

    private void error(Optional<JsonNode> id, RequestException e) {
        host.metrics().refused(API, e.kind().code());
        send(ChatJson.error(id, e.kind().code(), e.getMessage()));
    }

    /**
     * An error, then the connection closes with 1008 (policy violation). Before the connection is authenticated,
     * every problem is reported as {@code unauthenticated} (but for a rate limit), with what went wrong.
     */
    private void refuse(Optional<JsonNode> id, RequestException e) {
        boolean asIs = authenticated
                || e.kind() == RequestException.Kind.UNAUTHENTICATED
                || e.kind() == RequestException.Kind.RATE_LIMITED;
        RequestException shown = asIs
                ? e
                : unauthenticated("send {\"type\":\"auth\",\"token\":\"...\"} first; this message was refused: "
                        + e.getMessage());
        error(id, shown);
        sending.lock();
        try {
            if (open) {
                open = false;
                socket.close(WsCloseCodes.VIOLATED_POLICY, shown.kind().code());
            }
        } catch (RuntimeException ignored) {
            // Closed by the peer meanwhile.
        } finally {
            sending.unlock();
        }
    }

    /** Sends one message, from any thread; nothing once the socket is closed. */
    private void send(Map<String, Object> message) {
        String text = HttpJson.JSON.writeValueAsString(message);
        sending.lock();
        try {
            if (open) {
                socket.send(text, true);
            }
        } catch (RuntimeException e) {
            open = false;
            LOG.debug("WebSocket closed while sending: {}", e.toString());
        } finally {
            sending.unlock();
        }
    }

    private void stopSending() {
        sending.lock();
        try {
            open = false;
        } finally {
            sending.unlock();
        }
    }

    private static RequestException unauthenticated(String message) {
        return new RequestException(RequestException.Kind.UNAUTHENTICATED, message);
    }

    private static RequestException missingHeader() {
        return unauthenticated("no authorization header: send 'authorization: Bearer TOKEN' with the upgrade "
                + "(a browser, which sends an Origin header, may send {\"type\":\"auth\",\"token\":\"...\"} first)");
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static long utf8Length(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
