package io.sirsi.host.api;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.TurnEvent;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.session.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shapes of the WebSocket chat API: replies, turn events, sessions and tools. Field names are the
 * camelCase names of the host's records; JSON the host keeps as text (a call's arguments, a question's schema)
 * travels as JSON, not as a string.
 */
final class ChatJson {
    private ChatJson() {}

    /** A server message of {@code type}, echoing {@code id}, with {@code fields} after them. */
    static Map<String, Object> message(String type, Optional<JsonNode> id, Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        id.ifPresent(v -> m.put("id", v));
        m.putAll(fields);
        return m;
    }

    /** An error message: {@code code} is a {@link io.sirsi.host.RequestException.Kind#code()}. */
    static Map<String, Object> error(Optional<JsonNode> id, String code, String message) {
        return message("error", id, fields("code", code, "message", message));
    }

    /** Fields in the order given: name, value, name, value, ... */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** One event of turn {@code turn} in {@code session}, as the client sees it. */
    static Map<String, Object> event(TurnEvent event, String session, String turn, Optional<JsonNode> id) {
        Map<String, Object> m = message(event.type(), id, Map.of());
        m.put("session", session);
        m.put("turn", turn);
        switch (event) {
            case TurnEvent.Text e -> m.put("text", e.text());
            case TurnEvent.ToolCallStarted e -> {
                m.put("callId", e.callId());
                m.put("tool", e.tool());
                m.put("arguments", json(e.arguments()));
            }
            case TurnEvent.Progress e -> {
                m.put("callId", e.callId());
                m.put("progress", e.progress());
                m.put("total", e.total());
                m.put("message", e.message());
            }
            case TurnEvent.ApprovalNeeded e -> {
                m.put("requestId", e.requestId());
                m.put("kind", e.kind());
                m.put("tool", e.tool());
                m.put("arguments", json(e.arguments()));
                m.put("message", e.message());
                m.put("schema", json(e.schema()));
            }
            case TurnEvent.ToolResultEvent e -> {
                m.put("callId", e.callId());
                m.put("tool", e.tool());
                m.put("status", e.status());
                m.put("summary", e.summary());
                m.put("millis", e.millis());
            }
            case TurnEvent.Artifact e -> {
                m.put("name", e.name());
                m.put("path", e.path());
                m.put("bytes", e.bytes());
            }
            case TurnEvent.Final e -> {
                m.put("answer", e.answer());
                e.error().ifPresent(why -> m.put("error", why));
            }
        }
        return m;
    }

    /** A session: its owner, history, context, approvals and pending calls. */
    static Map<String, Object> session(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("owner", s.owner());
        m.put("created", s.created().toString());
        m.put("lastActive", s.lastActive().toString());
        m.put(
                "history",
                s.history().stream()
                        .map(h -> fields(
                                "role",
                                h.role(),
                                "text",
                                h.text(),
                                "time",
                                h.time().toString()))
                        .toList());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("estate", s.context().estate());
        context.put("target", s.context().target());
        context.put("artifacts", s.context().artifacts());
        m.put("context", context);
        m.put("approvals", s.approvals());
        m.put(
                "pending",
                s.pending().stream()
                        .map(p -> fields(
                                "id", p.id(),
                                "kind", p.kind(),
                                "tool", p.tool(),
                                "arguments", json(p.arguments()),
                                "message", p.message(),
                                "schema", json(p.schema()),
                                "requested", p.requested().toString()))
                        .toList());
        return m;
    }

    /** What a list shows of a session. */
    static Map<String, Object> summary(Session s) {
        return fields(
                "id", s.id(),
                "owner", s.owner(),
                "created", s.created().toString(),
                "lastActive", s.lastActive().toString(),
                "title", s.title(),
                "messages", s.history().size(),
                "estate", s.context().estate(),
                "target", s.context().target());
    }

    /** A tool of the catalog, with MCP's defaults for the hints it leaves out. */
    static Map<String, Object> tool(CatalogTool t) {
        McpSchema.Tool tool = t.tool();
        Optional<McpSchema.ToolAnnotations> hints = Optional.ofNullable(tool.annotations());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("server", t.server());
        m.put(
                "title",
                Optional.ofNullable(tool.title())
                        .or(() -> hints.map(McpSchema.ToolAnnotations::title))
                        .orElse(""));
        m.put("description", Optional.ofNullable(tool.description()).orElse(""));
        m.put("inputSchema", tool.inputSchema() == null ? Map.of() : tool.inputSchema());
        if (tool.outputSchema() != null) {
            m.put("outputSchema", tool.outputSchema());
        }
        m.put("readOnly", t.readOnly());
        m.put("destructive", hint(hints.map(McpSchema.ToolAnnotations::destructiveHint), true));
        m.put("idempotent", hint(hints.map(McpSchema.ToolAnnotations::idempotentHint), false));
        m.put("openWorld", hint(hints.map(McpSchema.ToolAnnotations::openWorldHint), true));
        return m;
    }

    static List<Map<String, Object>> tools(List<CatalogTool> tools) {
        return tools.stream().map(ChatJson::tool).toList();
    }

    /** JSON kept as text, as JSON; text that is not JSON stays a string. */
    static Object json(String text) {
        try {
            return HttpJson.JSON.readTree(text);
        } catch (JacksonException e) {
            return text;
        }
    }

    private static boolean hint(Optional<Boolean> value, boolean absent) {
        return value.orElse(absent);
    }
}
