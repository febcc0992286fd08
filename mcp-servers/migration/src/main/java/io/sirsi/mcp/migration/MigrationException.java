package io.sirsi.mcp.migration;

/** A problem with a plan's input that the user can fix: the message says what and how. */
public class MigrationException extends RuntimeException {
    /** A problem described by {@code message}. */
    public MigrationException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
