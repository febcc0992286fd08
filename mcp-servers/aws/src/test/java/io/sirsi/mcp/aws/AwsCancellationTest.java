package io.sirsi.mcp.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.StdioConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A discovery over the AWS SDK, started from the command line against slow wire stubs, reports
 * progress per region and stops when the client cancels it: no answer comes, no further AWS call is
 * made, and the server keeps serving.
 */
class AwsCancellationTest {
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private WireMockServer aws;

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String body(String file) {
        try (InputStream in = AwsCancellationTest.class.getResourceAsStream("/small-aws/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        // Every region answers with an empty page after a pause, as a far region would.
        aws.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withFixedDelay(80)
                        .withBody("<DescribeResponse><requestId>x</requestId></DescribeResponse>")));
        for (String[] stub : new String[][] {
            {"GetCallerIdentity", "sts-get-caller-identity.xml"}, {"ListAccountAliases", "iam-list-account-aliases.xml"}
        }) {
            aws.stubFor(post(urlEqualTo("/"))
                    .withRequestBody(containing("Action=" + stub[0] + "&"))
                    .atPriority(1)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "text/xml")
                            .withBody(body(stub[1]))));
        }
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private StdioConnection server() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return StdioConnection.start(java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -Daws.accessKeyId=AKIDEXAMPLE -Daws.secretAccessKey=wJalrXUtnFEMIEXAMPLEKEY"
                + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName()
                + " --regions " + String.join(",", REGIONS) + " --endpoint-url " + aws.baseUrl());
    }

    @Test
    void aCancelledDiscoveryStopsCallingAwsAndTheServerKeepsServing() throws Exception {
        try (StdioConnection c = server()) {
            Exchange init = c.initialize("2025-11-25");
            assertFalse(init.isError(), () -> "initialize: " + init.errorMessage() + "\n" + c.stderr());
            String token = "cancel-me";
            var firstProgress = new CountDownLatch(1);
            c.onNotification(n -> {
                if (n.path("params").path("progressToken").asString("").equals(token)) {
                    firstProgress.countDown();
                }
            });
            long id = c.nextId();
            ObjectNode request = object().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
            ObjectNode params = request.putObject("params").put("name", "discover");
            params.putObject("arguments");
            params.putObject("_meta").put("progressToken", token);
            CompletableFuture<Exchange> answer = c.send(request);
            assertTrue(firstProgress.await(30, TimeUnit.SECONDS), () -> "no progress\n" + c.stderr());
            c.notify("notifications/cancelled", object().put("requestId", id).put("reason", "test"));
            int atCancel =
                    aws.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();

            assertThrows(
                    TimeoutException.class, () -> answer.get(3, TimeUnit.SECONDS), "a cancelled call is not answered");
            int after =
                    aws.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
            // At most the calls already in flight for the region being read finish; no new region starts.
            assertTrue(after - atCancel <= 8, "AWS calls after the cancellation: " + (after - atCancel));
            Exchange ping = c.request("ping", null, Duration.ofSeconds(5));
            assertFalse(ping.isError());

            // The same discovery, not cancelled, reads every region and says so.
            Exchange full = c.request(
                    "tools/call", object().put("name", "discover").set("arguments", object()), Duration.ofSeconds(60));
            assertFalse(
                    full.result().path("isError").asBoolean(false),
                    full.result().toString());
            assertEquals(
                    0,
                    full.result().path("structuredContent").path("resources").asInt() - 1,
                    "an empty estate holds only its account");
            int complete =
                    aws.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount() - after;
            assertTrue(complete > after - atCancel + 8, "a whole discovery makes " + complete + " calls");
        }
    }
}
