package io.sirsi.mcp.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One failed check on one resource: the check, the resource, what is wrong ({@code message}, with the
 * {@code evidence} the network and graph functions found), how to fix it, and the framework controls it
 * touches.
 */
public record Finding(
        String checkId,
        String title,
        Severity severity,
        String category,
        String resourceId,
        String resourceName,
        String resourceType,
        String account,
        String region,
        String message,
        List<String> evidence,
        String remediation,
        Map<String, List<String>> frameworks) {
    /** Requires the identifying fields; copies the collections. */
    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(resourceId, "resourceId");
        evidence = List.copyOf(evidence);
        frameworks = Map.copyOf(frameworks);
    }
}
