package io.sirsi.host.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.mcp.ToolCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Each provider's model, built by {@link ChatModels} from its config, runs a tool round through a stub of its own
 * wire API: Azure OpenAI's v1 endpoint, Anthropic Messages, Ollama chat.
 */
class ChatModelsTest {
    static final String FINDINGS = "{\"estate\":\"kulturio\",\"checksRun\":42,\"findings\":[]}";

    @TempDir
    Path dir;

    static ToolCatalog catalog() {
        return RecordingTurn.catalog(RecordingTurn.runChecks(), RecordingTurn.planMigration());
    }

    RecordingTurn turn() {
        return RecordingTurn.of(
                "how secure is kulturio?", catalog(), dir, (tool, args) -> RecordingTurn.structured(tool, FINDINGS));
    }

    @Test
    void reachesAzureOpenAiAtTheResourcesV1EndpointWithTheDeploymentAsModel() {
        try (ModelStub azure = ModelStub.start("/openai/v1/chat/completions")) {
            azure.answers(ModelStub.text("Kulturio passes 42 checks."));
            LlmConfig config = LlmConfig.fromEnvironment(Map.of(
                            "AZURE_OPENAI_ENDPOINT", azure.root() + "/",
                            "AZURE_OPENAI_API_KEY", "azure-key-1",
                            "AZURE_OPENAI_DEPLOYMENT", "sirsi-gpt-4o"))
                    .orElseThrow();

            TurnOutcome outcome = LlmReasoner.create(config).reason(turn());

            assertEquals("Kulturio passes 42 checks.", outcome.answer());
            assertEquals(
                    "sirsi-gpt-4o", azure.requests().getFirst().get("model").asString());
            assertEquals(List.of("azure-key-1"), azure.header("api-key"));
            assertEquals(List.of("Bearer azure-key-1"), azure.header("Authorization"));
            assertEquals("azure-openai:sirsi-gpt-4o", LlmReasoner.create(config).describe());
        }
    }

    @Test
    void runsAToolRoundThroughAnthropicMessages() {
        try (ModelStub anthropic = ModelStub.start("/v1/messages")) {
            anthropic.answers("""
                    {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",\
                    "model":"claude-sonnet-4-5-20250929","content":[\
                    {"type":"text","text":"I'll run the checks."},\
                    {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"security__run_checks",\
                    "input":{"estate":"kulturio"}}],\
                    "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":2095,"output_tokens":503}}""", """
                    {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant",\
                    "model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Kulturio passes 42 checks."}],\
                    "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2200,"output_tokens":12}}""");
            LlmConfig config = LlmConfig.builder(LlmConfig.Provider.ANTHROPIC, "claude-sonnet-4-5-20250929")
                    .baseUrl(anthropic.root() + "/v1/")
                    .apiKey("sk-ant-test")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(20))
                    .build();
            RecordingTurn turn = turn();

            TurnOutcome outcome = LlmReasoner.create(config).reason(turn);

            assertEquals("Kulturio passes 42 checks.", outcome.answer());
            assertEquals(
                    List.of(new RecordingTurn.Call("security__run_checks", Map.of("estate", "kulturio"))), turn.calls);
            assertEquals(List.of("sk-ant-test", "sk-ant-test"), anthropic.header("x-api-key"));
            JsonNode first = anthropic.requests().getFirst();
            assertTrue(
                    first.get("system").toString().contains("You are Sirsi"),
                    first.get("system").toString());
            JsonNode schema = first.get("tools").get(0).get("input_schema");
            assertEquals(
                    1000, schema.get("properties").get("limit").get("default").asInt());
            JsonNode messages = anthropic.requests().get(1).get("messages");
            JsonNode result = messages.get(messages.size() - 1).get("content").get(0);
            assertEquals("tool_result", result.get("type").asString());
            assertEquals(
                    "toolu_01A09q90qw90lq917835lq9", result.get("tool_use_id").asString());
        }
    }

    @Test
    void runsAToolRoundThroughOllamaChat() {
        try (ModelStub ollama = ModelStub.start("/api/chat")) {
            ollama.answers("""
                    {"model":"llama3.1","created_at":"2026-01-05T10:00:00.000000Z","message":{"role":"assistant",\
                    "content":"","tool_calls":[{"function":{"name":"security__run_checks",\
                    "arguments":{"estate":"kulturio"}}}]},"done_reason":"stop","done":true,"total_duration":912345678,\
                    "load_duration":12345,"prompt_eval_count":310,"prompt_eval_duration":1234,"eval_count":21,\
                    "eval_duration":5678}""", """
                    {"model":"llama3.1","created_at":"2026-01-05T10:00:01.000000Z","message":{"role":"assistant",\
                    "content":"Kulturio passes 42 checks."},"done_reason":"stop","done":true,"total_duration":1,\
                    "load_duration":1,"prompt_eval_count":400,"prompt_eval_duration":1,"eval_count":9,\
                    "eval_duration":1}""");
            LlmConfig config = LlmConfig.fromEnvironment(
                            Map.of("OLLAMA_BASE_URL", ollama.root(), "SIRSI_LLM_MAX_RETRIES", "0"))
                    .orElseThrow();
            RecordingTurn turn = turn();

            TurnOutcome outcome = LlmReasoner.create(config).reason(turn);

            assertEquals("Kulturio passes 42 checks.", outcome.answer());
            assertEquals(
                    List.of(new RecordingTurn.Call("security__run_checks", Map.of("estate", "kulturio"))), turn.calls);
            assertEquals("llama3.1", ollama.requests().getFirst().get("model").asString());
            JsonNode messages = ollama.requests().get(1).get("messages");
            JsonNode result = messages.get(messages.size() - 1);
            assertEquals("tool", result.get("role").asString());
            assertEquals(
                    ModelStub.JSON.readTree(FINDINGS),
                    ModelStub.JSON.readTree(result.get("content").asString()));
        }
    }
}
