package io.sirsi.host.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.HostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sampling requests of servers, answered by the configured model through an OpenAI stub. */
class ModelSamplerTest {
    ModelStub stub;
    Sampler sampler;

    @BeforeEach
    void start() {
        stub = ModelStub.start();
        LlmConfig config = stub.config().build();
        sampler = ModelSampler.create(ChatModels.create(config), config.model());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    static McpSchema.SamplingMessage message(McpSchema.Role role, String text) {
        return new McpSchema.SamplingMessage(
                role, McpSchema.TextContent.builder(text).build());
    }

    @Test
    void answersACreateMessageRequestWithTheModel() {
        stub.answers(ModelStub.text("Rehost: the VM runs unchanged on EC2."));
        McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
                .messages(List.of(
                        message(McpSchema.Role.USER, "Classify vm-billing-01 by the 7 Rs."),
                        message(McpSchema.Role.ASSISTANT, "Which target cloud?"),
                        message(McpSchema.Role.USER, "AWS.")))
                .systemPrompt("You classify workloads for a migration.")
                .maxTokens(200)
                .temperature(0.0)
                .build();

        McpSchema.CreateMessageResult result = sampler.sample(request);

        assertEquals(McpSchema.Role.ASSISTANT, result.role());
        assertEquals("Rehost: the VM runs unchanged on EC2.", ((McpSchema.TextContent) result.content()).text());
        assertEquals("gpt-4o-mini-2024-07-18", result.model());
        assertEquals(McpSchema.CreateMessageResult.StopReason.END_TURN, result.stopReason());
        JsonNode sent = stub.requests().getFirst();
        JsonNode messages = sent.get("messages");
        assertEquals(4, messages.size());
        assertEquals("system", messages.get(0).get("role").asString());
        assertEquals(
                "You classify workloads for a migration.",
                messages.get(0).get("content").asString());
        assertEquals("assistant", messages.get(2).get("role").asString());
        assertEquals("AWS.", messages.get(3).get("content").asString());
        JsonNode limit = sent.has("max_tokens") ? sent.get("max_tokens") : sent.get("max_completion_tokens");
        assertEquals(200, limit.asInt(), sent.toString());
        assertTrue(sent.path("tools").isMissingNode(), "sampling offers no tools");
    }

    @Test
    void failsWithAHostExceptionWhenTheModelCannotAnswer() {
        stub.fails(500, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
                .messages(List.of(message(McpSchema.Role.USER, "hello")))
                .maxTokens(10)
                .build();

        HostException e = assertThrows(HostException.class, () -> sampler.sample(request));

        assertTrue(e.getMessage().startsWith("the model gpt-4o-mini could not answer"), e.getMessage());
    }
}
