package io.sirsi.host.planner;

import io.sirsi.host.mcp.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Composes a playbook's answer from the structured results of its steps: what was found, proposed, costed, written. */
final class AnswerWriter {
    private AnswerWriter() {}

    static String compose(
            String kind, Map<String, String> slots, Map<String, ToolResult> results, List<Path> artifacts) {
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case "exposure" -> exposure(out, slots, results.get("checks").structured());
            case "posture" -> posture(out, slots, results.get("checks").structured());
            case "migration" ->
                migration(
                        out,
                        slots,
                        results.get("plan").structured(),
                        results.get("iac").structured());
            case "report" -> report(out, results.get("report").structured());
            case "discovery" ->
                discovery(
                        out,
                        slots,
                        results.get("discover").structured(),
                        results.get("summary").structured());
            case "iac" ->
                out.append("Infrastructure as code for ")
                        .append(slots.get("estate"))
                        .append(" on ")
                        .append(slots.get("target"))
                        .append(", in ")
                        .append(slots.get("format"))
                        .append(": ")
                        .append(maps(results.get("iac").structured().get("files"))
                                .size())
                        .append(" files.\n");
            default -> results.values().forEach(r -> out.append(r.text()).append('\n'));
        }
        if (!artifacts.isEmpty()) {
            out.append("\nArtifacts:\n");
            for (Path p : artifacts) {
                out.append("  ").append(p).append(" (").append(size(p)).append(" bytes)\n");
            }
        }
        return out.toString().strip();
    }

    private static void exposure(StringBuilder out, Map<String, String> slots, Map<String, Object> checks) {
        List<Map<String, Object>> findings = maps(checks.get("findings"));
        out.append("Exposed to the internet in ").append(slots.get("estate")).append(": ");
        if (findings.isEmpty()) {
            out.append("nothing; ").append(checks.get("checksRun")).append(" checks found no network exposure.\n");
            return;
        }
        Set<String> resources = new LinkedHashSet<>();
        findings.forEach(f -> resources.add(String.valueOf(f.get("resourceName"))));
        out.append(resources.size())
                .append(" resources, ")
                .append(findings.size())
                .append(" findings (")
                .append(checks.get("checksRun"))
                .append(" checks over ")
                .append(checks.get("resourcesEvaluated"))
                .append(" resources).\n");
        Map<String, Map<String, Object>> byCheck = new LinkedHashMap<>();
        for (Map<String, Object> f : findings) {
            byCheck.putIfAbsent(String.valueOf(f.get("checkId")), f);
        }
        for (var check : byCheck.entrySet()) {
            Map<String, Object> first = check.getValue();
            out.append("\n")
                    .append(first.get("title"))
                    .append(" [")
                    .append(first.get("severity"))
                    .append("]\n");
            for (Map<String, Object> f : findings) {
                if (check.getKey().equals(f.get("checkId"))) {
                    out.append("  - ")
                            .append(f.get("resourceName"))
                            .append(" (")
                            .append(f.get("resourceType"))
                            .append("): ")
                            .append(f.get("message"))
                            .append('\n');
                }
            }
            if (first.get("remediation") != null) {
                out.append("  Proposed: ").append(first.get("remediation")).append('\n');
            }
        }
    }

    private static void discovery(
            StringBuilder out, Map<String, String> slots, Map<String, Object> found, Map<String, Object> summary) {
        out.append("Discovered ")
                .append(found.get("resources"))
                .append(" resources and ")
                .append(found.get("relationships"))
                .append(" relationships in ")
                .append(slots.get("estate"))
                .append(" (")
                .append(found.get("source"))
                .append("); estimated monthly cost ")
                .append(
                        summary.get("monthlyCost") instanceof Number n
                                ? String.format(Locale.ROOT, "%,.2f USD", n.doubleValue())
                                : String.valueOf(summary.get("monthlyCost")))
                .append(".\n");
        if (found.get("byType") instanceof Map<?, ?> byType) {
            byType.entrySet().stream()
                    .sorted((a, b) ->
                            Long.compare(((Number) b.getValue()).longValue(), ((Number) a.getValue()).longValue()))
                    .limit(12)
                    .forEach(e -> out.append("  ")
                            .append(e.getKey())
                            .append(": ")
                            .append(e.getValue())
                            .append('\n'));
        }
    }

    private static void posture(StringBuilder out, Map<String, String> slots, Map<String, Object> checks) {
        out.append("Security posture of ")
                .append(slots.get("estate"))
                .append(": ")
                .append(checks.get("checksRun"))
                .append(" checks over ")
                .append(checks.get("resourcesEvaluated"))
                .append(" resources; findings by severity ")
                .append(checks.get("bySeverity"))
                .append(".\n");
        List<Map<String, Object>> findings = maps(checks.get("findings"));
        findings.stream()
                .filter(f -> Set.of("critical", "high").contains(String.valueOf(f.get("severity"))))
                .limit(12)
                .forEach(f -> out.append("  - [")
                        .append(f.get("severity"))
                        .append("] ")
                        .append(f.get("resourceName"))
                        .append(": ")
                        .append(f.get("title"))
                        .append('\n'));
    }

    private static void migration(
            StringBuilder out, Map<String, String> slots, Map<String, Object> plan, Map<String, Object> iac) {
        List<Map<String, Object>> decisions = maps(plan.get("decisions"));
        List<Map<String, Object>> waves = maps(plan.get("waves"));
        out.append("Migration plan for ")
                .append(plan.get("estate"))
                .append(" (")
                .append(plan.get("source"))
                .append(") to ")
                .append(plan.get("target"))
                .append(" in ")
                .append(plan.get("region"))
                .append(": ")
                .append(maps(plan.get("workloads")).size())
                .append(" workloads in ")
                .append(waves.size())
                .append(" waves.\n\nProposed:\n");
        for (Map<String, Object> d : decisions) {
            out.append("  - ").append(d.get("workload")).append(": ").append(d.get("strategy"));
            List<Map<String, Object>> blockers = maps(d.get("blockers"));
            if (!blockers.isEmpty()) {
                out.append(" (")
                        .append(d.get("readiness"))
                        .append(", ")
                        .append(blockers.size())
                        .append(" blocker")
                        .append(blockers.size() == 1 ? "" : "s")
                        .append(": ")
                        .append(blockers.getFirst().get("message"))
                        .append(')');
            }
            out.append('\n');
        }
        for (Map<String, Object> w : waves) {
            out.append("  ")
                    .append(w.get("name"))
                    .append(" (risk ")
                    .append(w.get("risk"))
                    .append(")\n");
        }
        if (plan.get("cost") instanceof Map<?, ?> cost) {
            String c = String.valueOf(cost.get("currency"));
            out.append("\nCost per month: today ")
                    .append(money(c, cost.get("currentMonthly")))
                    .append("; on ")
                    .append(plan.get("target"))
                    .append(' ')
                    .append(money(c, cost.get("targetOnDemandMonthly")))
                    .append(" on demand, ")
                    .append(money(c, cost.get("targetOneYearMonthly")))
                    .append(" with 1-year and ")
                    .append(money(c, cost.get("targetThreeYearMonthly")))
                    .append(" with 3-year commitments. ")
                    .append("Migration effort: ")
                    .append(cost.get("migrationEffortDays"))
                    .append(" days (")
                    .append(money(c, cost.get("migrationEffortCost")))
                    .append(").\n");
        }
        out.append("\n")
                .append(capitalize(String.valueOf(iac.get("format"))))
                .append(" for ")
                .append(iac.get("cloud"))
                .append(": ")
                .append(iac.get("resources"))
                .append(" resources in ")
                .append(maps(iac.get("files")).size())
                .append(" files.\n");
    }

    private static void report(StringBuilder out, Map<String, Object> report) {
        out.append("Report \"")
                .append(report.get("title"))
                .append("\" (")
                .append(report.get("id"))
                .append(").\n");
        if (report.get("uris") instanceof Map<?, ?> uris) {
            Map<?, ?> sizes = report.get("sizes") instanceof Map<?, ?> s ? s : Map.of();
            uris.forEach((format, uri) -> out.append("  ")
                    .append(format)
                    .append(": ")
                    .append(uri)
                    .append(" (")
                    .append(sizes.get(format))
                    .append(" bytes)\n"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .map(i -> (Map<String, Object>) i)
                .toList();
    }

    private static String money(String currency, Object amount) {
        if (amount instanceof Number n) {
            return String.format(Locale.ROOT, "%s %,.2f", currency, n.doubleValue());
        }
        return String.valueOf(amount);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
