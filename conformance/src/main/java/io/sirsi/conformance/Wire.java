package io.sirsi.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON and the JSON-RPC shape rules every message from a server must follow. */
final class Wire {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> ENVELOPE_KEYS = Set.of("jsonrpc", "id", "method", "params", "result", "error");

    private Wire() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode request(Object id, String method, JsonNode params) {
        ObjectNode message = object().put("jsonrpc", "2.0");
        if (id instanceof Number n) {
            message.put("id", n.longValue());
        } else {
            message.put("id", String.valueOf(id));
        }
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    static ObjectNode notification(String method, JsonNode params) {
        ObjectNode message = object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    static ObjectNode initializeParams(String version) {
        ObjectNode params = object().put("protocolVersion", version);
        params.set("capabilities", object());
        params.set("clientInfo", object().put("name", "sirsi-conformance").put("version", "0.1.0"));
        return params;
    }

    /** The ways a message breaks JSON-RPC 2.0 as MCP uses it; empty if it is well formed. */
    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        if (!message.isObject()) {
            problems.add("not a JSON object");
            return problems;
        }
        if (!"2.0".equals(message.path("jsonrpc").asString(""))) {
            problems.add("\"jsonrpc\" is not \"2.0\"");
        }
        for (String key : message.propertyNames()) {
            if (!ENVELOPE_KEYS.contains(key)) {
                problems.add("unexpected member \"" + key + "\"");
            }
        }
        JsonNode id = message.get("id");
        boolean hasMethod = message.has("method");
        boolean hasResult = message.has("result");
        boolean hasError = message.has("error");
        if (hasMethod) {
            if (!message.get("method").isString()) {
                problems.add("\"method\" is not a string");
            }
            if (id != null && !(id.isString() || id.isIntegralNumber())) {
                problems.add("a request id must be a string or an integer");
            }
            if (message.has("params") && !message.get("params").isObject()) {
                problems.add("\"params\" is not an object");
            }
            if (hasResult || hasError) {
                problems.add("a message has both \"method\" and \"result\"/\"error\"");
            }
        } else {
            if (id == null) {
                problems.add("a response has no \"id\"");
            } else if (!(id.isString() || id.isIntegralNumber() || (id.isNull() && hasError))) {
                problems.add("a response id must be a string or an integer (null only for errors)");
            }
            if (hasResult == hasError) {
                problems.add("a response must have exactly one of \"result\" and \"error\"");
            }
            if (hasResult && !message.get("result").isObject()) {
                problems.add("\"result\" is not an object");
            }
            if (hasError) {
                JsonNode error = message.get("error");
                if (!error.path("code").isIntegralNumber()) {
                    problems.add("error.code is not an integer");
                }
                if (!error.path("message").isString()) {
                    problems.add("error.message is not a string");
                }
            }
        }
        return problems;
    }

    static String brief(JsonNode node) {
        String text = node == null ? "nothing" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
