package io.sirsi.conformance;

/** An SSE stream ended, and could not be resumed, before the response it was carrying arrived. */
public class StreamEndedException extends ConformanceException {
    private static final long serialVersionUID = 1L;

    /** An exception naming the request whose stream ended. */
    public StreamEndedException(String message) {
        super(message);
    }
}
