package io.sirsi.mcp.reporting;

import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.MigrationException;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A plan document the migration agent returned ({@code plan_migration}'s structuredContent), checked
 * before the planner re-reads it: the fields the migration agent's output schema requires, a target
 * that is a cloud and the one the report is for, and decisions that name their workloads.
 */
final class PlanDocument {
    private static final Map<String, String> REQUIRED = Map.of(
            "schemaVersion", "string", "target", "string", "decisions", "array", "waves", "array", "cost", "object");

    private PlanDocument() {}

    /**
     * The planner's options that re-plan {@code plan} for {@code target}.
     *
     * @throws ReportException naming what does not match
     */
    static Planner.Options options(JsonNode plan, Cloud target) {
        if (plan == null || !plan.isObject()) {
            throw new ReportException(
                    "The plan must be an object: the structuredContent of the migration agent's " + "plan_migration");
        }
        List<String> problems = new ArrayList<>();
        for (String field : List.of("schemaVersion", "target", "decisions", "waves", "cost")) {
            JsonNode value = plan.get(field);
            String type = REQUIRED.get(field);
            if (value == null || value.isNull()) {
                problems.add("\"" + field + "\" is missing");
            } else if (!is(value, type)) {
                problems.add("\"" + field + "\" must be " + (type.equals("array") ? "an " : "a ") + type);
            }
        }
        if (problems.isEmpty()) {
            String version = plan.path("schemaVersion").asString();
            if (!version.startsWith(Plan.SCHEMA_VERSION.substring(0, 2))) {
                problems.add("schemaVersion is '" + version + "'; this agent reads " + Plan.SCHEMA_VERSION);
            }
            int i = 0;
            for (JsonNode d : plan.path("decisions")) {
                if (!d.path("workload").isString()) {
                    problems.add("decisions[" + i + "] has no \"workload\"");
                }
                i++;
            }
        }
        if (!problems.isEmpty()) {
            throw new ReportException("The plan does not match the migration plan schema: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
        Cloud planned;
        try {
            planned = Cloud.of(plan.path("target").asString());
        } catch (MigrationException e) {
            throw new ReportException("The plan's target '"
                    + plan.path("target").asString() + "' is not a cloud; a plan targets aws, azure or gcp");
        }
        if (planned != target) {
            throw new ReportException("The plan targets " + planned.displayName() + ", but the report's target is "
                    + target.displayName() + "; give target " + planned.id() + " or a plan for " + target.id());
        }
        Planner.Options defaults = Planner.Options.of(target);
        try {
            return new Planner.Options(
                    target,
                    plan.path("region").isString()
                            ? Optional.of(plan.path("region").asString())
                            : Optional.empty(),
                    plan.path("comfortFactor").asDouble(defaults.comfortFactor()),
                    plan.path("waveSize").asInt(defaults.waveSize()),
                    plan.path("cost").path("dayRate").asDouble(defaults.dayRate()),
                    Map.of());
        } catch (MigrationException e) {
            throw new ReportException("The plan cannot be re-read: " + e.getMessage());
        }
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "array" -> value.isArray();
            default -> value.isObject();
        };
    }
}
