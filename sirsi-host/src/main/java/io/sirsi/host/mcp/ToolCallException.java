package io.sirsi.host.mcp;

import io.sirsi.host.HostException;

/**
 * A tool could not be called: it is not in the catalog, it needs an approval the host cannot ask for yet, or
 * its server did not answer within the manifest's timeout.
 */
public class ToolCallException extends HostException {
    private static final long serialVersionUID = 1L;

    public ToolCallException(String message) {
        super(message);
    }

    public ToolCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
