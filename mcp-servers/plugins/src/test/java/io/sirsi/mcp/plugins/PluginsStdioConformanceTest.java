package io.sirsi.mcp.plugins;

import io.sirsi.conformance.AbstractConformanceSuite;
import io.sirsi.conformance.Target;
import java.nio.file.Path;
import java.util.Set;

/** The plugin server, with the example plugins, passes the conformance kit over stdio. */
class PluginsStdioConformanceTest extends AbstractConformanceSuite {
    @Override
    protected Target target() {
        return Target.Stdio.javaMain(
                Main.class,
                "--plugins",
                Path.of("../../tool-manifests/plugins")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
    }

    @Override
    protected Set<String> mustApply() {
        return Set.of(
                "tools.call.structured-output", "tools.call.missing-argument", "resources.read", "stdio.stdout-clean");
    }
}
