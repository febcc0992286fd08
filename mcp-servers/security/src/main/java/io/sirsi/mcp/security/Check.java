package io.sirsi.mcp.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One check, read from its rule file: which resources it applies to ({@code provider},
 * {@code resourceTypes}, an optional {@code where}), when one fails ({@code fail}), what to say
 * ({@code message}, with {@code {name}}, {@code {type}}, {@code {region}}, {@code {p:PATH}} and
 * {@code {evidence}} filled in), how to fix it, and the framework controls it supports.
 */
public record Check(
        String id,
        String title,
        Severity severity,
        String provider,
        String service,
        String category,
        List<String> resourceTypes,
        String description,
        String risk,
        String remediation,
        List<String> references,
        Map<String, List<String>> frameworks,
        Optional<Condition> where,
        Condition fail,
        String message,
        List<JsonNode> failExamples,
        List<JsonNode> passExamples,
        String source) {

    /** The categories a check belongs to. */
    public static final Set<String> CATEGORIES = Set.of(
            "network-exposure",
            "encryption-at-rest",
            "encryption-in-transit",
            "public-access",
            "identity",
            "logging",
            "backup",
            "patching",
            "instance-hardening",
            "key-management");

    /** The providers a check may target; {@code plan} is a migration plan's target model. */
    public static final Set<String> PROVIDERS = Set.of("aws", "azure", "gcp", "plan");

    /** Requires every field; copies the collections. */
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(fail, "fail");
        resourceTypes = List.copyOf(resourceTypes);
        references = List.copyOf(references);
        frameworks = Map.copyOf(frameworks);
        failExamples = List.copyOf(failExamples);
        passExamples = List.copyOf(passExamples);
    }

    /** Whether the check maps to a control of {@code framework}. */
    public boolean inFramework(String framework) {
        return frameworks.containsKey(framework);
    }
}
