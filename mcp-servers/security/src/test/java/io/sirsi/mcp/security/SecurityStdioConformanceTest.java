package io.sirsi.mcp.security;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.util.Set;

/** The security server passes the conformance kit over stdio. */
class SecurityStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(Main.class);
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of(
                "tools.call.structured-output", "tools.call.missing-argument", "resources.read", "stdio.stdout-clean");
    }
}
