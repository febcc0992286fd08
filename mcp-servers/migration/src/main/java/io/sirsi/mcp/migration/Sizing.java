package io.sirsi.mcp.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * How one source resource lands on the target: its role ({@code vm}, {@code database}, {@code bucket},
 * {@code load-balancer}, {@code function}, {@code cdn}), the target service and size, and the working
 * behind the size ({@code basis}: the utilization percentiles, the comfort factor, the need).
 * {@code change} is {@code down}, {@code same}, {@code up} or {@code n/a}. {@code count} is the number
 * of instances (a scale set's capacity). {@code engine} and {@code version} are the target database
 * engine and version.
 */
public record Sizing(
        String sourceId,
        String sourceName,
        String role,
        String sourceSku,
        String targetService,
        String targetSku,
        String os,
        int count,
        double sourceVcpus,
        double sourceMemoryGib,
        double targetVcpus,
        double targetMemoryGib,
        double storageGb,
        String change,
        String basis,
        Optional<String> engine,
        Optional<String> version) {
    /** Requires the names and texts. */
    public Sizing {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sourceSku, "sourceSku");
        Objects.requireNonNull(targetService, "targetService");
        Objects.requireNonNull(targetSku, "targetSku");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(version, "version");
    }

    /** The same sizing with another target size (a user's choice). */
    public Sizing withTarget(String sku, double vcpus, double memoryGib, String why) {
        return new Sizing(
                sourceId,
                sourceName,
                role,
                sourceSku,
                targetService,
                sku,
                os,
                count,
                sourceVcpus,
                sourceMemoryGib,
                vcpus,
                memoryGib,
                storageGb,
                vcpus < sourceVcpus ? "down" : vcpus > sourceVcpus ? "up" : "same",
                why,
                engine,
                version);
    }
}
