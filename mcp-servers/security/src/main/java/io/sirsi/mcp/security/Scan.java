package io.sirsi.mcp.security;

import java.util.List;
import java.util.Map;

/**
 * The result of running checks over an inventory: the findings (most severe first), how many checks ran
 * and over how many resources, the checks that passed everywhere they applied, and the checks that
 * applied to nothing.
 */
public record Scan(
        String estate,
        String provider,
        int checksRun,
        int resourcesEvaluated,
        Map<String, Integer> bySeverity,
        List<Finding> findings,
        List<String> passed,
        List<String> notApplicable) {
    /** Copies the collections. */
    public Scan {
        bySeverity = Map.copyOf(bySeverity);
        findings = List.copyOf(findings);
        passed = List.copyOf(passed);
        notApplicable = List.copyOf(notApplicable);
    }
}
