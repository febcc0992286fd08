package io.sirsi.mcp.kit;

/** The root of the kit's unchecked exceptions. */
public class KitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the problem. */
    public KitException(String message) {
        super(message);
    }

    /** An exception with a message that names the problem, and its cause. */
    public KitException(String message, Throwable cause) {
        super(message, cause);
    }
}
