package io.sirsi.mcp.kit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON-RPC envelopes the kit writes. The SDK's envelope records refuse ids they did not create
 * (a JSON id echoed back, or {@code null} for an unreadable request), so the kit writes its own; the
 * payloads inside are the SDK's records.
 */
final class Wire {
    private Wire() {}

    /** A response: a result or an error. */
    sealed interface Reply permits Result, Error {}

    /** A successful response; {@code id} is the request's id as it arrived. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String jsonrpc, Object id, Object result) implements Reply {
        Result(Object id, Object result) {
            this("2.0", id, result);
        }
    }

    /** An error response; {@code id} is written as {@code null} when the request's id is unknown. */
    record Error(String jsonrpc, Object id, ErrorBody error) implements Reply {
        Error(Object id, int code, String message, Object data) {
            this("2.0", id, new ErrorBody(code, message, data));
        }
    }

    /** The error object of an error response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(int code, String message, Object data) {}

    /** A request from the server to the client (sampling, elicitation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String jsonrpc, Object id, String method, Object params) {
        Request(Object id, String method, Object params) {
            this("2.0", id, method, params);
        }
    }

    /** A notification; {@code params} is left out when there are none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notification(String jsonrpc, String method, Object params) {
        Notification(String method, Object params) {
            this("2.0", method, params);
        }
    }
}
