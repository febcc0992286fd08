package io.sirsi.mcp.azure;

import io.sirsi.mcp.discovery.DemoSource;
import io.sirsi.mcp.discovery.DiscoveryServer;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.Provider;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Map;

/**
 * The Azure discovery server. {@code --estate tvfone} serves the bundled demo estate; without it
 * the server reads a real estate through the Azure SDK, with a service principal from
 * {@code AZURE_CLIENT_ID}/{@code AZURE_CLIENT_SECRET}/{@code AZURE_TENANT_ID} or the default
 * credential chain, contacting Azure only when a client first asks for something.
 */
public final class Main {
    /** The version reported to clients. */
    public static final String VERSION = "0.1.0";

    private static final String COMMAND = "sirsi server azure";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = DiscoveryServer.options(
                COMMAND,
                args,
                Map.of(
                        "estate",
                        "serve a demo estate (tvfone) instead of a real Azure estate",
                        "subscription",
                        "one subscription id (default: every subscription the credential can see)",
                        "tenant",
                        "the Entra tenant id (default: from the environment)",
                        "endpoint-url",
                        "send every Resource Manager call to this https URL (default: https://management.azure.com)"));
        KitServer server;
        try {
            server = server(options);
        } catch (SourceException e) {
            DiscoveryServer.fail(COMMAND, e);
            return;
        }
        server.run(options);
    }

    /** The server for these options: a demo estate, or the real estate. */
    public static KitServer server(ServerOptions options) {
        InventorySource source = options.extra("estate").isPresent()
                ? DemoSource.of(options.extra("estate").get(), Provider.AZURE)
                : AzureSource.fromEnvironment(options);
        return DiscoveryServer.build(Provider.AZURE, source, VERSION);
    }
}
