package io.sirsi.mcp.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compliance framework checks map to: its id ({@code cis-aws}, {@code hipaa}, ...), name, version,
 * where it is published, the provider it is written for (CIS benchmarks are per cloud), and the titles
 * of the controls Sirsi's checks support.
 */
public record Framework(
        String id, String name, String version, String url, Optional<String> provider, Map<String, String> controls) {
    /** Requires every field; copies the controls. */
    public Framework {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(provider, "provider");
        controls = Map.copyOf(controls);
    }
}
