package io.sirsi.mcp.reporting;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The reporting server passes the conformance kit over stdio. */
class ReportingStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Target.Stdio(java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx384m -cp "
                + System.getProperty("java.class.path") + " " + Main.class.getName());
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
