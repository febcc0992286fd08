package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The host as {@code ./sirsi up} runs it, in its own process: a turn over WebSocket is acknowledged, the host is
 * killed with SIGKILL, and the host started again over the same folders still has the session and its history.
 */
class HostProcessTest {
    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            kill(p);
        }
    }

    /**
     * Kills a host with SIGKILL, and its servers too (orphaned, they would still be writing into the test's
     * folder while it is deleted), and waits for all of them to be gone.
     */
    static int kill(Process host) throws Exception {
        List<ProcessHandle> servers = host.descendants().toList();
        host.destroyForcibly();
        int code = host.waitFor();
        for (ProcessHandle s : servers) {
            s.destroyForcibly();
            s.onExit().get(30, TimeUnit.SECONDS);
        }
        return code;
    }

    /** A host process, where it listens, and what it printed when it was up. */
    record Running(Process process, URI url, String token, List<String> printed) {}

    Running up() throws Exception {
        HostFixture.prepare(root);
        ProcessBuilder pb = new ProcessBuilder(
                HostFixture.JAVA,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.sirsi.host.HostMain",
                "--root",
                root.toString(),
                "--port",
                "0");
        pb.environment().put("SIRSI_HOME", root.resolve("home").toString());
        pb.redirectError(root.resolve("host-" + started.size() + ".err").toFile());
        Process p = pb.start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        URI url = null;
        List<String> printed = new ArrayList<>();
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Sirsi host: ")) {
                url = URI.create(line.substring("Sirsi host: ".length()).split("\\s+")[0]);
            }
            if (url != null) {
                printed.add(line);
            }
            if (line.startsWith("  try: ")) { // the last line it prints
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
                JsonNode runtime = HostRuntime.JSON.readTree(Files.readString(root.resolve("home/host.json")));
                return new Running(p, url, runtime.path("token").asString(), printed);
            }
        }
        throw new AssertionError("the host exited with " + p.waitFor() + ":\n"
                + Files.readString(root.resolve("host-" + (started.size() - 1) + ".err")));
    }

    /** A WebSocket client of the chat protocol. */
    static final class Chat implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Chat(Running host) {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", "Bearer " + host.token())
                    .buildAsync(URI.create("ws://" + host.url().getAuthority() + "/ws"), this)
                    .join();
        }

        JsonNode send(String json, String until) throws InterruptedException {
            socket.sendText(json, true).join();
            while (true) {
                JsonNode m = received.poll(60, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no " + until + " within 60 s");
                }
                if (m.path("type").asString().equals(until)) {
                    return m;
                }
                if (m.path("type").asString().equals("error")) {
                    throw new AssertionError(m.toString());
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(HostRuntime.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    @Test
    void anAcknowledgedTurnSurvivesKillingTheHost() throws Exception {
        Running first = up();
        // Starting says what it does and nothing else: no library's start-up chatter (Helidon's, the tokenizer's).
        List<String> said = Files.readAllLines(root.resolve("host-0.err")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        assertTrue(said.stream().allMatch(l -> l.startsWith("sirsi up: ")), String.join("\n", said));
        // The first start makes the admin token and prints it once, with the chat page's one-click address.
        assertTrue(
                first.printed().contains("  open " + first.url() + "/ to chat in a browser"),
                first.printed().toString());
        String adminLine = first.printed().stream()
                .filter(l -> l.startsWith("  admin token (shown once; keep it): "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no admin token printed: " + first.printed()));
        String admin = adminLine.substring("  admin token (shown once; keep it): ".length())
                .split(" ")[0];
        assertTrue(admin.length() >= 32, adminLine);
        assertTrue(adminLine.endsWith("  one click: " + first.url() + "/#token=" + admin), adminLine);
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(first.url().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/app.js\""), page.body());
        String session;
        String answer;
        try (Chat chat = new Chat(first)) {
            session = chat.send("{\"type\":\"create_session\"}", "session")
                    .path("session")
                    .path("id")
                    .asString();
            JsonNode last = chat.send(
                    "{\"type\":\"message\",\"session\":\"" + session
                            + "\",\"text\":\"what is exposed to the internet in the Kulturio estate?\"}",
                    "final");
            answer = last.path("answer").asString();
            assertTrue(answer.contains("kulturio-bastion-1"), answer);
        }
        assertEquals(137, kill(first.process()));

        Running second = up();
        assertTrue(second.printed().contains("  open " + second.url() + "/ to chat in a browser"));
        assertTrue(
                second.printed().stream().noneMatch(l -> l.contains("#token=")),
                second.printed().toString());
        try (Chat chat = new Chat(second)) {
            JsonNode s = chat.send("{\"type\":\"get_session\",\"session\":\"" + session + "\"}", "session")
                    .path("session");
            assertEquals(2, s.path("history").size(), s.toString());
            assertEquals("user", s.path("history").get(0).path("role").asString());
            assertEquals(answer, s.path("history").get(1).path("text").asString());
            assertEquals("kulturio", s.path("context").path("estate").asString());
        }
    }
}
