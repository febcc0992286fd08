package io.sirsi.mcp.kit;

/** The client cancelled the call; the kit sends no response for it. */
public class CancelledException extends KitException {
    private static final long serialVersionUID = 1L;

    /** A cancellation, with the client's reason if it gave one. */
    public CancelledException(String reason) {
        super(reason);
    }
}
