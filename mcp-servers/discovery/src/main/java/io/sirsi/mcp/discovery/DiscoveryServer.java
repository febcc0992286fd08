package io.sirsi.mcp.discovery;

import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Map;

/** Builds and runs a cloud discovery server from its provider and data source. */
public final class DiscoveryServer {
    private DiscoveryServer() {}

    /** The server, for a main method or a test. */
    public static KitServer build(Provider provider, InventorySource source, String version) {
        var tools = new DiscoveryTools(provider, source);
        var builder = KitServer.builder("sirsi-" + provider.id(), version)
                .listChanged(!source.local())
                .title("Sirsi " + provider.displayName() + " discovery")
                .instructions("Discovers what runs in " + provider.displayName() + " (" + source.describe() + "): "
                        + provider.tenants() + ", regions, resources, network reachability, dependencies and cost. "
                        + "Every tool is read-only. Start with summarize or discover; ids from list_resources feed "
                        + "describe_resource, reachability and dependencies.")
                .tools(tools);
        InventoryResources.register(builder, provider, source, tools);
        KitServer server = builder.build();
        if (!source.local()) {
            // A remote estate's tenants become resources once discovered; clients hear of it by list_changed.
            tools.onDiscovered(account ->
                    server.catalog().putResource(InventoryResources.resource(provider, source, tools, account)));
        }
        return server;
    }

    /**
     * Parses a cloud server's command line, or prints the usage and exits. {@code sourceOptions} are the
     * server's own options ({@code estate}, {@code profile}, ...) with their help lines.
     */
    public static ServerOptions options(String command, String[] args, Map<String, String> sourceOptions) {
        return ServerOptions.parseOrExit(command, args, sourceOptions);
    }

    /** Reports a source that cannot start (bad estate, no credentials) and exits with 2. */
    public static void fail(String command, SourceException e) {
        System.err.println(command + ": " + e.getMessage());
        System.exit(2);
    }
}
