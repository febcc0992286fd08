package io.sirsi.mcp.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One resource to create on the target cloud, in a cloud-neutral shape that every IaC writer maps to
 * its own resource types.
 *
 * <p>{@code name} is the logical name, unique in the model and valid as an identifier in every format
 * ({@code [a-z][a-z0-9_]*}). {@code kind} is one of {@link #KINDS}; the properties each kind carries
 * are listed there. A property value is a string, number, boolean, list, map, a {@link Ref} to
 * another target resource, or a {@link VarRef} to a variable. {@code existingId} is set when the
 * resource already exists on the target and should be imported rather than created.
 * {@code sourceIds} are the inventory resources it replaces, and {@code workload} the workload it
 * belongs to.
 */
public record TargetResource(
        String name,
        String kind,
        String workload,
        java.util.List<String> sourceIds,
        Map<String, Object> properties,
        Optional<String> existingId) {

    /**
     * The kinds, and their properties (optional ones in brackets):
     *
     * <ul>
     *   <li>{@code network}: cidr
     *   <li>{@code subnet}: network (Ref), cidr, [public] (bool)
     *   <li>{@code firewall}: network (Ref), rules: list of {protocol (tcp|udp|icmp|all), fromPort, toPort,
     *       sources: list of CIDR strings or Refs to firewalls}
     *   <li>{@code vm}: size (the target SKU), os (linux|windows), image (a string the writer maps per
     *       cloud: ubuntu-22.04, windows-2022, ...), subnet (Ref), firewalls (list of Ref), diskGb, [role] (Ref)
     *   <li>{@code database}: engine (postgres|mysql|sqlserver), version, size (SKU), storageGb, subnets (list
     *       of Ref), firewalls (list of Ref), encrypted (bool), [highAvailability] (bool), password (VarRef)
     *   <li>{@code bucket}: bucketName, versioning (bool), encrypted (bool), [storageClass]
     *   <li>{@code load-balancer}: public (bool), subnets (list of Ref), firewalls (list of Ref), port,
     *       protocol (http|https|tcp), targets (list of Ref to vms)
     *   <li>{@code role}: assumedBy (a service: compute), policies (list of strings)
     * </ul>
     */
    public static final java.util.List<String> KINDS =
            java.util.List.of("network", "subnet", "firewall", "vm", "database", "bucket", "load-balancer", "role");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Requires a valid name, a known kind and the other fields; copies the collections. */
    public TargetResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(existingId, "existingId");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a target resource name is [a-z][a-z0-9_]*, not " + name);
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown kind " + kind + "; kinds are " + KINDS);
        }
        sourceIds = java.util.List.copyOf(sourceIds);
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A builder for a resource of {@code kind} named {@code name} in {@code workload}. */
    public static Builder builder(String name, String kind, String workload) {
        return new Builder(name, kind, workload);
    }

    /** Builds a {@link TargetResource}. */
    public static final class Builder {
        private final String name;
        private final String kind;
        private final String workload;
        private final java.util.List<String> sourceIds = new java.util.ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private Optional<String> existingId = Optional.empty();

        private Builder(String name, String kind, String workload) {
            this.name = name;
            this.kind = kind;
            this.workload = workload;
        }

        /** Sets a property. */
        public Builder with(String key, Object value) {
            properties.put(key, value);
            return this;
        }

        /** Adds an inventory resource this one replaces. */
        public Builder replaces(String sourceId) {
            sourceIds.add(sourceId);
            return this;
        }

        /** Marks the resource as existing on the target, to be imported. */
        public Builder existing(String id) {
            existingId = Optional.of(id);
            return this;
        }

        /** The resource. */
        public TargetResource build() {
            return new TargetResource(name, kind, workload, sourceIds, properties, existingId);
        }
    }
}
