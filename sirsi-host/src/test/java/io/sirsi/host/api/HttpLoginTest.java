package io.sirsi.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.Host;
import io.sirsi.host.Role;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.reasoning.Reasoner;
import io.sirsi.host.reasoning.Turn;
import io.sirsi.host.reasoning.TurnOutcome;
import io.sirsi.host.session.FileSessionStore;
import io.sirsi.host.session.Session;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/login}: a user's Argon2id password for a JWT that the other APIs accept, over real HTTP. */
class HttpLoginTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A reasoner that answers every message with its text, for a host with no servers. */
    static final Reasoner ECHO = new Reasoner() {
        @Override
        public String describe() {
            return "echo";
        }

        @Override
        public TurnOutcome reason(Turn turn) {
            return TurnOutcome.answered(turn.message(), turn.session().context());
        }

        @Override
        public List<String> suggestions(Session session) {
            return List.of();
        }
    };

    @Test
    void aUserLogsInForAJwtThatOpensTheApisAndWrongPasswordsAreRefused() throws Exception {
        AuthConfig config = AuthConfig.builder(dir.resolve("home")).build();
        Authenticator auth = Authenticator.open(config);
        auth.users().add("olga", Role.OPERATOR, "correct horse battery".toCharArray());
        try (Host host = Host.builder(
                                ServerHub.connect(List.of()),
                                FileSessionStore.open(dir.resolve("sessions"), Duration.ofHours(1)),
                                ECHO)
                        .build();
                HostServer server = HostServer.start(host, auth, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = login(http, server, "{\"user\":\"olga\",\"password\":\"correct horse battery\"}");
            assertEquals(200, ok.statusCode(), ok.body());
            String jwt = JSON.readTree(ok.body()).path("token").asString();
            assertEquals(3, jwt.split("\\.").length, jwt);

            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(server.url().resolve("/metrics"))
                            .header("Authorization", "Bearer " + jwt)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());

            HttpResponse<String> wrong = login(http, server, "{\"user\":\"olga\",\"password\":\"wrong horse\"}");
            assertEquals(401, wrong.statusCode(), wrong.body());
            JsonNode error = JSON.readTree(wrong.body()).path("error");
            assertEquals("unauthenticated", error.path("code").asString());
            assertFalse(wrong.body().contains("wrong horse"), "the password was echoed: " + wrong.body());

            HttpResponse<String> malformed = login(http, server, "{\"user\":");
            assertEquals(400, malformed.statusCode(), malformed.body());
            assertTrue(malformed.body().contains("not JSON"), malformed.body());
            HttpResponse<String> missing = login(http, server, "{\"user\":\"olga\"}");
            assertEquals(400, missing.statusCode(), missing.body());
        }
    }

    private static HttpResponse<String> login(HttpClient http, HostServer server, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.url().resolve("/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
