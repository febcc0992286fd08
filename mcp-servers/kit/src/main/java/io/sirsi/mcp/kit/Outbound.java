package io.sirsi.mcp.kit;

/** Where the messages for one client, or for one of its requests, are written. */
interface Outbound {
    /** Sends a JSON-RPC message (a record or tree that serializes to one); never blocks for long. */
    void send(Object message);
}
