package io.sirsi.mcp.aws;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The AWS server, on the Kulturio estate, passes the conformance kit over stdio. */
class AwsStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(Main.class, "--estate", "kulturio");
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
