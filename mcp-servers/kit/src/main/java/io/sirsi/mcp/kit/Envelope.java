package io.sirsi.mcp.kit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One incoming JSON-RPC message, classified strictly; parsing never throws. */
sealed interface Envelope {
    /** A request: it must be answered. */
    record Request(JsonNode id, String method, JsonNode params) implements Envelope {}

    /** A notification: it is never answered. */
    record Notification(String method, JsonNode params) implements Envelope {}

    /** A response to a request the server sent. */
    record Response(JsonNode id, JsonNode result, JsonNode error) implements Envelope {}

    /** Not a valid message: answered with this error, and the id if one could be read. */
    record Invalid(JsonNode id, int code, String message) implements Envelope {}

    static Envelope parse(byte[] bytes, int offset, int length) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            return new Invalid(null, ProtocolException.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
        }
        return classify(node);
    }

    static Envelope parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    static Envelope classify(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return new Invalid(null, ProtocolException.PARSE_ERROR, "Parse error: empty message");
        }
        if (node.isArray()) {
            return new Invalid(
                    null,
                    ProtocolException.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not supported; send one message at a time");
        }
        if (!node.isObject()) {
            return new Invalid(
                    null, ProtocolException.INVALID_REQUEST, "Invalid Request: a message must be a JSON object");
        }
        JsonNode id = node.get("id");
        boolean hasId = id != null;
        boolean validId = hasId && (id.isString() || id.isIntegralNumber());
        JsonNode answerId = validId ? id : null;
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
            return new Invalid(
                    answerId, ProtocolException.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        if (hasId
                && id.isNull()
                && node.get("method") == null
                && node.get("error") != null
                && node.get("result") == null) {
            // A peer's error about a message it could not read: a response with a null id, not a request.
            return new Response(id, null, node.get("error"));
        }
        if (hasId && !validId) {
            return new Invalid(
                    null, ProtocolException.INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isString() || method.stringValue().isEmpty()) {
                return new Invalid(
                        answerId,
                        ProtocolException.INVALID_REQUEST,
                        "Invalid Request: \"method\" must be a non-empty string");
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isObject()) {
                if (!hasId) {
                    return new Notification(method.stringValue(), null);
                }
                return new Invalid(
                        id, ProtocolException.INVALID_PARAMS, "Invalid params: \"params\" must be an object");
            }
            return hasId
                    ? new Request(id, method.stringValue(), params)
                    : new Notification(method.stringValue(), params);
        }
        JsonNode result = node.get("result");
        JsonNode error = node.get("error");
        if (hasId && (result == null) != (error == null)) {
            return new Response(id, result, error);
        }
        return new Invalid(
                answerId,
                ProtocolException.INVALID_REQUEST,
                "Invalid Request: a message needs a \"method\", or an \"id\" with exactly one of \"result\" and \"error\"");
    }
}
