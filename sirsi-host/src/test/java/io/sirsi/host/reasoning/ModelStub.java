package io.sirsi.host.reasoning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat model's endpoint on loopback (WireMock, port 0) that answers with real-shaped responses, one after
 * another, and keeps the requests it received. OpenAI Chat Completions by default; the bodies of other APIs
 * (Anthropic Messages, Ollama chat) come from their tests.
 */
final class ModelStub implements AutoCloseable {
    static final String PATH = "/v1/chat/completions";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server;
    private final String path;

    private ModelStub(String path) {
        this.path = path;
        this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    /** A stub at {@code /v1/chat/completions}. */
    static ModelStub start() {
        return new ModelStub(PATH);
    }

    /** A stub at another path (Azure's {@code /openai/v1/chat/completions}, Anthropic's {@code /v1/messages}). */
    static ModelStub start(String path) {
        return new ModelStub(path);
    }

    /** The server's root, {@code http://127.0.0.1:PORT}. */
    String root() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The base URL an OpenAI client takes: the root and {@code /v1}. */
    String baseUrl() {
        return root() + "/v1";
    }

    /** A config of this stub: no retries, a short timeout. */
    LlmConfig.Builder config() {
        return LlmConfig.builder(LlmConfig.Provider.OPENAI, "gpt-4o-mini")
                .baseUrl(baseUrl())
                .apiKey("sk-test-not-a-key")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20));
    }

    /** Answers with these bodies (HTTP 200) in turn; the last one again for any further request. */
    void answers(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            var stub = post(urlEqualTo(path))
                    .inScenario("answers")
                    .whenScenarioStateIs(state)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(bodies[i]));
            if (i + 1 < bodies.length) {
                stub = stub.willSetStateTo("answer " + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    /** Answers every request with this status and body. */
    void fails(int status, String body) {
        server.stubFor(post(urlEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** The bodies of the requests received, oldest first. */
    List<JsonNode> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }

    /** A header of the requests received, oldest first. */
    List<String> header(String name) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> r.getHeader(name))
                .toList();
    }

    /** Forgets the stubs and the requests received. */
    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A tool call of a response. */
    record Call(String id, String tool, String arguments) {}

    /** A completion whose message asks for these tool calls, with some text beside them or none. */
    static String toolCalls(String content, Call... calls) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        ArrayNode list = message.putArray("tool_calls");
        for (Call c : calls) {
            ObjectNode call = list.addObject().put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.tool()).put("arguments", c.arguments());
        }
        message.putNull("refusal");
        return completion(message, "tool_calls");
    }

    /** A completion whose message is this text. */
    static String text(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        message.putNull("refusal");
        return completion(message, "stop");
    }

    private static String completion(ObjectNode message, String finish) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG")
                .put("object", "chat.completion")
                .put("created", 1741570283)
                .put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        body.putObject("usage")
                .put("prompt_tokens", 1117)
                .put("completion_tokens", 46)
                .put("total_tokens", 1163);
        body.put("service_tier", "default").put("system_fingerprint", "fp_06737a9306");
        return JSON.writeValueAsString(body);
    }
}
