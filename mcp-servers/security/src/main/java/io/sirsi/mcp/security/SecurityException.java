package io.sirsi.mcp.security;

/** A problem with a check, a rule file or a call's input that the user can fix: the message says what. */
public class SecurityException extends RuntimeException {
    /** A problem described by {@code message}. */
    public SecurityException(String message) {
        super(message);
    }
}
