package io.sirsi.mcp.kit;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks arguments and structured output against JSON Schemas, through the MCP SDK's validator. The
 * validator loads the 2020-12 meta-schema, so it is built on first use rather than at startup.
 */
final class SchemaCheck {
    private static volatile JsonSchemaValidator validator;

    private SchemaCheck() {}

    /** The violations of {@code schema} by {@code instance}, in one line, or empty if it conforms. */
    static Optional<String> violations(Map<String, Object> schema, JsonNode instance) {
        if (isUnconstrainedObject(schema)) {
            return instance.isObject() ? Optional.empty() : Optional.of("expected an object");
        }
        var response = validator().validate(schema, instance);
        if (response.valid()) {
            return Optional.empty();
        }
        return Optional.of(tidy(response.errorMessage()));
    }

    private static JsonSchemaValidator validator() {
        JsonSchemaValidator v = validator;
        if (v == null) {
            synchronized (SchemaCheck.class) {
                v = validator;
                if (v == null) {
                    v = new DefaultJsonSchemaValidator(Json.MAPPER);
                    validator = v;
                }
            }
        }
        return v;
    }

    /** {@code {"type":"object"}} with no properties, requirements or other keywords. */
    private static boolean isUnconstrainedObject(Map<String, Object> schema) {
        for (var e : schema.entrySet()) {
            switch (e.getKey()) {
                case "type", "$schema", "title", "description" -> {}
                case "properties" -> {
                    if (!(e.getValue() instanceof Map<?, ?> m) || !m.isEmpty()) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return "object".equals(schema.get("type"));
    }

    /** The SDK says "Validation failed: [a, b]"; callers want "a; b". */
    private static String tidy(String message) {
        String m = message == null ? "invalid" : message;
        int open = m.indexOf('[');
        if (m.startsWith("Validation failed") && open >= 0 && m.endsWith("]")) {
            m = m.substring(open + 1, m.length() - 1).replace(", /", "; /").replace(", $", "; $");
        }
        // The root's location is empty, which would leave a dangling ": " in front of the message.
        return m.startsWith(": ") ? m.substring(2) : m.replace("; : ", "; ");
    }
}
