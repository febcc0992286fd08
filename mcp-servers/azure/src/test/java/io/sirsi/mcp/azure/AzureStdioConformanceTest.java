package io.sirsi.mcp.azure;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The Azure server, on the Tvfone estate, passes the conformance kit over stdio. */
class AzureStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(Main.class, "--estate", "tvfone");
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of(
                "progress.monotonic",
                "tools.call.structured-output",
                "tools.call.missing-argument",
                "resources.read",
                "stdio.stdout-clean");
    }
}
