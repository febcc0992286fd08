package io.sirsi.conformance;

/** A check could not talk to the server as it needed to; the message says what happened. */
public class ConformanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the problem. */
    public ConformanceException(String message) {
        super(message);
    }

    /** An exception with a message naming the problem, and its cause. */
    public ConformanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
