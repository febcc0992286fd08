package io.sirsi.mcp.reporting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The headline figures of a report, as the tool returns them and the executive summary quotes them.
 * Money is in USD a month unless the name says otherwise; {@code inventoryMonthly} is what the whole
 * estate costs today, {@code currentMonthly} what the resources that move cost today (the plan's
 * figure, comparable with the target's). {@code bySeverity} runs from critical to info,
 * {@code byStrategy} and {@code byReadiness} count workloads.
 */
public record Figures(
        String estate,
        String source,
        String target,
        String region,
        int resources,
        int accounts,
        int regions,
        double inventoryMonthly,
        double currentMonthly,
        double retiredMonthly,
        double retainedMonthly,
        double targetOnDemandMonthly,
        double targetOneYearMonthly,
        double targetThreeYearMonthly,
        double migrationEffortDays,
        double migrationEffortCost,
        int workloads,
        int waves,
        Map<String, Integer> byStrategy,
        Map<String, Integer> byReadiness,
        int findings,
        Map<String, Integer> bySeverity) {
    /** Requires the names; keeps the maps' order. */
    public Figures {
        Objects.requireNonNull(estate, "estate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(region, "region");
        byStrategy = Collections.unmodifiableMap(new LinkedHashMap<>(byStrategy));
        byReadiness = Collections.unmodifiableMap(new LinkedHashMap<>(byReadiness));
        bySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(bySeverity));
    }

    /** The findings at {@code severity} ({@code critical}, {@code high}, ...). */
    public int findings(String severity) {
        return bySeverity.getOrDefault(severity, 0);
    }

    /** What the target saves (positive) or adds (negative) each month, on demand. */
    public double monthlySavingOnDemand() {
        return Math.round((currentMonthly - targetOnDemandMonthly) * 100) / 100.0;
    }
}
