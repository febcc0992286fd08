package io.sirsi.mcp.reporting;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.List;
import java.util.Set;

/** The reporting server passes the conformance kit over stdio. */
class ReportingStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(List.of("-Xmx384m"), Main.class);
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of(
                "tools.call.structured-output",
                "tools.call.missing-argument",
                "tools.call.wrong-type",
                "resources.read",
                "stdio.stdout-clean");
    }
}
