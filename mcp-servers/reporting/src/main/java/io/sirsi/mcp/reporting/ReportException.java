package io.sirsi.mcp.reporting;

/**
 * Input a report cannot be built from (an unknown estate or target, a plan or findings document that
 * does not match its schema); the message says what is wrong, for the caller to fix. The tools map it
 * to an {@code isError} result.
 */
public class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public ReportException(String message) {
        super(message);
    }
}
