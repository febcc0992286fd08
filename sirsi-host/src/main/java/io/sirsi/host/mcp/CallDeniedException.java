package io.sirsi.host.mcp;

/** A tool call the user or the approval policy refused; it was not sent to its server. */
public final class CallDeniedException extends ToolCallException {
    private static final long serialVersionUID = 1L;

    /** A refusal, saying who refused what and why. */
    public CallDeniedException(String message) {
        super(message);
    }
}
