package io.sirsi.mcp.kit;

/**
 * A tool failed in a way its caller should read: the kit answers with an {@code isError} result whose
 * text is this message. Throw it for bad input that the schema cannot express, an unknown region or
 * resource id, missing credentials, and the like.
 */
public class ToolException extends KitException {
    private static final long serialVersionUID = 1L;

    /** A tool error with a message written for the caller. */
    public ToolException(String message) {
        super(message);
    }

    /** A tool error with a message written for the caller, and its cause (logged, never sent). */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
