package io.sirsi.mcp.reporting;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The reporting server passes the conformance kit over Streamable HTTP. */
class ReportingHttpConformanceTest extends AbstractConformanceSuite {
    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = Main.server(ServerOptions.parse(new String[] {})).startHttp(ServerOptions.httpOnFreePort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected Target target() {
        return Target.Http.of(server.endpoint());
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of("tools.call.structured-output", "resources.read", "http.sse-resume");
    }
}
