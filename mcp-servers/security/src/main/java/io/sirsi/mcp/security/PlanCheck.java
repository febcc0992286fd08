package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.kit.ToolGroup;
import io.sirsi.mcp.migration.BundledPriceBook;
import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.MigrationException;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.Planner;
import io.sirsi.mcp.migration.TargetModel;
import io.sirsi.mcp.migration.TargetResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * check_plan: runs the checks over what a migration plan would build, and sorts the current estate's
 * findings into those the move fixes, those it carries into the target, those it rebuilds without a check
 * to say, and those on resources the plan does not move, so risks are fixed in the move rather than after.
 */
final class PlanCheck implements ToolGroup {
    private final CheckCatalog catalog;
    private final Planner planner = new Planner(BundledPriceBook.load());

    PlanCheck(CheckCatalog catalog) {
        this.catalog = catalog;
    }

    /** The verdicts of the current estate's findings against the plan, with the plan's own findings. */
    record Result(String estate, Cloud target, String region, Scan current, Scan planned, List<Verdict> verdicts) {}

    /**
     * What becomes of one current finding, and the target resources involved: {@code fixed} (a plan check of
     * its category looks at what replaces it, and passes), {@code carried} (one fails), {@code unverified}
     * (the plan rebuilds it, but no plan check looks at that category for that kind of resource), or
     * {@code notMoved} (the plan does not rebuild the resource).
     */
    record Verdict(Finding finding, String outcome, List<String> targetResources) {}

    @Override
    public List<KitTool> tools() {
        return List.of(SecurityTools.tool(
                "check_plan",
                "Checks a migration plan's target (what the plan would build) and tells, for each finding in the current "
                        + "estate, whether the move fixes it, carries it into the target, or leaves it behind; takes the "
                        + "estate and target, and optionally a plan document from the migration agent's plan_migration",
                "{\"type\":\"object\",\"properties\":{" + EstateInput.SCHEMA_PROPERTIES + ","
                        + "\"target\":{\"type\":\"string\",\"enum\":[\"aws\",\"azure\",\"gcp\"]},"
                        + "\"region\":{\"type\":\"string\"},"
                        + "\"plan\":{\"type\":\"object\",\"description\":\"A plan document from plan_migration, possibly edited\"}},"
                        + "\"required\":[\"target\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"estate\":{\"type\":\"string\"},\"target\":{\"type\":\"string\"},"
                        + "\"current\":{\"type\":\"object\"},\"planned\":{\"type\":\"object\"},\"fixed\":{\"type\":\"array\"},"
                        + "\"carried\":{\"type\":\"array\"},\"unverified\":{\"type\":\"array\"},\"notMoved\":{\"type\":\"array\"}},"
                        + "\"required\":[\"estate\",\"target\",\"current\",\"planned\",\"fixed\",\"carried\",\"unverified\","
                        + "\"notMoved\"]}",
                this::call));
    }

    private JsonNode call(ToolCall call) {
        EstateInput input = EstateInput.from(call);
        call.progress(10, 100, "Planning " + input.label());
        Result r = check(
                input,
                Cloud.of(call.string("target").orElse("")),
                call.string("region"),
                Optional.ofNullable(call.arguments().get("plan")));
        ObjectNode out = InventoryJson.MAPPER.createObjectNode();
        out.put("estate", r.estate()).put("target", r.target().id()).put("region", r.region());
        out.set(
                "current",
                SecurityTools.summary(r.current())
                        .put("findings", r.current().findings().size()));
        ObjectNode planned = SecurityTools.summary(r.planned());
        ArrayNode pf = planned.putArray("findings");
        r.planned().findings().forEach(f -> pf.add(InventoryJson.MAPPER.valueToTree(f)));
        out.set("planned", planned);
        for (String outcome : List.of("fixed", "carried", "unverified", "notMoved")) {
            ArrayNode list = out.putArray(outcome);
            r.verdicts().stream().filter(v -> v.outcome().equals(outcome)).forEach(v -> list.addObject()
                    .put("checkId", v.finding().checkId())
                    .put("severity", v.finding().severity().id())
                    .put("resource", v.finding().resourceName())
                    .put("message", v.finding().message())
                    .set("targetResources", InventoryJson.MAPPER.valueToTree(v.targetResources())));
        }
        return out;
    }

    /** Plans (or re-plans from {@code edited}) and checks both sides. */
    Result check(EstateInput input, Cloud target, Optional<String> region, Optional<JsonNode> edited) {
        Inventory inventory = input.inventory();
        Plan plan;
        TargetModel model;
        try {
            var o = Planner.Options.of(target);
            var options = new Planner.Options(target, region, o.comfortFactor(), o.waveSize(), o.dayRate(), Map.of());
            plan = planner.plan(inventory, input.label(), options, edited);
            model = planner.targetModel(inventory, plan, Map.of());
        } catch (MigrationException e) {
            throw new SecurityException(e.getMessage());
        }
        Scan current = Scanner.run(input.label(), inventory, catalog.checks());
        Inventory plannedInventory = PlannedTarget.of(model, input.label(), inventory.collectedAt());
        Scan planned = Scanner.run("plan of " + input.label(), plannedInventory, catalog.checks());
        List<Verdict> verdicts = verdicts(current, planned, model, catalog.checks());
        return new Result(input.label(), target, plan.region(), current, planned, verdicts);
    }

    /** What becomes of each current finding under {@code model}, given the findings on the planned resources. */
    static List<Verdict> verdicts(Scan current, Scan planned, TargetModel model, List<Check> checks) {
        // Which categories the plan checks look at, per kind of target resource: "fixed" needs one of them.
        Map<String, Set<String>> covered = new HashMap<>();
        for (Check c : checks) {
            if (c.provider().equals("plan")) {
                c.resourceTypes().forEach(t -> covered.computeIfAbsent(
                                t.substring("plan.".length()), k -> new java.util.HashSet<>())
                        .add(c.category()));
            }
        }
        Map<String, List<TargetResource>> bySource = new HashMap<>();
        for (TargetResource t : model.resources()) {
            t.sourceIds().forEach(s -> bySource.computeIfAbsent(s, k -> new ArrayList<>())
                    .add(t));
        }
        Map<String, Set<String>> plannedCategories = planned.findings().stream()
                .collect(Collectors.groupingBy(
                        Finding::resourceId, Collectors.mapping(Finding::category, Collectors.toSet())));
        List<Verdict> verdicts = new ArrayList<>();
        for (Finding f : current.findings()) {
            List<TargetResource> successors = bySource.getOrDefault(f.resourceId(), List.of());
            List<String> names = successors.stream().map(TargetResource::name).toList();
            String outcome;
            if (successors.isEmpty()) {
                outcome = "notMoved";
            } else if (successors.stream()
                    .anyMatch(t ->
                            plannedCategories.getOrDefault(t.name(), Set.of()).contains(f.category()))) {
                outcome = "carried";
            } else if (successors.stream()
                    .anyMatch(t -> covered.getOrDefault(t.kind(), Set.of()).contains(f.category()))) {
                outcome = "fixed";
            } else {
                outcome = "unverified";
            }
            verdicts.add(new Verdict(f, outcome, names));
        }
        return verdicts;
    }
}
