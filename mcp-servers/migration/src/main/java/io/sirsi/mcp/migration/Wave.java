package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * A move group or several, moved together. Wave 0 is the landing zone; the last wave may decommission
 * what is retired. {@code risk} is low, medium or high, from {@code riskScore}; {@code after} lists the
 * waves whose workloads this wave's depend on.
 */
public record Wave(
        int number,
        String name,
        List<String> workloads,
        List<List<String>> moveGroups,
        String risk,
        double riskScore,
        List<Integer> after,
        Runbook runbook) {
    /** Requires every field. */
    public Wave {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(runbook, "runbook");
        workloads = List.copyOf(workloads);
        moveGroups = moveGroups.stream().map(List::copyOf).toList();
        after = List.copyOf(after);
    }
}
