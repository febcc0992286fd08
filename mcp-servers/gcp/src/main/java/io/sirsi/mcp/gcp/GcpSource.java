package io.sirsi.mcp.gcp;

import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.ServerOptions;

/** Real Google Cloud estates through the Google Cloud SDK. */
final class GcpSource {
    private GcpSource() {}

    static InventorySource fromEnvironment(ServerOptions options) {
        throw new SourceException(
                "Reading a real Google Cloud estate is not built yet; use --estate uniedu for the demo estate");
    }
}
