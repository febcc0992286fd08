package io.sirsi.mcp.aws;

import io.sirsi.mcp.discovery.AbstractTypeScriptDiscoveryIT;

/** The official TypeScript SDK client discovers the kulturio estate through this server over stdio. */
class TypeScriptDiscoveryIT extends AbstractTypeScriptDiscoveryIT {
    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected String estate() {
        return "kulturio";
    }

    @Override
    protected String serverName() {
        return "sirsi-aws";
    }

    @Override
    protected int resources() {
        return 113;
    }
}
