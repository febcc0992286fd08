package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
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

    /** A host process and where it listens. */
    record Running(Process process, URI url, String token) {}

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
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Sirsi host: ")) {
                URI url = URI.create(line.substring("Sirsi host: ".length()).split("\\s+")[0]);
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
                JsonNode runtime = HostRuntime.JSON.readTree(Files.readString(root.resolve("home/host.json")));
                return new Running(p, url, runtime.path("token").asString());
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
