package io.sirsi.mcp.migration;

import java.util.Objects;

/**
 * A managed database size: {@code db.m6i.large} (RDS), {@code GP_Standard_D2s_v3} (Azure Database
 * flexible server), {@code db-custom-2-8192} (Cloud SQL).
 */
public record DatabaseSku(Cloud cloud, String name, int vcpus, double memoryGib) {
    /** Requires every field. */
    public DatabaseSku {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(name, "name");
    }
}
