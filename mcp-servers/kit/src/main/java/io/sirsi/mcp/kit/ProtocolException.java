package io.sirsi.mcp.kit;

import java.util.Objects;
import java.util.Optional;

/**
 * A protocol fault: the kit answers with a JSON-RPC error carrying this code and message. Tools rarely
 * need it (their failures are {@link ToolException}s); resource readers and prompt handlers use it for
 * a missing resource or bad prompt arguments.
 */
public class ProtocolException extends KitException {
    private static final long serialVersionUID = 1L;

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The message is not a valid JSON-RPC request. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not offered. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters, an unknown tool or prompt, or a bad cursor. */
    public static final int INVALID_PARAMS = -32602;
    /** An internal error. */
    public static final int INTERNAL_ERROR = -32603;
    /** MCP: the resource does not exist. */
    public static final int RESOURCE_NOT_FOUND = -32002;

    private final int code;
    private final transient Object data;

    private ProtocolException(int code, String message, Object data) {
        super(Objects.requireNonNull(message, "message"));
        this.code = code;
        this.data = data;
    }

    /** A fault with a JSON-RPC error code and a message that names the problem. */
    public static ProtocolException of(int code, String message) {
        return new ProtocolException(code, message, null);
    }

    /** A fault with a JSON-RPC error code, a message and structured data for the client. */
    public static ProtocolException of(int code, String message, Object data) {
        return new ProtocolException(code, message, Objects.requireNonNull(data, "data"));
    }

    /** {@code -32602}: the parameters are wrong; the message says which and why. */
    public static ProtocolException invalidParams(String message) {
        return of(INVALID_PARAMS, message);
    }

    /** {@code -32002}: no resource has this URI. */
    public static ProtocolException resourceNotFound(String uri) {
        return new ProtocolException(RESOURCE_NOT_FOUND, "Resource not found: " + uri, java.util.Map.of("uri", uri));
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** Structured data sent with the error, if any. */
    public Optional<Object> data() {
        return Optional.ofNullable(data);
    }
}
