package io.sirsi.mcp.migration;

import java.util.Objects;

/**
 * A virtual machine size a cloud sells: {@code m6i.large}, {@code Standard_D2s_v5},
 * {@code e2-standard-2}. {@code family} is general, compute, memory or burstable.
 */
public record ComputeSku(Cloud cloud, String name, int vcpus, double memoryGib, String family) {
    /** Requires every field. */
    public ComputeSku {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
    }
}
