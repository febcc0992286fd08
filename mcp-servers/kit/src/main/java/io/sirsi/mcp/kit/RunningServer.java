package io.sirsi.mcp.kit;

import java.net.URI;

/** A kit server serving Streamable HTTP; close it to stop. */
public final class RunningServer implements AutoCloseable {
    private final HttpTransport transport;

    RunningServer(HttpTransport transport) {
        this.transport = transport;
    }

    /** The port actually bound (useful with {@code --port 0}). */
    public int port() {
        return transport.port();
    }

    /** The MCP endpoint, for example {@code http://127.0.0.1:8080/mcp}. */
    public URI endpoint() {
        return transport.endpoint();
    }

    /** The number of open MCP sessions. */
    public int sessions() {
        return transport.sessionCount();
    }

    /** Stops the server and ends every session. */
    @Override
    public void close() {
        transport.close();
    }
}
