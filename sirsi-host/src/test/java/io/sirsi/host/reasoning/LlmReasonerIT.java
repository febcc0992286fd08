package io.sirsi.host.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reasoner against the real model the environment configures ({@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}, {@code OLLAMA_BASE_URL}, {@code AZURE_OPENAI_*}, or {@code SIRSI_LLM_PROVIDER}); skipped
 * without one.
 */
class LlmReasonerIT {
    LlmConfig config;

    @TempDir
    Path dir;

    @BeforeEach
    void configured() {
        Optional<LlmConfig> found = LlmConfig.fromEnvironment(System.getenv());
        assumeTrue(
                found.isPresent(),
                "no LLM configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_BASE_URL or AZURE_OPENAI_*");
        config = found.get();
    }

    @Test
    void callsTheSecurityChecksForASecurityQuestionAndAnswersFromTheirResult() {
        RecordingTurn turn = RecordingTurn.of(
                "How secure is the kulturio estate? Use the tools.",
                RecordingTurn.catalog(RecordingTurn.runChecks(), RecordingTurn.planMigration()),
                dir,
                (tool, args) -> RecordingTurn.structured(tool, LlmReasonerTest.FINDINGS));

        TurnOutcome outcome = LlmReasoner.create(config).reason(turn);

        assertTrue(outcome.error().isEmpty(), outcome.error().toString());
        assertFalse(turn.calls.isEmpty(), "the model called no tool: " + outcome.answer());
        assertEquals("security__run_checks", turn.calls.getFirst().tool());
        assertEquals(
                "kulturio",
                String.valueOf(turn.calls.getFirst().arguments().get("estate")).toLowerCase(Locale.ROOT));
        assertTrue(
                outcome.answer().contains("sg-0a1b2c")
                        || outcome.answer().toLowerCase(Locale.ROOT).contains("ssh"),
                outcome.answer());
    }

    @Test
    void answersASamplingRequest() {
        McpSchema.CreateMessageResult result = LlmReasoner.create(config)
                .sampler()
                .sample(McpSchema.CreateMessageRequest.builder()
                        .messages(List.of(new McpSchema.SamplingMessage(
                                McpSchema.Role.USER,
                                McpSchema.TextContent.builder("Reply with the single word: pong")
                                        .build())))
                        .maxTokens(20)
                        .build());

        String text = ((McpSchema.TextContent) result.content()).text();
        assertTrue(text.toLowerCase(Locale.ROOT).contains("pong"), text);
    }
}
