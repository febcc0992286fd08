package io.sirsi.mcp.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * One resource's monthly cost in USD: what the source costs now (from the inventory, where known), and
 * what its target costs on demand and with 1-year and 3-year commitments. {@code item} says what was
 * priced; {@code source} names the price list and its date.
 */
public record CostLine(
        String workload,
        String resourceId,
        String resourceName,
        String item,
        double currentMonthly,
        double onDemandMonthly,
        Optional<Double> oneYearMonthly,
        Optional<Double> threeYearMonthly,
        String source) {
    /** Requires the names. */
    public CostLine {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(oneYearMonthly, "oneYearMonthly");
        Objects.requireNonNull(threeYearMonthly, "threeYearMonthly");
        Objects.requireNonNull(source, "source");
    }
}
