package io.sirsi.mcp.inventory;

/** A metric over the observation window: median, 95th percentile and maximum. */
public record Percentiles(double p50, double p95, double max) {
    /** Requires 0 <= p50 <= p95 <= max. */
    public Percentiles {
        if (p50 < 0 || p50 > p95 || p95 > max) {
            throw new IllegalArgumentException(
                    "percentiles must satisfy 0 <= p50 <= p95 <= max: " + p50 + ", " + p95 + ", " + max);
        }
    }
}
