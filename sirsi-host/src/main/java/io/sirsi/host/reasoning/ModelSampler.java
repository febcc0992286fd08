package io.sirsi.host.reasoning;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers a server's {@code sampling/createMessage} with the configured chat model: the request's messages (text,
 * and images from the user), its system prompt, {@code maxTokens}, temperature and stop sequences. The model is
 * the one configured whatever the request's model preferences hint at; its name is in the result.
 */
public final class ModelSampler implements Sampler {
    private final ChatModel model;
    private final String modelName;

    private ModelSampler(ChatModel model, String modelName) {
        this.model = model;
        this.modelName = modelName;
    }

    /** A sampler over this model, reporting {@code modelName} when the provider names no model. */
    public static ModelSampler create(ChatModel model, String modelName) {
        return new ModelSampler(Objects.requireNonNull(model, "model"), Objects.requireNonNull(modelName, "modelName"));
    }

    @Override
    public McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
        Objects.requireNonNull(request, "request");
        List<ChatMessage> messages = new ArrayList<>();
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            messages.add(SystemMessage.from(request.systemPrompt()));
        }
        for (McpSchema.SamplingMessage m :
                request.messages() == null ? List.<McpSchema.SamplingMessage>of() : request.messages()) {
            messages.add(message(m));
        }
        if (messages.stream().noneMatch(m -> m instanceof UserMessage)) {
            throw new HostException("the sampling request holds no user message");
        }
        ChatRequest.Builder chat = ChatRequest.builder().messages(messages);
        if (request.maxTokens() != null && request.maxTokens() > 0) {
            chat.maxOutputTokens(request.maxTokens());
        }
        if (request.temperature() != null) {
            chat.temperature(request.temperature());
        }
        if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
            chat.stopSequences(request.stopSequences());
        }
        ChatResponse response;
        try {
            response = model.chat(chat.build());
        } catch (RuntimeException e) {
            throw new HostException(
                    "the model " + modelName + " could not answer the sampling request: " + e.getMessage(), e);
        }
        AiMessage reply = response.aiMessage();
        String text = reply == null || reply.text() == null ? "" : reply.text();
        McpSchema.CreateMessageResult.StopReason stop = response.finishReason() == FinishReason.LENGTH
                ? McpSchema.CreateMessageResult.StopReason.MAX_TOKENS
                : McpSchema.CreateMessageResult.StopReason.END_TURN;
        return McpSchema.CreateMessageResult.builder(
                        McpSchema.Role.ASSISTANT,
                        McpSchema.TextContent.builder(text).build(),
                        response.modelName() == null ? modelName : response.modelName())
                .stopReason(stop)
                .build();
    }

    private static ChatMessage message(McpSchema.SamplingMessage m) {
        McpSchema.Content content = m.content();
        boolean user = m.role() == McpSchema.Role.USER;
        if (content instanceof McpSchema.TextContent text) {
            return user ? UserMessage.from(text.text()) : AiMessage.from(text.text());
        }
        if (content instanceof McpSchema.ImageContent image && user) {
            return UserMessage.from(ImageContent.from(image.data(), image.mimeType()));
        }
        throw new HostException("sampling supports text, and images from the user; not "
                + (content == null ? "an empty message" : content.type() + " content from the " + m.role()));
    }
}
