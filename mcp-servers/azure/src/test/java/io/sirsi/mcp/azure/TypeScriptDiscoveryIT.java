package io.sirsi.mcp.azure;

import io.sirsi.mcp.discovery.AbstractTypeScriptDiscoveryIT;

/** The official TypeScript SDK client discovers the tvfone estate through this server over stdio. */
class TypeScriptDiscoveryIT extends AbstractTypeScriptDiscoveryIT {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected String estate() {
        return "tvfone";
    }

    @Override
    protected String serverName() {
        return "sirsi-azure";
    }

    @Override
    protected int resources() {
        return 74;
    }
}
