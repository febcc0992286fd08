package io.sirsi.mcp.plugins;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The plugin server, with the example plugins, passes the conformance kit over Streamable HTTP. */
class PluginsHttpConformanceTest extends AbstractConformanceSuite {
    private static RunningServer server;
    private static Main.Running running;

    @BeforeAll
    static void start() {
        running = Main.start(java.nio.file.Path.of("../../tool-manifests/plugins"));
        server = running.server().startHttp(ServerOptions.httpOnFreePort());
    }

    @AfterAll
    static void stop() {
        server.close();
        running.close();
    }

    @Override
    protected Target target() {
        return Target.Http.of(server.endpoint());
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of("tools.call.structured-output", "resources.read");
    }
}
