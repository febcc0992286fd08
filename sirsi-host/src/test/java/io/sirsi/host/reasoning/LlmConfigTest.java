package io.sirsi.host.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.HostException;
import io.sirsi.host.reasoning.LlmConfig.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing the provider and model from the environment. */
class LlmConfigTest {
    static Provider provider(Map<String, String> env) {
        return LlmConfig.fromEnvironment(env).orElseThrow().provider();
    }

    @Test
    void choosesNoModelWhenTheEnvironmentNamesNone() {
        assertEquals(Optional.empty(), LlmConfig.fromEnvironment(Map.of("PATH", "/usr/bin")));
    }

    @Test
    void infersTheProviderFromTheKeysInOrder() {
        assertEquals(Provider.OPENAI, provider(Map.of("OPENAI_API_KEY", "sk-1", "ANTHROPIC_API_KEY", "a")));
        assertEquals(Provider.ANTHROPIC, provider(Map.of("ANTHROPIC_API_KEY", "a", "OLLAMA_BASE_URL", "http://o")));
        assertEquals(Provider.OLLAMA, provider(Map.of("OLLAMA_BASE_URL", "http://gpu-box:11434")));
        assertEquals(
                Provider.AZURE_OPENAI,
                provider(Map.of(
                        "AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com",
                        "AZURE_OPENAI_API_KEY", "k",
                        "AZURE_OPENAI_DEPLOYMENT", "d")));
        // An endpoint without a key is not enough to choose Azure.
        assertEquals(Optional.empty(), LlmConfig.fromEnvironment(Map.of("AZURE_OPENAI_ENDPOINT", "https://r")));
    }

    @Test
    void anExplicitProviderWinsOverTheKeys() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of(
                        "SIRSI_LLM_PROVIDER", "Anthropic", "OPENAI_API_KEY", "sk-1", "ANTHROPIC_API_KEY", "sk-ant"))
                .orElseThrow();

        assertEquals(Provider.ANTHROPIC, config.provider());
        assertEquals("claude-sonnet-4-5-20250929", config.model());
        assertEquals(Optional.of("sk-ant"), config.apiKey());
    }

    @Test
    void takesTheDefaultsUnlessTold() {
        LlmConfig plain =
                LlmConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-1")).orElseThrow();
        LlmConfig tuned = LlmConfig.fromEnvironment(Map.of(
                        "OPENAI_API_KEY", "sk-1",
                        "SIRSI_LLM_MODEL", "gpt-4.1",
                        "SIRSI_LLM_BASE_URL", "http://127.0.0.1:8000/v1",
                        "SIRSI_LLM_TIMEOUT_SECONDS", "15",
                        "SIRSI_LLM_MAX_RETRIES", "0",
                        "SIRSI_LLM_MAX_TOOL_ROUNDS", "3",
                        "SIRSI_LLM_TOP_K_TOOLS", "10",
                        "SIRSI_LLM_HISTORY_MESSAGES", "4"))
                .orElseThrow();

        assertEquals("gpt-4o-mini", plain.model());
        assertEquals(Optional.empty(), plain.baseUrl());
        assertEquals(Duration.ofSeconds(60), plain.timeout());
        assertEquals(8, plain.maxToolRounds());
        assertEquals(24, plain.topKTools());
        assertEquals("gpt-4.1", tuned.model());
        assertEquals(Optional.of("http://127.0.0.1:8000/v1"), tuned.baseUrl());
        assertEquals(Duration.ofSeconds(15), tuned.timeout());
        assertEquals(0, tuned.maxRetries());
        assertEquals(3, tuned.maxToolRounds());
        assertEquals(10, tuned.topKTools());
        assertEquals(4, tuned.historyMessages());
        assertEquals(
                "llama3.1",
                LlmConfig.fromEnvironment(Map.of("SIRSI_LLM_PROVIDER", "ollama"))
                        .orElseThrow()
                        .model());
    }

    @Test
    void pointsAzureAtTheResourcesOpenAiV1Endpoint() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of(
                        "AZURE_OPENAI_ENDPOINT", "https://sirsi-eus.openai.azure.com/",
                        "AZURE_OPENAI_API_KEY", "k",
                        "AZURE_OPENAI_DEPLOYMENT", "gpt-4o-prod"))
                .orElseThrow();

        assertEquals(Optional.of("https://sirsi-eus.openai.azure.com/openai/v1"), config.baseUrl());
        assertEquals("gpt-4o-prod", config.model());
        assertEquals(
                "https://x.openai.azure.com/openai/v1", LlmConfig.azureV1("https://x.openai.azure.com/openai/v1/"));
    }

    @Test
    void saysWhatIsMissing() {
        HostException noKey = assertThrows(
                HostException.class, () -> LlmConfig.fromEnvironment(Map.of("SIRSI_LLM_PROVIDER", "anthropic")));
        HostException noDeployment = assertThrows(
                HostException.class,
                () -> LlmConfig.fromEnvironment(
                        Map.of("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com", "AZURE_OPENAI_API_KEY", "k")));
        HostException unknown = assertThrows(
                HostException.class, () -> LlmConfig.fromEnvironment(Map.of("SIRSI_LLM_PROVIDER", "bard")));
        HostException notANumber = assertThrows(
                HostException.class,
                () -> LlmConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "k", "SIRSI_LLM_TOP_K_TOOLS", "many")));

        assertTrue(noKey.getMessage().contains("ANTHROPIC_API_KEY"), noKey.getMessage());
        assertTrue(noDeployment.getMessage().contains("AZURE_OPENAI_DEPLOYMENT"), noDeployment.getMessage());
        assertTrue(unknown.getMessage().contains("openai, anthropic, ollama, azure-openai"), unknown.getMessage());
        assertTrue(notANumber.getMessage().contains("SIRSI_LLM_TOP_K_TOOLS"), notANumber.getMessage());
    }

    @Test
    void acceptsAnOpenAiCompatibleServerWithoutAKey() {
        LlmConfig config = LlmConfig.fromEnvironment(
                        Map.of("SIRSI_LLM_PROVIDER", "openai", "SIRSI_LLM_BASE_URL", "http://127.0.0.1:8000/v1"))
                .orElseThrow();

        assertEquals(Optional.empty(), config.apiKey());
        assertThrows(HostException.class, () -> LlmConfig.fromEnvironment(Map.of("SIRSI_LLM_PROVIDER", "openai")));
    }

    @Test
    void neverPrintsTheKey() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-proj-SECRET123"))
                .orElseThrow();

        assertFalse(config.toString().contains("SECRET123"), config.toString());
        assertTrue(config.toString().contains("apiKey=(set)"), config.toString());
        assertEquals("openai:gpt-4o-mini", config.describe());
    }
}
