package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.Host;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.session.FileSessionStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat web page over real HTTP: {@code /}, {@code /app.js} and {@code /app.css} without a token, with their
 * types and the headers that keep the page to its own origin; the other paths as they were.
 */
class WebPageTest {
    @TempDir
    static Path dir;

    static Host host;
    static HostServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        host = Host.builder(
                        ServerHub.connect(List.of()),
                        FileSessionStore.open(dir.resolve("sessions"), Duration.ofHours(1)),
                        HttpLoginTest.ECHO)
                .build();
        server = HostServer.start(host, new FixedTokens(), "127.0.0.1", 0);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
        if (http != null) {
            http.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse("");
    }

    /** The headers every part of the page carries. */
    static void assertLockedDown(HttpResponse<String> res) {
        String policy = header(res, "content-security-policy");
        String origin = "127.0.0.1:" + server.port();
        for (String directive : List.of(
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "connect-src 'self' ws://" + origin + " wss://" + origin,
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'")) {
            assertTrue(
                    List.of(policy.split(";\\s*")).contains(directive),
                    "the policy lacks " + directive + ": " + policy);
        }
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("nosniff", header(res, "x-content-type-options"));
        assertEquals("no-referrer", header(res, "referrer-policy"));
        assertEquals("no-store", header(res, "cache-control"));
        assertEquals("DENY", header(res, "x-frame-options"));
    }

    @Test
    void servesThePageWithoutATokenAndWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("text/html; charset=utf-8", header(page, "content-type"));
        assertLockedDown(page);
        assertTrue(page.body().startsWith("<!doctype html>"), page.body());
        assertTrue(page.body().contains("<script src=\"/app.js\" defer></script>"), page.body());
        assertTrue(page.body().contains("<link rel=\"stylesheet\" href=\"/app.css\">"), page.body());
        // The policy allows no inline script or style: the page has none, nor event handler attributes.
        assertEquals(1, count(page.body(), "<script"), page.body());
        assertFalse(
                Pattern.compile("<style|\\sstyle=|\\son[a-z]+=")
                        .matcher(page.body())
                        .find(),
                page.body());

        HttpResponse<String> index = get("/index.html");
        assertEquals(200, index.statusCode());
        assertEquals(page.body(), index.body());
        assertLockedDown(index);
    }

    @Test
    void servesTheScriptAndStyleSheetWithTheirTypes() throws Exception {
        HttpResponse<String> script = get("/app.js");
        assertEquals(200, script.statusCode(), script.body());
        assertEquals("text/javascript; charset=utf-8", header(script, "content-type"));
        assertLockedDown(script);
        assertTrue(script.body().contains("new WebSocket("), "the script opens no socket");
        // What the host sends is put in the page as text, never parsed as markup.
        assertFalse(
                Pattern.compile(
                                "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|localStorage\\.setItem\\(TOKEN")
                        .matcher(script.body())
                        .find(),
                "the script parses markup, evaluates text, or keeps the token beyond the tab");

        HttpResponse<String> style = get("/app.css");
        assertEquals(200, style.statusCode(), style.body());
        assertEquals("text/css; charset=utf-8", header(style, "content-type"));
        assertLockedDown(style);
        assertTrue(style.body().contains("white-space: pre-wrap"), "answers keep their line breaks");
    }

    @Test
    void leavesTheOtherPathsAsTheyWere() throws Exception {
        for (String path :
                List.of("/nope", "/app.js/x", "/index.htm", "/web/app.js", "/io/sirsi/host/api/web/app.js")) {
            HttpResponse<String> missing = get(path);
            assertEquals(404, missing.statusCode(), path + ": " + missing.body());
            assertFalse(missing.body().contains("WebSocket"), path + ": " + missing.body());
        }
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(header(health, "content-type").startsWith("application/json"));
        assertEquals(401, get("/metrics").statusCode());
        assertEquals(401, get(ChatSocket.PATH).statusCode());
    }

    @Test
    void namesTheWebSocketOriginInThePolicyOnlyForAPlainHostHeader() {
        assertEquals(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                        + "connect-src 'self' ws://localhost:8470 wss://localhost:8470; base-uri 'none'; "
                        + "form-action 'none'; frame-ancestors 'none'",
                WebPage.policy("localhost:8470"));
        assertTrue(WebPage.policy("[::1]:8470").contains("connect-src 'self' ws://[::1]:8470 wss://[::1]:8470;"));
        assertTrue(WebPage.policy("sirsi.example.org").contains(" ws://sirsi.example.org wss://sirsi.example.org;"));
        for (String hostile : List.of("evil; script-src *", "a b", "x:1/ws", "", "-a.example", "a:123456")) {
            String policy = WebPage.policy(hostile);
            assertTrue(policy.contains("connect-src 'self'; "), hostile + " -> " + policy);
            assertEquals(8, policy.split(";").length, hostile + " -> " + policy);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
