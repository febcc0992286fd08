package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * Resources that move together: an application (by its tags), or resources joined by their
 * dependencies. {@code id} is stable across re-plans of the same estate; {@code basis} says how the
 * grouping was decided ({@code tag app=portal}, {@code dependencies}, {@code single resource}).
 * {@code foundation} marks the landing zone: networks, firewalls, identities, keys and logging.
 */
public record Workload(
        String id, String name, String basis, boolean foundation, List<String> resourceIds, String environment) {
    /** Requires every field and at least one resource. */
    public Workload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(environment, "environment");
        resourceIds = List.copyOf(resourceIds);
        if (resourceIds.isEmpty()) {
            throw new IllegalArgumentException("a workload has resources: " + id);
        }
    }
}
