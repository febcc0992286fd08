package io.sirsi.conformance;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A request's response and the notifications that arrived while it was pending. */
public record Exchange(JsonNode response, List<JsonNode> notifications) {
    /** Copies the notifications. */
    public Exchange {
        notifications = List.copyOf(notifications);
    }

    /** Whether the response is a JSON-RPC error. */
    public boolean isError() {
        return response.has("error");
    }

    /** The result object (missing node if this is an error). */
    public JsonNode result() {
        return response.path("result");
    }

    /** The JSON-RPC error code, or 0 if this is not an error. */
    public int errorCode() {
        return response.path("error").path("code").asInt(0);
    }

    /** The JSON-RPC error message, or an empty string. */
    public String errorMessage() {
        return response.path("error").path("message").asString("");
    }
}
