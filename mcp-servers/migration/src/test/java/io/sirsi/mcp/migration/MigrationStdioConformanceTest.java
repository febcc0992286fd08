package io.sirsi.mcp.migration;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The migration server passes the conformance kit over stdio. */
class MigrationStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(Main.class);
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of(
                "tools.call.structured-output",
                "tools.call.missing-argument",
                "prompts.list",
                "resources.read",
                "stdio.stdout-clean");
    }
}
