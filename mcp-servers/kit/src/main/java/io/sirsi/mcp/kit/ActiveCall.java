package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** The kit's side of a {@link ToolCall}: it knows the session and where related messages go. */
final class ActiveCall implements ToolCall {
    private final Session session;
    private final String toolName;
    private final JsonNode arguments;
    private final Object progressToken;
    private final Outbound related;
    private final Session.InFlight inFlight;
    private final Duration clientTimeout;
    private final String loggerName;
    private double lastProgress = Double.NEGATIVE_INFINITY;

    ActiveCall(
            Session session,
            String toolName,
            JsonNode arguments,
            Object progressToken,
            Outbound related,
            Session.InFlight inFlight,
            Duration clientTimeout,
            String loggerName) {
        this.session = session;
        this.toolName = toolName;
        this.arguments = arguments;
        this.progressToken = progressToken;
        this.related = related;
        this.inFlight = inFlight;
        this.clientTimeout = clientTimeout;
        this.loggerName = loggerName;
    }

    @Override
    public String toolName() {
        return toolName;
    }

    @Override
    public JsonNode arguments() {
        return arguments;
    }

    @Override
    public <T> T arguments(Class<T> type) {
        try {
            return Json.convert(arguments, type);
        } catch (RuntimeException e) {
            throw new ToolException("Invalid arguments for tool '" + toolName + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void progress(double progress, double total, String message) {
        sendProgress(progress, total, message);
    }

    @Override
    public void progress(double progress, String message) {
        sendProgress(progress, null, message);
    }

    private void sendProgress(double progress, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        synchronized (this) {
            if (!(progress > lastProgress)) {
                return;
            }
            lastProgress = progress;
        }
        related.send(new Wire.Notification(
                "notifications/progress",
                new McpSchema.ProgressNotification(progressToken, progress, total, message, null)));
    }

    @Override
    public void log(McpSchema.LoggingLevel level, Object data) {
        Objects.requireNonNull(level, "level");
        if (level.level() < session.minLevel().level()) {
            return;
        }
        var params = new LinkedHashMap<String, Object>();
        params.put("level", level);
        params.put("logger", loggerName);
        params.put("data", data);
        related.send(new Wire.Notification("notifications/message", params));
    }

    @Override
    public boolean isCancelled() {
        return inFlight.cancelled;
    }

    @Override
    public void checkCancelled() {
        if (inFlight.cancelled) {
            throw new CancelledException(inFlight.reason);
        }
    }

    @Override
    public McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
        if (!session.clientCapabilities().has("sampling")) {
            throw new ToolException("The client does not support sampling (it did not declare the capability)");
        }
        JsonNode result = session.request("sampling/createMessage", request, related, clientTimeout, inFlight);
        return Json.convert(result, McpSchema.CreateMessageResult.class);
    }

    @Override
    public McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
        if (!session.clientCapabilities().has("elicitation")) {
            throw new ToolException("The client does not support elicitation (it did not declare the capability)");
        }
        JsonNode result =
                session.request("elicitation/create", withCallToken(request), related, clientTimeout, inFlight);
        return Json.convert(result, McpSchema.ElicitResult.class);
    }

    /**
     * The question with this call's progress token in its {@code _meta}, when the call has one: over stdio
     * nothing else tells a client that runs several calls at once which of them asks.
     */
    private McpSchema.ElicitRequest withCallToken(McpSchema.ElicitRequest request) {
        if (progressToken == null
                || !(request instanceof McpSchema.ElicitFormRequest form)
                || (form.meta() != null && form.meta().containsKey("progressToken"))) {
            return request;
        }
        java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>();
        if (form.meta() != null) {
            meta.putAll(form.meta());
        }
        meta.put("progressToken", progressToken);
        return new McpSchema.ElicitFormRequest(form.message(), form.requestedSchema(), meta);
    }

    @Override
    public void releaseStream() {
        if (related instanceof PostExchange exchange) {
            exchange.release();
        }
    }

    @Override
    public McpSchema.ClientCapabilities clientCapabilities() {
        return Json.convert(session.clientCapabilities(), McpSchema.ClientCapabilities.class);
    }

    @Override
    public String protocolVersion() {
        return session.protocolVersion();
    }
}
