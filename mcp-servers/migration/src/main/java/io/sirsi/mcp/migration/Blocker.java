package io.sirsi.mcp.migration;

import java.util.Objects;

/**
 * Something found in the estate that stands in a migration's way, or that the migration must handle.
 * {@code severity} is {@code blocker} (fix before moving: not ready), {@code condition} (handled by a
 * pre-step or a target setting: ready with conditions) or {@code info}. {@code remedy} says what to do;
 * {@code preStep} puts it in the wave runbook's pre-checks.
 */
public record Blocker(
        String resourceId,
        String resourceName,
        String code,
        String severity,
        String message,
        String remedy,
        boolean preStep) {
    /** Requires every field, and a known severity. */
    public Blocker {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
        if (!severity.equals("blocker") && !severity.equals("condition") && !severity.equals("info")) {
            throw new IllegalArgumentException("severity is blocker, condition or info: " + severity);
        }
    }
}
