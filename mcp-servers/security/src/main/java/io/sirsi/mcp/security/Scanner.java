package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Runs checks over an inventory. */
public final class Scanner {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(name|type|region|account|id|evidence|p:[^}]+)}");

    private Scanner() {}

    /** Runs {@code checks} over {@code inventory}; {@code estate} labels the result. */
    public static Scan run(String estate, Inventory inventory, List<Check> checks) {
        ScanContext context = new ScanContext(inventory);
        Map<String, List<Resource>> byType = new HashMap<>();
        for (Resource r : inventory.resources()) {
            byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
        }
        List<Finding> findings = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        int run = 0;
        for (Check check : checks) {
            if (!check.provider().equals(inventory.provider())) {
                continue;
            }
            run++;
            int applicable = 0;
            int failed = 0;
            for (String type : check.resourceTypes()) {
                for (Resource r : byType.getOrDefault(type, List.of())) {
                    Subject s = Subject.of(r, context);
                    if (check.where().isPresent() && !check.where().get().test(s)) {
                        continue;
                    }
                    applicable++;
                    Optional<Finding> f = failsApplicable(check, r, s);
                    if (f.isPresent()) {
                        findings.add(f.get());
                        failed++;
                    }
                }
            }
            if (applicable == 0) {
                notApplicable.add(check.id());
            } else if (failed == 0) {
                passed.add(check.id());
            }
        }
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::checkId)
                .thenComparing(Finding::resourceName));
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), 0);
        }
        findings.forEach(f -> bySeverity.merge(f.severity().id(), 1, Integer::sum));
        return new Scan(
                estate,
                inventory.provider(),
                run,
                inventory.resources().size(),
                bySeverity,
                findings,
                passed,
                notApplicable);
    }

    /** The finding if {@code resource} is in the scope of {@code check} and fails it. */
    static Optional<Finding> fails(Check check, Resource resource, ScanContext context) {
        Subject s = Subject.of(resource, context);
        if (check.where().isPresent() && !check.where().get().test(s)) {
            return Optional.empty();
        }
        s.evidence().clear();
        return failsApplicable(check, resource, s);
    }

    private static Optional<Finding> failsApplicable(Check check, Resource resource, Subject s) {
        ScanContext context = s.context();
        s.evidence().clear();
        if (!check.fail().test(s)) {
            return Optional.empty();
        }
        List<String> evidence = s.evidence().stream().distinct().toList();
        return Optional.of(new Finding(
                check.id(),
                check.title(),
                check.severity(),
                check.category(),
                resource.id(),
                resource.name(),
                resource.type(),
                resource.account(),
                resource.region(),
                message(check.message(), resource, evidence, context),
                evidence,
                check.remediation(),
                check.frameworks()));
    }

    private static String message(String template, Resource r, List<String> evidence, ScanContext context) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value =
                    switch (key) {
                        case "name" -> r.name();
                        case "type" -> r.type();
                        case "region" -> r.region();
                        case "account" -> r.account();
                        case "id" -> r.id();
                        case "evidence" -> evidence.isEmpty() ? "" : String.join("; ", evidence);
                        default -> {
                            List<JsonNode> values = Subject.of(r, context).values(key.substring(2));
                            yield values.isEmpty()
                                    ? "(not set)"
                                    : String.join(
                                            ", ",
                                            values.stream()
                                                    .map(JsonNode::asString)
                                                    .toList());
                        }
                    };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
