package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * A migration plan: the workloads, a decision for each (which the user accepts, changes or rejects),
 * the waves with their runbooks, and the cost comparison. It is a document: the user edits it and
 * hands it back, and the planner re-plans from it, keeping their decisions.
 */
public record Plan(
        String schemaVersion,
        String estate,
        Cloud source,
        Cloud target,
        String region,
        double comfortFactor,
        int waveSize,
        List<Workload> workloads,
        List<Decision> decisions,
        List<Wave> waves,
        CostComparison cost,
        List<String> notes) {
    /** The version of this document's shape. */
    public static final String SCHEMA_VERSION = "1.0";

    /** Requires every field. */
    public Plan {
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(estate, "estate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cost, "cost");
        workloads = List.copyOf(workloads);
        decisions = List.copyOf(decisions);
        waves = List.copyOf(waves);
        notes = List.copyOf(notes);
    }

    /** The decision about one workload. */
    public java.util.Optional<Decision> decision(String workload) {
        return decisions.stream().filter(d -> d.workload().equals(workload)).findFirst();
    }
}
