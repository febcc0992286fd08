package io.sirsi.mcp.discovery;

/** A data source failed in a way the user can act on; the message says what to do. */
public class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message is shown to the user as it is. */
    public SourceException(String message) {
        super(message);
    }

    /** The same, keeping the cause for the log. */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
