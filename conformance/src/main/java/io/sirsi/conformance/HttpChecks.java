package io.sirsi.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Streamable HTTP: status codes, the session lifecycle, headers, DNS-rebinding defences, resumption. */
final class HttpChecks {
    private HttpChecks() {}

    static List<CheckResult> run(Context ctx, Target.Http target) {
        List<CheckResult> results = new ArrayList<>();
        String ping = Wire.request(1, "ping", null).toString();
        results.add(ctx.check("http.session-id", "sessions get distinct, visible-ASCII Mcp-Session-Id values", () -> {
            HttpConnection a = (HttpConnection) ctx.fresh();
            HttpConnection b = (HttpConnection) ctx.fresh();
            a.initialize(Context.LATEST);
            b.initialize(Context.LATEST);
            Optional<String> first = a.sessionId();
            Optional<String> second = b.sessionId();
            if (first.isEmpty() && second.isEmpty()) {
                return Verdict.skip("the server is stateless: initialize returns no Mcp-Session-Id");
            }
            if (first.isEmpty() || second.isEmpty()) {
                return Verdict.fail("only one of two initializations returned an Mcp-Session-Id header");
            }
            for (char ch : first.get().toCharArray()) {
                if (ch < 0x21 || ch > 0x7E) {
                    return Verdict.fail("the session id has a character outside 0x21-0x7E");
                }
            }
            if (first.get().length() < 16) {
                return Verdict.fail(
                        "the session id is " + first.get().length() + " characters: too short to be unguessable");
            }
            return Verdict.require(!first.equals(second), "two sessions got the same id");
        }));
        results.add(ctx.check("http.missing-session", "a request without Mcp-Session-Id gets 400", () -> {
            HttpConnection c = session(ctx);
            if (c.sessionId().isEmpty()) {
                return Verdict.skip("the server is stateless: it issues no Mcp-Session-Id");
            }
            Map<String, String> headers = c.headers(true);
            headers.remove("Mcp-Session-Id");
            int status = c.raw("POST", headers, ping).status();
            return Verdict.require(status == 400, "got HTTP " + status);
        }));
        results.add(ctx.check("http.unknown-session", "an unknown Mcp-Session-Id gets 404", () -> {
            HttpConnection c = session(ctx);
            if (c.sessionId().isEmpty()) {
                return Verdict.skip("the server is stateless: it issues no Mcp-Session-Id");
            }
            Map<String, String> headers = c.headers(true);
            headers.put("Mcp-Session-Id", "sirsi-conformance-unknown-session-0000");
            int status = c.raw("POST", headers, ping).status();
            return Verdict.require(status == 404, "got HTTP " + status);
        }));
        results.add(ctx.check("http.notification-202", "a notification gets 202 Accepted", () -> {
            HttpConnection c = session(ctx);
            int status = c.raw(
                            "POST",
                            c.headers(true),
                            Wire.notification("notifications/initialized", null).toString())
                    .status();
            return Verdict.require(status == 202, "got HTTP " + status);
        }));
        results.add(ctx.check(
                "http.protocol-version.missing",
                "a request without MCP-Protocol-Version gets 400, or is served as 2025-03-26",
                () -> {
                    HttpConnection c = session(ctx);
                    if (c.protocolVersion().filter("2025-03-26"::equals).isPresent()) {
                        return Verdict.skip("the session negotiated 2025-03-26, which predates the header");
                    }
                    Map<String, String> headers = c.headers(true);
                    headers.remove("MCP-Protocol-Version");
                    int status = c.raw("POST", headers, ping).status();
                    if (status >= 200 && status < 300) {
                        // The spec lets a server assume 2025-03-26 when the header is missing.
                        return Verdict.pass("served without the header (the spec allows assuming 2025-03-26)");
                    }
                    return Verdict.require(status == 400, "got HTTP " + status);
                }));
        results.add(
                ctx.check("http.protocol-version.unsupported", "an unsupported MCP-Protocol-Version gets 400", () -> {
                    HttpConnection c = session(ctx);
                    Map<String, String> headers = c.headers(true);
                    headers.put("MCP-Protocol-Version", "1999-01-01");
                    int status = c.raw("POST", headers, ping).status();
                    return Verdict.require(status == 400, "got HTTP " + status);
                }));
        results.add(ctx.check("http.malformed", "malformed JSON gets 400 (ideally with a -32700 error)", () -> {
            HttpConnection c = session(ctx);
            HttpConnection.RawResponse response = c.raw("POST", c.headers(true), "{\"jsonrpc\": \"2.0\", \"id\": 1, ");
            if (response.status() != 400) {
                return Verdict.fail("got HTTP " + response.status());
            }
            JsonNode body;
            try {
                body = Wire.JSON.readTree(response.body().isBlank() ? "{}" : response.body());
            } catch (RuntimeException e) {
                return Verdict.pass("400, with a body that is not JSON");
            }
            return body.path("error").path("code").asInt() == -32700
                    ? Verdict.pass()
                    : Verdict.pass("400, but the body is not a -32700 error: " + Wire.brief(body));
        }));
        results.add(ctx.check("http.get-stream", "GET opens an SSE stream, or answers 405", () -> {
            HttpConnection c = session(ctx);
            Map<String, String> headers = c.headers(true);
            headers.put("Accept", "text/event-stream");
            headers.remove("Content-Type");
            HttpResponse<InputStream> response = c.stream("GET", headers, null);
            try (InputStream body = response.body()) {
                if (response.statusCode() == 405) {
                    return Verdict.pass("405: no standalone stream");
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                return Verdict.require(
                        response.statusCode() == 200 && type.startsWith("text/event-stream"),
                        "got HTTP " + response.statusCode() + " " + type);
            }
        }));
        results.add(ctx.check("http.delete", "DELETE ends the session; later requests get 404", () -> {
            HttpConnection c = (HttpConnection) ctx.fresh();
            c.initialize(Context.LATEST);
            if (c.sessionId().isEmpty()) {
                return Verdict.skip("the server is stateless: it issues no Mcp-Session-Id");
            }
            Map<String, String> headers = c.headers(true);
            int deleted = c.raw("DELETE", headers, null).status();
            if (deleted == 405) {
                return Verdict.pass("405: the server does not let clients end sessions");
            }
            if (deleted != 200 && deleted != 204) {
                return Verdict.fail("DELETE got HTTP " + deleted);
            }
            int after = c.raw("POST", headers, ping).status();
            return Verdict.require(after == 404, "a request on the deleted session got HTTP " + after);
        }));
        results.add(ctx.check("http.origin", "a foreign Origin gets 403", () -> {
            HttpConnection c = (HttpConnection) ctx.fresh();
            Map<String, String> headers = c.headers(false);
            headers.put("Origin", "http://evil.example.com");
            String init = Wire.request(1, "initialize", Wire.initializeParams(Context.LATEST))
                    .toString();
            int status = c.raw("POST", headers, init).status();
            return Verdict.require(
                    status == 403, "got HTTP " + status + " (a browser page on another site could use this server)");
        }));
        results.add(ctx.check("http.host", "a foreign Host gets 400, 403 or 421 (DNS rebinding)", () -> {
            if (!"http".equalsIgnoreCase(target.url().getScheme())) {
                return Verdict.skip("the raw Host check speaks plain HTTP only");
            }
            if (!InetAddress.getByName(target.url().getHost()).isLoopbackAddress()) {
                return Verdict.skip("the server is not on a loopback address");
            }
            String init = Wire.request(1, "initialize", Wire.initializeParams(Context.LATEST))
                    .toString();
            int status = RawHttp.post(target.url(), "evil.example.com", null, target.headers(), init);
            return Verdict.require(
                    status == 400 || status == 403 || status == 421,
                    "got HTTP " + status + " (a page on a rebound DNS name could use this server)");
        }));
        results.add(ctx.check("http.sse-resume", "a dropped SSE stream resumes with Last-Event-ID", () -> resume(ctx)));
        return results;
    }

    private static HttpConnection session(Context ctx) {
        return (HttpConnection) ctx.main();
    }

    private static Verdict resume(Context ctx) throws IOException, InterruptedException {
        Optional<JsonNode> tool = ctx.progressTool();
        if (tool.isEmpty()) {
            return Verdict.skip("no read-only tool reports progress, so there is no stream to interrupt");
        }
        HttpConnection c = session(ctx);
        long id = c.nextId();
        ObjectNode params = Wire.object().put("name", tool.get().path("name").asString(""));
        params.set("arguments", ctx.progressArguments());
        params.set("_meta", Wire.object().put("progressToken", "sirsi-resume-" + id));
        Map<String, String> headers = c.headers(true);
        headers.put("Accept", "text/event-stream, application/json");
        HttpResponse<InputStream> post =
                c.stream("POST", headers, Wire.request(id, "tools/call", params).toString());
        String lastId = null;
        double seen = Double.NEGATIVE_INFINITY;
        try (var sse = new SseReader(post.body())) {
            if (!post.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                return Verdict.skip("the server answered the call with JSON: no stream to resume");
            }
            Optional<SseReader.Event> event;
            while ((event = sse.next()).isPresent()) {
                if (event.get().id() != null && !event.get().id().isEmpty()) {
                    lastId = event.get().id();
                }
                if (!event.get().priming()) {
                    JsonNode message = Wire.JSON.readTree(event.get().data());
                    if (message.has("id")) {
                        return Verdict.skip("the call ended before the stream could be interrupted");
                    }
                    seen = message.path("params").path("progress").asDouble();
                    break;
                }
            }
        }
        if (lastId == null) {
            return Verdict.fail("the SSE events carry no id, so a client cannot resume");
        }
        Map<String, String> getHeaders = c.headers(true);
        getHeaders.put("Accept", "text/event-stream");
        getHeaders.remove("Content-Type");
        getHeaders.put("Last-Event-ID", lastId);
        CompletableFuture<Verdict> outcome = new CompletableFuture<>();
        HttpResponse<InputStream> get = c.stream("GET", getHeaders, null);
        if (get.statusCode() != 200) {
            get.body().close();
            return Verdict.fail("GET with Last-Event-ID got HTTP " + get.statusCode());
        }
        double last = seen;
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var sse = new SseReader(get.body())) {
                Optional<SseReader.Event> event;
                double previous = last;
                while ((event = sse.next()).isPresent()) {
                    if (event.get().priming()) {
                        continue;
                    }
                    JsonNode message = Wire.JSON.readTree(event.get().data());
                    if (message.has("id") && message.path("id").asLong() == id) {
                        outcome.complete(Verdict.pass());
                        return;
                    }
                    double progress = message.path("params").path("progress").asDouble(Double.NaN);
                    if (!Double.isNaN(progress) && progress <= previous) {
                        outcome.complete(Verdict.fail("the resumed stream replayed progress " + progress
                                + ", which came before Last-Event-ID"));
                        return;
                    }
                    previous = Double.isNaN(progress) ? previous : progress;
                }
                outcome.complete(Verdict.fail("the resumed stream ended without the response"));
            } catch (IOException | RuntimeException e) {
                outcome.complete(Verdict.fail("reading the resumed stream failed: " + e.getMessage()));
            }
        });
        try {
            return outcome.get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return Verdict.fail("the resumed stream did not deliver the response within 20 s");
        } catch (java.util.concurrent.ExecutionException e) {
            return Verdict.fail(e.getCause().getMessage());
        } finally {
            reader.interrupt();
            get.body().close();
        }
    }
}
