package io.sirsi.host.reasoning;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ToolCallException;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reasoner of a configured chat model: function calling over the turn's catalog. Each round sends the
 * conversation and the tools to the model and runs the tool calls it asks for through {@link Turn#call}; a call
 * that fails or is denied goes back to the model as an {@code error:} result, so it can go on and explain. The
 * turn ends with the model's first answer without tool calls, or, at the round cap, with an answer that says it
 * stopped. With more tools than {@code topKTools}, the model sees the most similar ones to the message.
 */
public final class LlmReasoner implements Reasoner {
    /** How much of one tool result the model reads; the rest is cut with a note. */
    static final int RESULT_LIMIT = 16 * 1024;
    /** How many earlier messages count, beside the message, in choosing tools. */
    private static final int SELECTION_CONTEXT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LlmReasoner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LlmConfig config;
    private final ChatModel model;
    private final ToolSelector selector;

    private LlmReasoner(LlmConfig config, ChatModel model, ToolSelector selector) {
        this.config = config;
        this.model = model;
        this.selector = selector;
    }

    /** The reasoner of this config, with the chat model {@link ChatModels} builds for it. */
    public static LlmReasoner create(LlmConfig config) {
        Objects.requireNonNull(config, "config");
        return new LlmReasoner(config, ChatModels.create(config), new ToolSelector());
    }

    /** The reasoner of this config over a chat model built elsewhere (the config's provider then only names it). */
    public static LlmReasoner create(LlmConfig config, ChatModel model) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(model, "model");
        return new LlmReasoner(config, model, new ToolSelector());
    }

    /** A sampler that answers servers' sampling requests with this reasoner's model. */
    public Sampler sampler() {
        return ModelSampler.create(model, config.model());
    }

    @Override
    public String describe() {
        return config.describe();
    }

    @Override
    public TurnOutcome reason(Turn turn) {
        Objects.requireNonNull(turn, "turn");
        Session session = turn.session();
        long selecting = System.nanoTime();
        List<ToolSpecification> tools = tools(turn);
        turn.modelNanos(System.nanoTime() - selecting);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(Conversation.system(session.context()));
        messages.addAll(Conversation.history(session, turn.message(), config.historyMessages()));
        Session.Context context = session.context();
        Set<String> called = new LinkedHashSet<>();
        for (int round = 1; round <= config.maxToolRounds() + 1; round++) {
            if (turn.cancelled()) {
                return cancelled(context);
            }
            AiMessage reply;
            long asked = System.nanoTime();
            try {
                ChatResponse response = model.chat(ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(tools)
                        .build());
                turn.modelNanos(System.nanoTime() - asked);
                reply = Objects.requireNonNull(response.aiMessage(), "the response holds no message");
            } catch (RuntimeException e) {
                String why = failure(e);
                LOG.warn("turn {}: {} failed in round {}: {}", turn.id(), describe(), round, why);
                return new TurnOutcome("I could not finish: " + why, Optional.of(why), context);
            }
            messages.add(reply);
            if (!reply.hasToolExecutionRequests()) {
                String text = reply.text() == null || reply.text().isBlank()
                        ? "The model gave no answer."
                        : reply.text().strip();
                return TurnOutcome.answered(text, context);
            }
            if (round > config.maxToolRounds()) {
                break;
            }
            if (reply.text() != null && !reply.text().isBlank()) {
                turn.say(reply.text().strip());
            }
            for (ToolExecutionRequest request : reply.toolExecutionRequests()) {
                if (turn.cancelled()) {
                    return cancelled(context);
                }
                called.add(request.name());
                Map<String, Object> arguments;
                try {
                    arguments = arguments(request.arguments());
                } catch (IllegalArgumentException e) {
                    messages.add(result(request, "error: " + e.getMessage(), true));
                    continue;
                }
                context = withSlots(context, arguments);
                messages.add(call(turn, request, arguments));
            }
        }
        String why = "stopped after " + config.maxToolRounds() + " rounds of tool calls without an answer";
        return new TurnOutcome(
                "I stopped after " + config.maxToolRounds() + " rounds of tool calls without reaching an answer. "
                        + "Tools called: " + String.join(", ", called)
                        + ". Ask again more narrowly, or ask for one of these steps at a time.",
                Optional.of(why),
                context);
    }

    /** The tools to offer: all, or the top k by similarity; the first k in catalog order if that fails. */
    private List<ToolSpecification> tools(Turn turn) {
        List<CatalogTool> all = turn.catalog().tools();
        List<CatalogTool> chosen;
        try {
            chosen = selector.select(
                    all,
                    turn.message(),
                    Conversation.recent(turn.session(), turn.message(), SELECTION_CONTEXT),
                    config.topKTools());
        } catch (RuntimeException e) {
            LOG.warn(
                    "turn {}: cannot rank the tools, offering the first {}: {}",
                    turn.id(),
                    config.topKTools(),
                    e.toString());
            chosen = all.subList(0, Math.min(all.size(), config.topKTools()));
        }
        return chosen.stream().map(ToolSchemas::specification).toList();
    }

    /** Runs one tool call; a failure or denial becomes an {@code error:} result for the model. */
    private static ToolExecutionResultMessage call(
            Turn turn, ToolExecutionRequest request, Map<String, Object> arguments) {
        try {
            ToolResult result = turn.call(request.name(), arguments);
            String body = result.structuredContent()
                    .map(s -> JSON.writeValueAsString(s))
                    .orElse(result.text());
            return result(request, result.error() ? "error: " + body : body, result.error());
        } catch (ToolCallException e) {
            return result(request, "error: " + e.getMessage(), true);
        } catch (RuntimeException e) {
            // Not the Turn's contract, so a defect somewhere; the model still hears of it and the turn goes on.
            LOG.warn("turn {}: calling {} failed unexpectedly", turn.id(), request.name(), e);
            return result(request, "error: the call failed unexpectedly: " + e, true);
        }
    }

    private static ToolExecutionResultMessage result(ToolExecutionRequest request, String text, boolean error) {
        return ToolExecutionResultMessage.builder()
                .id(request.id())
                .toolName(request.name())
                .text(cut(text))
                .isError(error)
                .build();
    }

    /** The text, cut to {@link #RESULT_LIMIT} characters with a note saying so. */
    static String cut(String text) {
        if (text.length() <= RESULT_LIMIT) {
            return text;
        }
        return text.substring(0, RESULT_LIMIT) + "\n[cut: the first " + RESULT_LIMIT + " of " + text.length()
                + " characters; ask the tool for less (a filter or a limit) to see the rest]";
    }

    /** The model's arguments as a JSON object; none is an empty object. */
    private static Map<String, Object> arguments(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> arguments = (Map<String, Object>) map;
                return arguments;
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the arguments are not valid JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("the arguments must be a JSON object, not " + json);
    }

    /** The context with the estate and target the tool arguments name. */
    private static Session.Context withSlots(Session.Context context, Map<String, Object> arguments) {
        String estate = arguments.get("estate") instanceof String s && !s.isBlank() ? s.strip() : context.estate();
        String target = arguments.get("target") instanceof String s && !s.isBlank() ? s.strip() : context.target();
        if (estate.equals(context.estate()) && target.equals(context.target())) {
            return context;
        }
        return new Session.Context(estate, target, context.artifacts());
    }

    private static TurnOutcome cancelled(Session.Context context) {
        return new TurnOutcome("Stopped: the turn was cancelled.", Optional.of("cancelled"), context);
    }

    /** What went wrong with the model, for the user: by kind, with the provider's message. */
    private String failure(RuntimeException e) {
        String detail = detail(e);
        String kind;
        if (e instanceof AuthenticationException) {
            kind = "the provider refused the credentials (check the API key)";
        } else if (e instanceof ModelNotFoundException) {
            kind = "the provider does not know the model " + config.model();
        } else if (e instanceof RateLimitException) {
            kind = "the provider is limiting requests; try again shortly";
        } else if (e instanceof InternalServerException) {
            kind = "the provider failed (a server error)";
        } else if (e instanceof TimeoutException) {
            kind = "the model did not answer within " + config.timeout().toSeconds() + " s";
        } else if (e instanceof HttpException h) {
            kind = "the provider answered HTTP " + h.statusCode();
        } else {
            kind = "the model's answer could not be read";
        }
        return "the model " + describe() + " failed: " + kind + ": " + detail;
    }

    /**
     * The provider's own words: the {@code error.message} (OpenAI, Azure, Anthropic) or {@code error} (Ollama) of
     * a JSON error body, else the exception's first line without a class name, at most 300 characters.
     */
    static String detail(RuntimeException e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        try {
            JsonNode body = JSON.readTree(message);
            JsonNode error = body.path("error");
            if (error.path("message").isString()) {
                message = error.path("message").asString();
            } else if (error.isString()) {
                message = error.asString();
            }
        } catch (JacksonException notJson) {
            message = message.lines().findFirst().orElse("").replaceFirst("^([a-z][\\w$]*\\.)+[\\w$]+: ", "");
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /**
     * Next questions from the session's context, without asking the model: what to do with the estate and target
     * the session talks about, or how to begin.
     */
    @Override
    public List<String> suggestions(Session session) {
        Objects.requireNonNull(session, "session");
        return Suggestions.of(session.context());
    }
}
