package io.sirsi.host.reasoning;

import dev.langchain4j.model.anthropic.AnthropicChatModelName;
import io.sirsi.host.HostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which chat model the {@link LlmReasoner} uses, and how it runs a turn. Built from configuration with
 * {@link #builder(Provider, String)}, or from the environment with {@link #fromEnvironment(Map)}; with no
 * provider configured there is no config, and the host reasons offline through the playbook planner.
 *
 * @param provider who serves the model
 * @param model the model's name (for Azure OpenAI, the deployment's name)
 * @param baseUrl the endpoint, when not the provider's default (an OpenAI-compatible server, a stub in tests)
 * @param apiKey the key; empty for Ollama and for OpenAI-compatible servers that need none. Never printed.
 * @param timeout how long one model request may take
 * @param maxRetries how often a failed request is retried (rate limits, 5xx, timeouts)
 * @param maxToolRounds how many rounds of tool calls one turn may take before the reasoner stops
 * @param topKTools how many tools the model sees at most; more are pre-selected by similarity to the message
 * @param historyMessages how many messages of the session's history go to the model
 */
public record LlmConfig(
        Provider provider,
        String model,
        Optional<String> baseUrl,
        Optional<String> apiKey,
        Duration timeout,
        int maxRetries,
        int maxToolRounds,
        int topKTools,
        int historyMessages) {

    /** The environment variable that names the provider. */
    public static final String PROVIDER_ENV = "SIRSI_LLM_PROVIDER";

    /** Checks every field. */
    public LlmConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        if (model.isBlank()) {
            throw new HostException("the " + provider.id() + " model needs a name");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new HostException("the model timeout must be positive, not " + timeout);
        }
        if (maxRetries < 0 || maxToolRounds < 1 || topKTools < 1 || historyMessages < 0) {
            throw new HostException("the model limits must be positive (retries and history may be 0): retries "
                    + maxRetries + ", tool rounds " + maxToolRounds + ", top-k tools " + topKTools + ", history "
                    + historyMessages);
        }
    }

    /** Who serves the model, named as {@code SIRSI_LLM_PROVIDER} names it. */
    public enum Provider {
        OPENAI("openai", "gpt-4o-mini"),
        ANTHROPIC("anthropic", AnthropicChatModelName.CLAUDE_SONNET_4_5_20250929.toString()),
        OLLAMA("ollama", "llama3.1"),
        /** The model is the deployment's name; there is no default. */
        AZURE_OPENAI("azure-openai", "");

        private final String id;
        private final String defaultModel;

        Provider(String id, String defaultModel) {
            this.id = id;
            this.defaultModel = defaultModel;
        }

        /** The provider's name in configuration: {@code openai}, {@code anthropic}, ... */
        public String id() {
            return id;
        }

        /** The model used when none is configured; empty for Azure OpenAI. */
        public String defaultModel() {
            return defaultModel;
        }

        /** The provider of this name. */
        public static Provider of(String id) {
            Objects.requireNonNull(id, "id");
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            for (Provider p : values()) {
                if (p.id.equals(wanted)) {
                    return p;
                }
            }
            throw new HostException(
                    "unknown LLM provider '" + id + "'; use one of openai, anthropic, ollama, azure-openai");
        }
    }

    /** A config of this provider and model, with the defaults: 60 s, 2 retries, 8 rounds, 24 tools, 20 messages. */
    public static Builder builder(Provider provider, String model) {
        return new Builder(provider, model);
    }

    /**
     * The config the environment asks for, or empty when it names no provider.
     *
     * <p>{@code SIRSI_LLM_PROVIDER} (openai, anthropic, ollama, azure-openai) chooses; without it the first of
     * these that is set does: {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code OLLAMA_BASE_URL},
     * {@code AZURE_OPENAI_ENDPOINT} with {@code AZURE_OPENAI_API_KEY}. {@code SIRSI_LLM_MODEL} names the model
     * (Azure: else {@code AZURE_OPENAI_DEPLOYMENT}), {@code SIRSI_LLM_BASE_URL} the endpoint.
     * {@code SIRSI_LLM_TIMEOUT_SECONDS}, {@code SIRSI_LLM_MAX_RETRIES}, {@code SIRSI_LLM_MAX_TOOL_ROUNDS},
     * {@code SIRSI_LLM_TOP_K_TOOLS} and {@code SIRSI_LLM_HISTORY_MESSAGES} tune the turn.
     *
     * @throws HostException when the variables name a provider but not what it needs (a key, an endpoint)
     */
    public static Optional<LlmConfig> fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Optional<Provider> chosen = value(env, PROVIDER_ENV).map(Provider::of).or(() -> inferred(env));
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Provider provider = chosen.get();
        Optional<String> model = value(env, "SIRSI_LLM_MODEL");
        Optional<String> baseUrl = value(env, "SIRSI_LLM_BASE_URL");
        Optional<String> key =
                switch (provider) {
                    case OPENAI -> value(env, "OPENAI_API_KEY");
                    case ANTHROPIC -> value(env, "ANTHROPIC_API_KEY");
                    case OLLAMA -> Optional.empty();
                    case AZURE_OPENAI -> value(env, "AZURE_OPENAI_API_KEY");
                };
        switch (provider) {
            case OPENAI -> {
                // An OpenAI-compatible server of one's own may need no key; api.openai.com does.
                if (key.isEmpty() && baseUrl.isEmpty()) {
                    throw new HostException("SIRSI_LLM_PROVIDER=openai needs OPENAI_API_KEY (or SIRSI_LLM_BASE_URL "
                            + "for an OpenAI-compatible server that needs no key)");
                }
            }
            case ANTHROPIC -> {
                if (key.isEmpty()) {
                    throw new HostException("SIRSI_LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
                }
            }
            case OLLAMA -> baseUrl = baseUrl.or(() -> value(env, "OLLAMA_BASE_URL"));
            case AZURE_OPENAI -> {
                if (key.isEmpty()) {
                    throw new HostException("SIRSI_LLM_PROVIDER=azure-openai needs AZURE_OPENAI_API_KEY");
                }
                baseUrl = baseUrl.or(() -> value(env, "AZURE_OPENAI_ENDPOINT").map(LlmConfig::azureV1));
                if (baseUrl.isEmpty()) {
                    throw new HostException("SIRSI_LLM_PROVIDER=azure-openai needs AZURE_OPENAI_ENDPOINT "
                            + "(https://RESOURCE.openai.azure.com)");
                }
                model = model.or(() -> value(env, "AZURE_OPENAI_DEPLOYMENT"));
                if (model.isEmpty()) {
                    throw new HostException("SIRSI_LLM_PROVIDER=azure-openai needs AZURE_OPENAI_DEPLOYMENT (or "
                            + "SIRSI_LLM_MODEL): the name of the model's deployment");
                }
            }
        }
        Builder b = builder(provider, model.orElse(provider.defaultModel()));
        baseUrl.ifPresent(b::baseUrl);
        key.ifPresent(b::apiKey);
        number(env, "SIRSI_LLM_TIMEOUT_SECONDS").ifPresent(s -> b.timeout(Duration.ofSeconds(s)));
        number(env, "SIRSI_LLM_MAX_RETRIES").ifPresent(b::maxRetries);
        number(env, "SIRSI_LLM_MAX_TOOL_ROUNDS").ifPresent(b::maxToolRounds);
        number(env, "SIRSI_LLM_TOP_K_TOOLS").ifPresent(b::topKTools);
        number(env, "SIRSI_LLM_HISTORY_MESSAGES").ifPresent(b::historyMessages);
        return Optional.of(b.build());
    }

    /** {@code provider:model}, as health and logs show it. */
    public String describe() {
        return provider.id() + ":" + model;
    }

    /** The config without its key. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider.id() + ", model=" + model + ", baseUrl=" + baseUrl.orElse("(default)")
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)") + ", timeout=" + timeout + ", maxRetries="
                + maxRetries + ", maxToolRounds=" + maxToolRounds + ", topKTools=" + topKTools + ", historyMessages="
                + historyMessages + "]";
    }

    private static Optional<Provider> inferred(Map<String, String> env) {
        if (value(env, "OPENAI_API_KEY").isPresent()) {
            return Optional.of(Provider.OPENAI);
        }
        if (value(env, "ANTHROPIC_API_KEY").isPresent()) {
            return Optional.of(Provider.ANTHROPIC);
        }
        if (value(env, "OLLAMA_BASE_URL").isPresent()) {
            return Optional.of(Provider.OLLAMA);
        }
        if (value(env, "AZURE_OPENAI_ENDPOINT").isPresent()
                && value(env, "AZURE_OPENAI_API_KEY").isPresent()) {
            return Optional.of(Provider.AZURE_OPENAI);
        }
        return Optional.empty();
    }

    /** The OpenAI-compatible v1 endpoint of an Azure OpenAI resource ({@code https://R.openai.azure.com}). */
    static String azureV1(String endpoint) {
        String e = endpoint.strip().replaceAll("/+$", "");
        return e.endsWith("/openai/v1") ? e : e + "/openai/v1";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Integer> number(Map<String, String> env, String name) {
        return value(env, name).map(v -> {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new HostException(name + " must be a whole number, not '" + v + "'", e);
            }
        });
    }

    /** Builds a {@link LlmConfig}; every setting but the provider and model has a default. */
    public static final class Builder {
        private final Provider provider;
        private final String model;
        private Optional<String> baseUrl = Optional.empty();
        private Optional<String> apiKey = Optional.empty();
        private Duration timeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private int maxToolRounds = 8;
        private int topKTools = 24;
        private int historyMessages = 20;

        private Builder(Provider provider, String model) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The endpoint, instead of the provider's default. */
        public Builder baseUrl(String url) {
            this.baseUrl = Optional.of(Objects.requireNonNull(url, "url"));
            return this;
        }

        /** The API key. */
        public Builder apiKey(String key) {
            this.apiKey = Optional.of(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** How long one model request may take. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often a failed model request is retried. */
        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        /** How many rounds of tool calls a turn may take. */
        public Builder maxToolRounds(int rounds) {
            this.maxToolRounds = rounds;
            return this;
        }

        /** How many tools the model sees at most. */
        public Builder topKTools(int k) {
            this.topKTools = k;
            return this;
        }

        /** How many messages of the history go to the model. */
        public Builder historyMessages(int messages) {
            this.historyMessages = messages;
            return this;
        }

        /** The config. */
        public LlmConfig build() {
            return new LlmConfig(
                    provider, model, baseUrl, apiKey, timeout, maxRetries, maxToolRounds, topKTools, historyMessages);
        }
    }
}
