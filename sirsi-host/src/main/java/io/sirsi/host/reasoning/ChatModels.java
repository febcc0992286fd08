package io.sirsi.host.reasoning;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.sirsi.host.HostException;
import java.util.Map;
import java.util.Objects;

/** Builds the LangChain4j {@link ChatModel} of a {@link LlmConfig}. */
public final class ChatModels {
    /** Where Ollama listens when nothing says otherwise. */
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    private static final int ANTHROPIC_MAX_TOKENS = 4096;

    private ChatModels() {}

    /**
     * The chat model of this config. Building it sends nothing: a wrong key or endpoint shows on the first request.
     *
     * <p>Azure OpenAI is reached with the OpenAI client at the resource's OpenAI-compatible v1 endpoint
     * ({@code https://RESOURCE.openai.azure.com/openai/v1}, the model being the deployment's name), which takes the
     * key as a bearer token; the {@code api-key} header is sent as well, as the Azure API documents it. This keeps
     * the Azure SDK (azure-ai-openai, azure-core) off the host's classpath.
     */
    public static ChatModel create(LlmConfig config) {
        Objects.requireNonNull(config, "config");
        return switch (config.provider()) {
            case OPENAI -> {
                var b = OpenAiChatModel.builder()
                        .modelName(config.model())
                        .timeout(config.timeout())
                        .maxRetries(config.maxRetries());
                config.baseUrl().ifPresent(b::baseUrl);
                config.apiKey().ifPresent(b::apiKey);
                yield b.build();
            }
            case AZURE_OPENAI -> {
                String key = config.apiKey().orElse("");
                var b = OpenAiChatModel.builder()
                        .modelName(config.model())
                        .timeout(config.timeout())
                        .maxRetries(config.maxRetries())
                        .apiKey(key)
                        .customHeaders(Map.of("api-key", key));
                config.baseUrl().ifPresent(b::baseUrl);
                yield b.build();
            }
            case ANTHROPIC -> {
                var b = AnthropicChatModel.builder()
                        .modelName(config.model())
                        .timeout(config.timeout())
                        .maxRetries(config.maxRetries())
                        // The Messages API requires max_tokens; the module's default (1024) is short for a report.
                        .maxTokens(ANTHROPIC_MAX_TOKENS)
                        .apiKey(config.apiKey()
                                .orElseThrow(() -> new HostException("the anthropic model needs an API key")));
                config.baseUrl().ifPresent(b::baseUrl);
                yield b.build();
            }
            case OLLAMA ->
                OllamaChatModel.builder()
                        .baseUrl(config.baseUrl().orElse(OLLAMA_DEFAULT_URL))
                        .modelName(config.model())
                        .timeout(config.timeout())
                        .maxRetries(config.maxRetries())
                        .build();
        };
    }
}
