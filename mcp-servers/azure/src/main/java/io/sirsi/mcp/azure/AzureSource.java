package io.sirsi.mcp.azure;

import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.ServerOptions;

/** Real Azure estates through the Azure SDK. */
final class AzureSource {
    private AzureSource() {}

    static InventorySource fromEnvironment(ServerOptions options) {
        throw new SourceException(
                "Reading a real Azure estate is not built yet; use --estate tvfone for the demo estate");
    }
}
