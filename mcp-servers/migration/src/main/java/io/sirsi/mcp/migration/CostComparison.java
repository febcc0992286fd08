package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * The current monthly run-rate against the target's, on demand and with commitments, and the one-off
 * migration effort. {@code currentMonthly} is what the resources that move cost today;
 * {@code retiredMonthly} what retiring saves; {@code retainedMonthly} what stays where it is. Where a
 * commitment is not sold for a size, its on-demand price counts in the committed totals. {@code unpriced}
 * names what the snapshots have no price for; every price's list and date is in {@code sources}.
 */
public record CostComparison(
        String currency,
        double currentMonthly,
        double retiredMonthly,
        double retainedMonthly,
        double targetOnDemandMonthly,
        double targetOneYearMonthly,
        double targetThreeYearMonthly,
        double migrationEffortDays,
        double dayRate,
        double migrationEffortCost,
        double dataToTransferGb,
        List<String> unpriced,
        List<PriceSource> sources,
        List<CostLine> lines) {
    /** Requires every list. */
    public CostComparison {
        Objects.requireNonNull(currency, "currency");
        unpriced = List.copyOf(unpriced);
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
    }
}
