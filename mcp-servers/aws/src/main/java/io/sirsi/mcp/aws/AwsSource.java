package io.sirsi.mcp.aws;

import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.ServerOptions;

/** Real AWS estates through the AWS SDK for Java v2. */
final class AwsSource {
    private AwsSource() {}

    static InventorySource fromEnvironment(ServerOptions options) {
        throw new SourceException(
                "Reading a real AWS estate is not built yet; use --estate kulturio for the demo estate");
    }
}
