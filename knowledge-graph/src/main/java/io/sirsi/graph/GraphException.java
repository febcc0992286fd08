package io.sirsi.graph;

/** A problem with the graph, the ledger or an audit input that the user can fix: the message says what. */
public class GraphException extends RuntimeException {
    /** A problem described by {@code message}. */
    public GraphException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
