package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target model turned into provider resources, not yet in any syntax: the inputs, lookups, resources and
 * outputs, with one namespace of symbols shared by all of them (Bicep and Pulumi need that; Terraform
 * does not mind). Logical names keep their own name as the symbol of their main resource.
 */
final class IacProgram {
    final TargetModel model;
    final List<Variable> variables = new ArrayList<>();
    final List<IacResource> lookups = new ArrayList<>();
    final List<IacResource> resources = new ArrayList<>();
    final Map<String, Object> outputs = new LinkedHashMap<>();

    private final Set<String> taken = new LinkedHashSet<>();
    private final Map<String, String> symbols = new HashMap<>();

    private IacProgram(TargetModel model, Set<String> reserved) {
        this.model = model;
        taken.addAll(reserved);
        variables.addAll(inputs(model));
        variables.forEach(v -> claim(v.name()));
        for (TargetResource r : model.resources()) {
            symbols.put("resource:" + r.name(), claim(r.name()));
        }
    }

    /** A program for {@code model}, no symbol taking any of {@code reserved}. */
    static IacProgram create(TargetModel model, Set<String> reserved) {
        return new IacProgram(model, reserved);
    }

    /** The symbol of the main resource for the target resource {@code logical}. */
    String symbol(String logical) {
        String symbol = symbols.get("resource:" + logical);
        if (symbol == null) {
            throw new IllegalArgumentException("no target resource " + logical);
        }
        return symbol;
    }

    /** The symbol of the resource {@code owner} derives with {@code suffix}; the same on every call. */
    String derived(String owner, String suffix) {
        return symbols.computeIfAbsent("derived:" + owner + "/" + suffix, k -> claim(owner + "_" + suffix));
    }

    /** A symbol of the program's own (a resource group, a lookup); the same on every call. */
    String shared(String base) {
        return symbols.computeIfAbsent("shared:" + base, k -> claim(base));
    }

    /** Adds the main resource of {@code target}, to be imported when it already exists. */
    IacResource resource(String type, TargetResource target) {
        IacResource resource = new IacResource(type, symbol(target.name()));
        resource.importId = target.existingId();
        resources.add(resource);
        return resource;
    }

    /** Adds a resource that {@code owner} needs beside its main one. */
    IacResource derivedResource(String type, String owner, String suffix) {
        IacResource resource = new IacResource(type, derived(owner, suffix));
        resources.add(resource);
        return resource;
    }

    /** Adds a resource of the program's own. */
    IacResource sharedResource(String type, String base) {
        IacResource resource = new IacResource(type, shared(base));
        resources.add(resource);
        return resource;
    }

    /** Adds a lookup (a Terraform data source, a Pulumi invoke) once, and returns its symbol. */
    String lookup(String type, String base, Map<String, Object> arguments) {
        String symbol = shared(base);
        if (lookups.stream().noneMatch(l -> l.symbol.equals(symbol))) {
            IacResource lookup = new IacResource(type, symbol);
            lookup.body.putAll(arguments);
            lookups.add(lookup);
        }
        return symbol;
    }

    /** Declares {@code variable} unless the model already has one of that name. */
    void require(Variable variable) {
        if (variable(variable.name()).isEmpty()) {
            variables.add(variable);
            claim(variable.name());
        }
    }

    /** The variable named {@code name}. */
    Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Adds an output, its name made unique. */
    void output(String name, Object value) {
        String unique = name;
        for (int i = 2; outputs.containsKey(unique); i++) {
            unique = name + "_" + i;
        }
        outputs.put(unique, value);
    }

    /** The target resources of {@code kind}, in model order. */
    List<TargetResource> all(String kind) {
        return model.resources().stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The target resource {@code logical}. */
    TargetResource target(String logical) {
        return model.resource(logical).orElseThrow();
    }

    private String claim(String base) {
        String symbol = base;
        for (int i = 2; !taken.add(symbol); i++) {
            symbol = base + "_" + i;
        }
        return symbol;
    }

    /**
     * The model's variables, checked, with {@code environment} and {@code region} added when missing: every
     * name starts with the environment, so it is held to what the strictest cloud name allows.
     */
    private static List<Variable> inputs(TargetModel model) {
        List<Variable> inputs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Variable v : model.variables()) {
            if (!IacNames.validVariable(v.name())) {
                throw new MigrationException("Variable '" + v.name()
                        + "' is not a valid name in every IaC format; use letters, digits and underscores");
            }
            if (!seen.add(v.name().toLowerCase(java.util.Locale.ROOT).replace("_", ""))) {
                throw new MigrationException("Variables '" + v.name()
                        + "' and another differ only in case or underscores, which CloudFormation cannot tell apart");
            }
        }
        Optional<Variable> environment = model.variables().stream()
                .filter(v -> v.name().equals(IacNames.ENVIRONMENT))
                .findFirst();
        if (environment.isEmpty()) {
            inputs.add(
                    Variable.of(
                            IacNames.ENVIRONMENT,
                            "prod",
                            "Prefix of every resource name: 2-16 lower-case letters, digits or hyphens, starting with a letter"));
        } else if (environment.get().defaultValue().isPresent()
                && !IacNames.validEnvironment(
                        String.valueOf(environment.get().defaultValue().get()))) {
            throw new MigrationException("Variable environment defaults to '"
                    + environment.get().defaultValue().get()
                    + "'; resource names start with it, so use 2-16 lower-case letters, digits or hyphens");
        }
        if (model.variables().stream().noneMatch(v -> v.name().equals(IacNames.REGION))) {
            inputs.add(Variable.of(IacNames.REGION, model.region(), "Region (location) to deploy to"));
        }
        inputs.addAll(model.variables());
        return inputs;
    }
}
