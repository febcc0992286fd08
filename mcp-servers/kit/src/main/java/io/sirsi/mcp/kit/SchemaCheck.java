package io.sirsi.mcp.kit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks arguments and structured output against JSON Schemas (2020-12 by default), with the
 * networknt validator the MCP SDK uses. Each schema is compiled once, on its first use, and kept by
 * identity: tool schemas are immutable maps that live as long as their tool.
 */
final class SchemaCheck {
    private static final class Registry {
        static final SchemaRegistry INSTANCE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    private static final Map<Map<String, Object>, Schema> COMPILED =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private SchemaCheck() {}

    /** The violations of {@code schema} by {@code instance}, in one line, or empty if it conforms. */
    static Optional<String> violations(Map<String, Object> schema, JsonNode instance) {
        if (isUnconstrainedObject(schema)) {
            return instance.isObject() ? Optional.empty() : Optional.of("expected an object");
        }
        Schema compiled = COMPILED.get(schema);
        if (compiled == null) {
            compiled = Registry.INSTANCE.getSchema(Json.string(schema));
            if (COMPILED.size() > 10_000) {
                COMPILED.clear(); // tools were replaced many times (hot reload): drop the stale ones
            }
            COMPILED.put(schema, compiled);
        }
        List<Error> errors = compiled.validate(instance);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream().map(SchemaCheck::describe).collect(Collectors.joining("; ")));
    }

    /** "/region: integer found, string expected", or just the message at the root. */
    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        String message = error.getMessage();
        if (location.isEmpty() || location.equals("$") || message.startsWith(location)) {
            return message;
        }
        return location + ": " + message;
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
}
