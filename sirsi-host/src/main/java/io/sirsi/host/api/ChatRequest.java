package io.sirsi.host.api;

import io.sirsi.host.RequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One client message of the WebSocket chat API: a JSON object with a {@code type}, an optional {@code id} that
 * the replies echo, and the operation's fields. Unknown fields are ignored. The field readers throw
 * {@link RequestException} INVALID naming the field, so every API error says what to fix.
 *
 * @param type the operation ({@code message}, {@code resolve}, ...)
 * @param id what the client named the request, echoed in its replies
 * @param body the whole message
 */
record ChatRequest(String type, Optional<JsonNode> id, JsonNode body) {
    /** Checks. */
    ChatRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The message's JSON object.
     *
     * @throws RequestException INVALID when it is not JSON, or not an object
     */
    static JsonNode tree(String text) {
        JsonNode tree;
        try {
            tree = HttpJson.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new RequestException(
                    RequestException.Kind.INVALID, "the message is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new RequestException(
                    RequestException.Kind.INVALID,
                    "a message is a JSON object with a \"type\", such as {\"type\":\"ping\"}");
        }
        return tree;
    }

    /** The message's {@code id}, when it has one that is a string or a number. */
    static Optional<JsonNode> id(JsonNode tree) {
        JsonNode id = tree.get("id");
        return id != null && (id.isString() || id.isNumber()) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The request in {@code tree}.
     *
     * @throws RequestException INVALID when its {@code type} is missing or not a string
     */
    static ChatRequest of(JsonNode tree) {
        return new ChatRequest(text(tree, "type"), id(tree), tree);
    }

    /** A required string field that is not blank. */
    String string(String field) {
        return text(body, field);
    }

    /** A boolean field, if given. */
    Optional<Boolean> optionalBoolean(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false", node);
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole-number field, if given. */
    Optional<Integer> optionalInt(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "a whole number", node);
        }
        return Optional.of(node.intValue());
    }

    /** An optional string field; absent, {@code null} and blank are empty. */
    Optional<String> optionalString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw wrongType(field, "a string", node);
        }
        return Optional.of(node.stringValue()).filter(s -> !s.isBlank());
    }

    /** An optional field that must be a JSON object when present. */
    Optional<JsonNode> object(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(field, "a JSON object", node);
        }
        return Optional.of(node);
    }

    /** An optional field that is a JSON object or a string holding one, as JSON text. */
    Optional<String> objectOrString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isObject()) {
            return Optional.of(HttpJson.JSON.writeValueAsString(node));
        }
        if (node.isString()) {
            return Optional.of(node.stringValue()).filter(s -> !s.isBlank());
        }
        throw wrongType(field, "a JSON object or a string", node);
    }

    /** A JSON object as a map of plain values; a member that is {@code null} is refused. */
    static Map<String, Object> map(String field, JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().isNull()) {
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "field '" + field + "." + e.getKey() + "' is null; leave it out");
            }
            out.put(e.getKey(), HttpJson.JSON.treeToValue(e.getValue(), Object.class));
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new RequestException(RequestException.Kind.INVALID, "field '" + field + "' is missing");
        }
        if (!node.isString()) {
            throw wrongType(field, "a string", node);
        }
        if (node.stringValue().isBlank()) {
            throw new RequestException(RequestException.Kind.INVALID, "field '" + field + "' is empty");
        }
        return node.stringValue();
    }

    private static RequestException wrongType(String field, String expected, JsonNode node) {
        return new RequestException(
                RequestException.Kind.INVALID,
                "field '" + field + "' must be " + expected + ", not "
                        + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
