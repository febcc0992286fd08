package io.sirsi.mcp.kit;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the kit, shared with the MCP SDK so both read and write alike. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final McpJsonMapper MCP = new JacksonMcpJsonMapper(MAPPER);

    private Json() {}

    /**
     * Serializes a value. JSON-RPC envelopes are written field by field, so that only their payloads go
     * through data binding: it is faster per message, and it spares a cold server the reflection over
     * the envelope records while its first client waits.
     */
    static byte[] bytes(Object value) {
        if (!(value instanceof Wire.Result
                || value instanceof Wire.Error
                || value instanceof Wire.Notification
                || value instanceof Wire.Request)) {
            return MAPPER.writeValueAsBytes(value);
        }
        var out = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", "2.0");
            switch (value) {
                case Wire.Result r -> {
                    g.writePOJOProperty("id", r.id());
                    g.writePOJOProperty("result", r.result());
                }
                case Wire.Error e -> {
                    g.writePOJOProperty("id", e.id());
                    g.writeName("error");
                    g.writeStartObject();
                    g.writeNumberProperty("code", e.error().code());
                    g.writeStringProperty("message", e.error().message());
                    if (e.error().data() != null) {
                        g.writePOJOProperty("data", e.error().data());
                    }
                    g.writeEndObject();
                }
                case Wire.Request r -> {
                    g.writePOJOProperty("id", r.id());
                    g.writeStringProperty("method", r.method());
                    if (r.params() != null) {
                        g.writePOJOProperty("params", r.params());
                    }
                }
                case Wire.Notification n -> {
                    g.writeStringProperty("method", n.method());
                    if (n.params() != null) {
                        g.writePOJOProperty("params", n.params());
                    }
                }
                default -> throw new IllegalStateException();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a JSON document given as text, for schemas written in code. */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new KitException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }
}
