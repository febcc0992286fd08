package io.sirsi.mcp.aws;

import io.sirsi.mcp.discovery.DemoSource;
import io.sirsi.mcp.discovery.DiscoveryServer;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.Provider;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Map;

/**
 * The AWS discovery server. {@code --estate kulturio} serves the bundled demo estate; without it
 * the server reads a real estate through the SDK's default credential chain.
 */
public final class Main {
    /** The version reported to clients. */
    public static final String VERSION = "0.1.0";

    private static final String COMMAND = "sirsi server aws";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = DiscoveryServer.options(
                COMMAND,
                args,
                Map.of(
                        "estate",
                        "serve a demo estate (kulturio) instead of a real AWS estate",
                        "profile",
                        "an AWS profile from ~/.aws (default: the default credential chain)",
                        "regions",
                        "comma-separated regions to read, the first also for global calls (default: every enabled region)",
                        "endpoint-url",
                        "send every AWS API call to this URL (a local stand-in such as LocalStack or a wire stub)"));
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
                ? DemoSource.of(options.extra("estate").get(), Provider.AWS)
                : AwsSource.fromEnvironment(options);
        return DiscoveryServer.build(Provider.AWS, source, VERSION);
    }
}
