package io.sirsi.mcp.gcp;

import io.sirsi.mcp.discovery.AbstractTypeScriptDiscoveryIT;

/** The official TypeScript SDK client discovers the uniedu estate through this server over stdio. */
class TypeScriptDiscoveryIT extends AbstractTypeScriptDiscoveryIT {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected String estate() {
        return "uniedu";
    }

    @Override
    protected String serverName() {
        return "sirsi-gcp";
    }

    @Override
    protected int resources() {
        return 60;
    }
}
