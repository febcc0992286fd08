package io.sirsi.mcp.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.StdioConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The server's command line: clear refusals at start, and a credential problem reported as a tool error. */
class AwsCommandLineTest {
    private static StdioConnection server(String args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return StdioConnection.start(java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "
                + System.getProperty("java.class.path") + " " + Main.class.getName() + " " + args);
    }

    private static void refuses(String args, String message) {
        try (StdioConnection c = server(args)) {
            assertEquals(2, c.awaitExit(Duration.ofSeconds(20)).orElse(-1), c.stderr());
            assertTrue(c.stderr().contains(message), c.stderr());
            assertFalse(c.stderr().contains("\tat "), "no stack trace: " + c.stderr());
        }
    }

    @Test
    void anUnknownEstateIsRefusedWithTheEstatesThereAre() {
        refuses("--estate atlantis", "Unknown estate 'atlantis'; the AWS demo estates are kulturio, or generated:SIZE");
        refuses("--estate tvfone", "The estate 'tvfone' is on azure, not aws; the AWS demo estates are kulturio");
        refuses("--estate generated:lots", "A generated estate is generated:SIZE, such as generated:10000");
        refuses("--estate generated:5000000", "A generated estate holds at most 1000000 resources");
        refuses("--regoins us-east-1", "Unknown option --regoins");
    }

    @Test
    void missingCredentialsAreAToolErrorThatSaysWhatToDo() {
        try (StdioConnection c =
                server("--profile sirsi-no-such-profile --regions us-east-1" + " --endpoint-url http://127.0.0.1:9")) {
            assertFalse(c.initialize("2025-11-25").isError(), c.stderr());
            var params = JsonMapper.builder().build().createObjectNode().put("name", "discover");
            params.putObject("arguments");
            Exchange answer = c.request("tools/call", params, Duration.ofSeconds(30));
            assertTrue(
                    answer.result().path("isError").asBoolean(),
                    answer.response().toString());
            String text = answer.result().path("content").path(0).path("text").asString("");
            assertTrue(text.startsWith("No usable AWS credentials"), text);
            assertFalse(text.contains("\tat "), text);
            assertFalse(c.request("ping", null).isError(), "the server keeps serving");
        }
    }
}
