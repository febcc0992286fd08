package io.sirsi.mcp.reporting;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.security.Finding;
import io.sirsi.mcp.security.Scan;
import io.sirsi.mcp.security.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Findings the security agent returned ({@code run_checks}' structuredContent), read back into a
 * {@link Scan}: an object with a {@code findings} array whose items name at least their
 * {@code checkId}, {@code severity} and {@code resourceName}. Other fields are optional; unknown ones
 * are ignored.
 */
final class FindingsDocument {
    private FindingsDocument() {}

    /**
     * The scan the document describes.
     *
     * @throws ReportException naming what does not match
     */
    static Scan read(JsonNode doc, String label, Inventory inventory) {
        if (doc == null || !doc.isObject() || !doc.path("findings").isArray()) {
            throw new ReportException("The findings must be an object with a \"findings\" array: the "
                    + "structuredContent of the security agent's run_checks");
        }
        List<String> problems = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (JsonNode item : doc.path("findings")) {
            String at = "findings[" + i++ + "]";
            if (!item.isObject()) {
                problems.add(at + " is not an object");
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String field : List.of("checkId", "severity", "resourceName")) {
                if (!item.path(field).isString() || item.path(field).asString().isBlank()) {
                    missing.add(field);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(at + " has no " + String.join(", ", missing));
                continue;
            }
            String severity = item.path("severity").asString().toLowerCase(Locale.ROOT);
            if (Arrays.stream(Severity.values()).noneMatch(s -> s.id().equals(severity))) {
                problems.add(at + " has severity '" + item.path("severity").asString()
                        + "'; severities are critical, high, medium, low, info");
                continue;
            }
            findings.add(finding(item, Severity.valueOf(severity.toUpperCase(Locale.ROOT))));
        }
        if (!problems.isEmpty()) {
            throw new ReportException("The findings do not match the security findings schema: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
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
                doc.path("estate").asString(label),
                doc.path("provider").asString(inventory.provider()),
                doc.path("checksRun").asInt(0),
                doc.path("resourcesEvaluated").asInt(inventory.resources().size()),
                bySeverity,
                findings,
                strings(doc.path("passed")),
                strings(doc.path("notApplicable")));
    }

    private static Finding finding(JsonNode item, Severity severity) {
        String name = item.path("resourceName").asString();
        Map<String, List<String>> frameworks = new TreeMap<>();
        item.path("frameworks").properties().forEach(e -> frameworks.put(e.getKey(), strings(e.getValue())));
        return new Finding(
                item.path("checkId").asString(),
                item.path("title").asString(item.path("checkId").asString()),
                severity,
                item.path("category").asString(""),
                item.path("resourceId").asString(name),
                name,
                item.path("resourceType").asString(""),
                item.path("account").asString(""),
                item.path("region").asString(""),
                item.path("message").asString(""),
                strings(item.path("evidence")),
                item.path("remediation").asString(""),
                frameworks);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (n.isString()) {
                out.add(n.asString());
            }
        });
        return out;
    }
}
