package io.sirsi.mcp.inventory;

/** An inventory could not be read or does not exist; the message says which and why. */
public class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception naming the problem. */
    public InventoryException(String message) {
        super(message);
    }

    /** An exception naming the problem, with its cause. */
    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
