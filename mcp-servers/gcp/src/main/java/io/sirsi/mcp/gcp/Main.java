package io.sirsi.mcp.gcp;

import io.sirsi.mcp.discovery.DemoSource;
import io.sirsi.mcp.discovery.DiscoveryServer;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.Provider;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Map;

/**
 * The Google Cloud discovery server. {@code --estate uniedu} serves the bundled demo estate; without it
 * the server reads the projects named by {@code --project} through the Google Cloud client libraries,
 * with Application Default Credentials.
 */
public final class Main {
    /** The version reported to clients. */
    public static final String VERSION = "0.1.0";

    private static final String COMMAND = "sirsi server gcp";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = DiscoveryServer.options(
                COMMAND,
                args,
                Map.of(
                        "estate", "serve a demo estate (uniedu) instead of a real Google Cloud estate",
                        "project", "project ids, comma-separated (default: GOOGLE_CLOUD_PROJECT or gcloud's)",
                        "regions", "only these regions, comma-separated (default: every region of a project)",
                        "endpoint-url", "send every Google Cloud API call to this URL (emulators, wire stubs)"));
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
                ? DemoSource.of(options.extra("estate").get(), Provider.GCP)
                : GcpSource.fromEnvironment(options);
        return DiscoveryServer.build(Provider.GCP, source, VERSION);
    }
}
