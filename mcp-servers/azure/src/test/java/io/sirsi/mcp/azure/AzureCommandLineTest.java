package io.sirsi.mcp.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.StdioConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's command line: clear refusals at start, and a credential problem reported as a tool error.
 * The server runs with the service principal variables removed and the default credential chain narrowed
 * to its environment credential ({@code AZURE_TOKEN_CREDENTIALS}), so that no developer login or managed
 * identity endpoint on the machine takes part.
 */
class AzureCommandLineTest {
    private static StdioConnection server(List<String> environment, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(
                "env",
                "-u",
                "AZURE_CLIENT_ID",
                "-u",
                "AZURE_CLIENT_SECRET",
                "-u",
                "AZURE_TENANT_ID",
                "-u",
                "AZURE_FEDERATED_TOKEN_FILE",
                "AZURE_TOKEN_CREDENTIALS=EnvironmentCredential"));
        argv.addAll(environment);
        argv.addAll(List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        argv.addAll(List.of(args));
        return StdioConnection.start(argv);
    }

    private static void refuses(List<String> environment, String message, String... args) {
        try (StdioConnection c = server(environment, args)) {
            assertEquals(2, c.awaitExit(Duration.ofSeconds(20)).orElse(-1), c.stderr());
            assertTrue(c.stderr().contains(message), c.stderr());
            assertFalse(c.stderr().contains("\tat "), "no stack trace: " + c.stderr());
        }
    }

    @Test
    void badOptionsAreRefusedAtStartWithWhatToDo() {
        refuses(
                List.of(),
                "The estate 'kulturio' is on aws, not azure; the Azure demo estates are tvfone",
                "--estate",
                "kulturio");
        refuses(List.of(), "--endpoint-url must be an https:// URL", "--endpoint-url", "http://127.0.0.1:9");
        refuses(List.of(), "Unknown option --subscriptoin", "--subscriptoin", "x");
        refuses(
                List.of("AZURE_CLIENT_SECRET=not-a-secret"),
                "AZURE_CLIENT_SECRET is set but AZURE_CLIENT_ID is not: a service principal needs AZURE_CLIENT_ID, "
                        + "AZURE_CLIENT_SECRET and AZURE_TENANT_ID");
    }

    @Test
    void missingCredentialsAreAToolErrorThatSaysWhatToDo() {
        try (StdioConnection c = server(List.of(), "--endpoint-url", "https://127.0.0.1:9")) {
            assertFalse(c.initialize("2025-11-25").isError(), c.stderr());
            var params = JsonMapper.builder().build().createObjectNode().put("name", "list_subscriptions");
            params.putObject("arguments");
            Exchange answer = c.request("tools/call", params, Duration.ofSeconds(30));
            assertTrue(
                    answer.result().path("isError").asBoolean(),
                    answer.response().toString());
            String text = answer.result().path("content").path(0).path("text").asString("");
            assertTrue(text.startsWith("No usable Azure credentials: "), text);
            assertTrue(text.contains("az login"), text);
            assertFalse(text.contains("\tat "), text);
            assertFalse(c.request("ping", null).isError(), "the server keeps serving");
        }
    }
}
