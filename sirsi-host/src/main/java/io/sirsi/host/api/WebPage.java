package io.sirsi.host.api;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sirsi.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The chat web page: {@code GET /} (and {@code /index.html}), its script {@code /app.js} and style sheet
 * {@code /app.css}, read once from the classpath ({@code io/sirsi/host/api/web/}). They are served without a token:
 * they hold no data, and the page signs in over {@code /ws} with the token the user gives it.
 *
 * <p>Every answer forbids what the page does not need: scripts and styles from this origin only (no inline ones),
 * connections to this origin and its WebSocket, no frames, plugins, forms or base URL elsewhere, no MIME sniffing,
 * no referrer, and no caching (a host upgrade brings its own page).
 */
final class WebPage {
    private static final String FOLDER = "web/";
    private static final HeaderName POLICY = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName OPENER_POLICY = HeaderNames.create("Cross-Origin-Opener-Policy");
    private static final HeaderName RESOURCE_POLICY = HeaderNames.create("Cross-Origin-Resource-Policy");

    /**
     * A {@code Host} header that may go into the policy as it is: a name or address and a port. Anything else gets
     * the policy without the WebSocket origin, rather than text of the client's choosing in a header.
     */
    private static final Pattern AUTHORITY = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])(?::\\d{1,5})?");

    private final byte[] html;
    private final byte[] script;
    private final byte[] style;

    private WebPage(byte[] html, byte[] script, byte[] style) {
        this.html = html;
        this.script = script;
        this.style = style;
    }

    /** The page, as built into the host. */
    static WebPage bundled() {
        return new WebPage(read("index.html"), read("app.js"), read("app.css"));
    }

    /** Serves the page and its resources on {@code routing}. */
    void route(HttpRouting.Builder routing) {
        Objects.requireNonNull(routing, "routing");
        routing.get("/", (req, res) -> send(req, res, "text/html; charset=utf-8", html))
                .get("/index.html", (req, res) -> send(req, res, "text/html; charset=utf-8", html))
                .get("/app.js", (req, res) -> send(req, res, "text/javascript; charset=utf-8", script))
                .get("/app.css", (req, res) -> send(req, res, "text/css; charset=utf-8", style));
    }

    private static void send(ServerRequest req, ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType)
                .header(POLICY, policy(req.authority()))
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(REFERRER_POLICY, "no-referrer")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(FRAME_OPTIONS, "DENY")
                .header(OPENER_POLICY, "same-origin")
                .header(RESOURCE_POLICY, "same-origin")
                .send(body);
    }

    /**
     * The content security policy. CSP 3 lets {@code 'self'} match the page's own WebSocket origin, but not every
     * browser in use does, so {@code connect-src} names it too (the scheme follows the page's: {@code ws:} behind
     * {@code http:}, {@code wss:} behind a TLS proxy), for the authority the browser asked for.
     */
    static String policy(String authority) {
        String connect = "'self'";
        if (authority != null && AUTHORITY.matcher(authority).matches()) {
            connect += " ws://" + authority + " wss://" + authority;
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src " + connect
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new HostException("the web page's " + name + " is missing from the host's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new HostException("cannot read the web page's " + name + ": " + e.getMessage(), e);
        }
    }
}
