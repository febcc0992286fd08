package io.sirsi.conformance;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds arguments from a JSON Schema: a value that should satisfy it (required properties only), or
 * one that breaks a required property's type. Enough for the schemas tools publish in practice.
 */
final class SchemaSamples {
    private SchemaSamples() {}

    /** A plausible valid value for {@code schema}, resolving local {@code $ref}s against {@code root}. */
    static JsonNode valid(JsonNode schema, JsonNode root) {
        return sample(schema, root, 0);
    }

    /**
     * Arguments with one required property of the wrong type, with the property's name; empty if the
     * schema requires nothing.
     */
    static Optional<Mismatch> wrongType(JsonNode schema) {
        JsonNode required = schema.path("required");
        if (!required.isArray() || required.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode args = (ObjectNode) valid(schema, schema);
        for (JsonNode name : required) {
            JsonNode property = resolve(schema.path("properties").path(name.asString("")), schema);
            String type = property.path("type").asString("");
            JsonNode wrong =
                    switch (type) {
                        case "string" -> Wire.JSON.getNodeFactory().numberNode(12345);
                        case "integer", "number" -> Wire.JSON.getNodeFactory().stringNode("not a number");
                        case "boolean" -> Wire.JSON.getNodeFactory().stringNode("not a boolean");
                        case "object", "array" -> Wire.JSON.getNodeFactory().stringNode("not a container");
                        default -> null;
                    };
            if (wrong != null) {
                args.set(name.asString(""), wrong);
                return Optional.of(new Mismatch(name.asString(""), args));
            }
        }
        return Optional.empty();
    }

    /** Arguments that break the type of {@code property}. */
    record Mismatch(String property, ObjectNode arguments) {}

    private static JsonNode sample(JsonNode schema, JsonNode root, int depth) {
        schema = resolve(schema, root);
        var f = Wire.JSON.getNodeFactory();
        if (depth > 6) {
            return f.nullNode();
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
            if (schema.path(combinator).isArray() && !schema.path(combinator).isEmpty() && !schema.has("type")) {
                return sample(schema.path(combinator).get(0), root, depth + 1);
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                for (JsonNode name : schema.path("required")) {
                    object.set(
                            name.asString(""),
                            sample(schema.path("properties").path(name.asString("")), root, depth + 1));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                int min = schema.path("minItems").asInt(0);
                for (int i = 0; i < min; i++) {
                    array.add(sample(schema.path("items"), root, depth + 1));
                }
                yield array;
            }
            case "integer" -> f.numberNode(clamp(10, schema));
            case "number" -> f.numberNode((double) clamp(10, schema));
            case "boolean" -> f.booleanNode(false);
            case "null" -> f.nullNode();
            default -> f.stringNode(string(schema));
        };
    }

    private static long clamp(long preferred, JsonNode schema) {
        long value = preferred;
        if (schema.has("maximum")) {
            value = Math.min(value, schema.get("maximum").asLong());
        }
        if (schema.has("minimum")) {
            value = Math.max(value, schema.get("minimum").asLong());
        }
        return value;
    }

    private static String string(JsonNode schema) {
        String value =
                switch (schema.path("format").asString("")) {
                    case "uri", "url" -> "https://example.com/";
                    case "email" -> "conformance@example.com";
                    case "date-time" -> "2026-01-01T00:00:00Z";
                    case "date" -> "2026-01-01";
                    default -> "test";
                };
        int min = schema.path("minLength").asInt(0);
        StringBuilder text = new StringBuilder(value);
        while (text.length() < min) {
            text.append('x');
        }
        return text.toString();
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString(""))) {
                    return t.asString("");
                }
            }
            return "null";
        }
        return type.asString("string");
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && ref.stringValue().startsWith("#/")) {
            JsonNode target = root.at(ref.stringValue().substring(1));
            return target.isMissingNode() ? schema : target;
        }
        return schema;
    }
}
