package io.sirsi.mcp.inventory;

import java.util.Optional;

/**
 * Observed use over a window, for right-sizing: CPU and memory in percent, disk operations per second,
 * network in megabits per second. A metric the provider does not report is empty.
 */
public record Utilization(
        int windowDays,
        Optional<Percentiles> cpuPercent,
        Optional<Percentiles> memoryPercent,
        Optional<Percentiles> iops,
        Optional<Percentiles> networkMbps) {
    /** Requires a positive window. */
    public Utilization {
        if (windowDays <= 0) {
            throw new IllegalArgumentException("windowDays must be positive");
        }
    }
}
