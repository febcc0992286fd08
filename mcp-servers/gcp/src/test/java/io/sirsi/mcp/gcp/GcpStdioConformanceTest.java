package io.sirsi.mcp.gcp;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The Google Cloud server, on the Uniedu estate, passes the conformance kit over stdio. */
class GcpStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(Main.class, "--estate", "uniedu");
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
