package io.sirsi.mcp.migration;

import java.util.List;

/** What a wave's team does, in order: checks before, the backups, the steps, how to validate, how to roll back. */
public record Runbook(
        List<String> preChecks,
        List<String> backups,
        List<String> steps,
        List<String> validation,
        List<String> rollback) {
    /** Copies the lists. */
    public Runbook {
        preChecks = List.copyOf(preChecks);
        backups = List.copyOf(backups);
        steps = List.copyOf(steps);
        validation = List.copyOf(validation);
        rollback = List.copyOf(rollback);
    }
}
