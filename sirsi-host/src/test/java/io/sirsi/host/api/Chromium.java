package io.sirsi.host.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's HTTP and WebSocket clients: one page,
 * its events recorded, JavaScript evaluated in it, and real mouse and keyboard input. Closing it closes the browser
 * and kills whatever of it is left.
 */
final class Chromium implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Process process;
    private final List<ProcessHandle> tree;
    private final HttpClient http;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<JsonNode>>> waiters = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Chromium(Process process, HttpClient http, WebSocket socket, Listener listener) {
        this.process = process;
        this.tree = new ArrayList<>(process.descendants().toList());
        this.http = http;
        this.socket = socket;
        listener.owner = this;
    }

    /**
     * The browser to run: {@code SIRSI_CHROMIUM} when it is set, else {@code chromium}, {@code chromium-browser} or
     * {@code google-chrome} on the {@code PATH}.
     */
    static Optional<Path> find() {
        String configured = System.getenv("SIRSI_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@link #find()} found nothing. */
    static String notFound() {
        String configured = System.getenv("SIRSI_CHROMIUM");
        return configured != null && !configured.isBlank()
                ? "no Chromium: SIRSI_CHROMIUM names " + configured + ", which is not an executable file"
                : "no Chromium: none of " + String.join(", ", NAMES) + " is on the PATH, and SIRSI_CHROMIUM is not"
                        + " set (apt-get install chromium; .ci/run does)";
    }

    /** Starts {@code binary} headless with a profile of its own in {@code profile}, and connects to its page. */
    static Chromium launch(Path binary, Path profile) throws Exception {
        Files.createDirectories(profile);
        Path active = profile.resolve("DevToolsActivePort");
        Path log = profile.resolve("chromium.log");
        WatchService watcher = profile.getFileSystem().newWatchService();
        profile.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http = null;
        try (watcher) {
            // Chromium writes the port it chose to DevToolsActivePort: wait for the file, not on a clock.
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            List<String> lines = List.of();
            while ((lines = lines(active)).size() < 2) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("Chromium "
                            + (process.isAlive()
                                    ? "wrote no " + active + " within " + CALL_TIMEOUT
                                    : "exited with " + process.exitValue())
                            + "; it said:\n" + tail(log));
                }
                WatchKey key = watcher.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            int port = Integer.parseInt(lines.getFirst().strip());
            http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String page = null;
            for (JsonNode t : targets) {
                if (t.path("type").asString().equals("page")) {
                    page = t.path("webSocketDebuggerUrl").asString();
                    break;
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium has no page target: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(page), listener)
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Chromium(process, http, socket, listener);
        } catch (Exception | AssertionError e) {
            kill(process, process.descendants().toList());
            if (http != null) {
                http.close();
            }
            throw e;
        }
    }

    /** The lines of {@code file}, none while it does not exist. */
    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
    }

    /** The last lines of Chromium's output, for a failure message. */
    private static String tail(Path log) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Calls a DevTools method and returns its result; a protocol error fails the test. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        return call(method, params, CALL_TIMEOUT);
    }

    private JsonNode call(String method, Map<String, ?> params, Duration timeout) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode m;
        try {
            m = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + timeout, e);
        } finally {
            calls.remove(id);
        }
        if (m.has("error")) {
            throw new AssertionError(method + " failed: " + m.path("error"));
        }
        return m.path("result");
    }

    JsonNode call(String method) throws Exception {
        return call(method, Map.of());
    }

    /** The next event {@code method}; ask before causing it. */
    CompletableFuture<JsonNode> next(String method) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiters.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    /** Every event {@code method} received so far. */
    List<JsonNode> events(String method) {
        return events.stream()
                .filter(e -> e.path("method").asString().equals(method))
                .toList();
    }

    /** Loads {@code url} and waits for its load event (none comes when only the fragment changes). */
    void navigate(String url) throws Exception {
        CompletableFuture<JsonNode> loaded = next("Page.loadEventFired");
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.has("errorText")) {
            throw new AssertionError("navigating to " + url + " failed: " + result.path("errorText"));
        }
        if (result.has("loaderId")) {
            loaded.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } else {
            waiters.get("Page.loadEventFired").remove(loaded);
        }
    }

    /** Reloads the page and waits for its load event. */
    void reload() throws Exception {
        CompletableFuture<JsonNode> loaded = next("Page.loadEventFired");
        call("Page.reload");
        loaded.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates {@code expression} in the page, awaiting a promise; its value as JSON. A thrown error fails. */
    JsonNode evaluate(String expression) throws Exception {
        return evaluate(expression, CALL_TIMEOUT);
    }

    private JsonNode evaluate(String expression, Duration timeout) throws Exception {
        JsonNode result = call(
                "Runtime.evaluate",
                Map.of("expression", expression, "awaitPromise", true, "returnByValue", true, "userGesture", true),
                timeout);
        if (result.has("exceptionDetails")) {
            JsonNode details = result.path("exceptionDetails");
            String why = details.at("/exception/description")
                    .asString(details.path("text").asString());
            throw new AssertionError(why + "\nthe page says:\n" + text());
        }
        return result.at("/result/value");
    }

    /**
     * Waits until {@code predicate}, a JavaScript expression, is truthy, checking it each time the document changes
     * (a {@code MutationObserver}, no polling); returns its value. Fails after {@code timeout} with what the page shows.
     */
    JsonNode waitFor(String what, String predicate, Duration timeout) throws Exception {
        String script = """
                new Promise((resolve, reject) => {
                  const test = () => { try { return (%s); } catch (e) { return false; } };
                  let observer = null;
                  const timer = setTimeout(() => {
                    if (observer) observer.disconnect();
                    reject(new Error("timed out after %d ms waiting for: " + %s));
                  }, %d);
                  const done = (v) => { if (observer) observer.disconnect(); clearTimeout(timer); resolve(v); };
                  const first = test();
                  if (first) { done(first); return; }
                  observer = new MutationObserver(() => { const v = test(); if (v) done(v); });
                  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
                })
                """.formatted(predicate, timeout.toMillis(), JSON.writeValueAsString(what), timeout.toMillis());
        // The page's own timer ends the wait; the protocol call waits a little longer for its answer.
        return evaluate(script, timeout.plus(CALL_TIMEOUT));
    }

    /** The page's visible text, for failure messages. */
    String text() {
        try {
            JsonNode r = call(
                    "Runtime.evaluate",
                    Map.of("expression", "document.body ? document.body.innerText : ''", "returnByValue", true));
            return r.at("/result/value").asString();
        } catch (Exception | AssertionError e) {
            return "(cannot read the page: " + e + ")";
        }
    }

    /**
     * A real left click at the middle of the element {@code selector}, after scrolling it into view; fails when
     * something else is on top of it there.
     */
    void click(String selector) throws Exception {
        JsonNode box = evaluate("""
                ((selector) => {
                  const e = document.querySelector(selector);
                  if (!e) throw new Error("no element " + selector);
                  e.scrollIntoView({block: "center"});
                  const r = e.getBoundingClientRect();
                  const x = r.left + r.width / 2, y = r.top + r.height / 2;
                  const hit = document.elementFromPoint(x, y);
                  if (!e.contains(hit)) {
                    throw new Error(selector + " is covered by " + (hit ? hit.outerHTML.slice(0, 200) : "nothing"));
                  }
                  return {x, y};
                })(%s)
                """.formatted(JSON.writeValueAsString(selector)));
        double x = box.path("x").asDouble();
        double y = box.path("y").asDouble();
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** Types {@code text} into the focused element, as an input method would. */
    void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    /** Presses and releases Enter. */
    void pressEnter() throws Exception {
        call(
                "Input.dispatchKeyEvent",
                Map.of(
                        "type", "keyDown",
                        "key", "Enter",
                        "code", "Enter",
                        "windowsVirtualKeyCode", 13,
                        "text", "\r"));
        call(
                "Input.dispatchKeyEvent",
                Map.of("type", "keyUp", "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13));
    }

    private void received(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> reply = calls.get(m.path("id").asInt());
            if (reply != null) {
                reply.complete(m);
            }
            return;
        }
        events.add(m);
        List<CompletableFuture<JsonNode>> waiting =
                waiters.remove(m.path("method").asString());
        if (waiting != null) {
            waiting.forEach(f -> f.complete(m));
        }
    }

    @Override
    public void close() {
        // Chromium's helpers (zygote, renderers, GPU) are its children until it exits: take them now.
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.addAll(process.descendants().toList());
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(2, TimeUnit.SECONDS);
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Killed below.
        } finally {
            socket.abort();
            kill(process, all);
            http.close();
        }
    }

    /** Kills the browser and its helper processes, the helpers first so that none is left behind. */
    private static void kill(Process process, List<ProcessHandle> helpers) {
        helpers.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects the browser's messages, which may come in several frames. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        volatile Chromium owner;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode m = JSON.readTree(text.toString());
                text.setLength(0);
                Chromium c = owner;
                if (c != null) {
                    c.received(m);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
