package io.sirsi.mcp.migration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a plan creates on its target cloud: the resources, in dependency order, and the variables that
 * differ per environment. This is what the IaC writers read.
 */
public record TargetModel(Cloud cloud, String region, List<TargetResource> resources, List<Variable> variables) {
    /** Requires every field; names are unique; every {@link Ref} and {@link VarRef} resolves. */
    public TargetModel {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        resources = List.copyOf(resources);
        variables = List.copyOf(variables);
        Set<String> names = new LinkedHashSet<>();
        for (TargetResource r : resources) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two target resources are named " + r.name());
            }
        }
        Set<String> vars = new LinkedHashSet<>();
        variables.forEach(v -> vars.add(v.name()));
        for (TargetResource r : resources) {
            checkRefs(r.name(), r.properties(), names, vars);
        }
    }

    private static void checkRefs(String owner, Object value, Set<String> names, Set<String> vars) {
        switch (value) {
            case Ref ref -> {
                if (!names.contains(ref.ref())) {
                    throw new IllegalArgumentException(
                            owner + " refers to " + ref.ref() + ", which is not in the model");
                }
            }
            case VarRef var -> {
                if (!vars.contains(var.var())) {
                    throw new IllegalArgumentException(
                            owner + " uses variable " + var.var() + ", which is not declared");
                }
            }
            case Map<?, ?> map -> map.values().forEach(v -> checkRefs(owner, v, names, vars));
            case List<?> list -> list.forEach(v -> checkRefs(owner, v, names, vars));
            default -> {}
        }
    }

    /** The resource named {@code name}. */
    public java.util.Optional<TargetResource> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
