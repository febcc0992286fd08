package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.kit.ToolException;
import io.sirsi.mcp.kit.ToolGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The migration tools. All are read-only: they compute from the estate and the price snapshots, and
 * nothing outside the server changes. Every tool takes the estate as {@code estate} (a demo estate's
 * name, or generated:SIZE) or {@code inventory} (a document in the inventory schema), and a target cloud.
 */
final class MigrationTools implements ToolGroup {
    private static final String ESTATE_PROPERTIES = """
            "estate":{"type":"string","default":"kulturio","description":"A demo estate (kulturio, tvfone, uniedu) or generated:SIZE; kulturio when neither estate nor inventory is given"},
            "inventory":{"type":"object","description":"An inventory document in the Sirsi inventory schema"},
            "target":{"type":"string","enum":["aws","azure","gcp"],"description":"The cloud to move to"},
            "region":{"type":"string","description":"The target region (default: the nearest one the price snapshots cover)"},
            "comfortFactor":{"type":"number","minimum":1,"maximum":3,"description":"Headroom over the p95 utilization (default 1.3)"},
            "waveSize":{"type":"integer","minimum":1,"maximum":1000,"description":"Move groups per wave (default 3)"},
            "dayRate":{"type":"number","minimum":0,"description":"USD per person-day of migration effort (default 900)"},
            "plan":{"type":"object","description":"A plan this server returned, edited: accept, change or reject decisions, pin waves"}""";

    private final Planner planner;

    MigrationTools(Planner planner) {
        this.planner = planner;
    }

    @Override
    public List<KitTool> tools() {
        List<KitTool> tools = new ArrayList<>();
        tools.add(tool(
                "assess",
                "Assess an estate for a target cloud: workloads, a 7R strategy for each with its rationale, confidence "
                        + "and alternatives, readiness and blockers, and right-sized target sizes",
                "{\"type\":\"object\",\"properties\":{" + ESTATE_PROPERTIES
                        + "},\"required\":[\"target\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"estate\":{\"type\":\"string\"},\"target\":{\"type\":\"string\"},"
                        + "\"region\":{\"type\":\"string\"},\"byStrategy\":{\"type\":\"object\"},\"byReadiness\":{\"type\":\"object\"},"
                        + "\"workloads\":{\"type\":\"array\"}},\"required\":[\"estate\",\"target\",\"region\",\"byStrategy\",\"workloads\"]}",
                this::assess));
        tools.add(tool(
                "plan_migration",
                "Plan the migration of an estate to a target cloud: the assessment, dependency-closed waves with "
                        + "runbooks, and the cost comparison. Returns the plan document; edit its decisions (status "
                        + "accepted, changed or rejected; strategy; sizings[].targetSku; wave) and pass it back as plan to re-plan",
                "{\"type\":\"object\",\"properties\":{" + ESTATE_PROPERTIES
                        + "},\"required\":[\"target\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"schemaVersion\":{\"type\":\"string\"},\"target\":{\"type\":\"string\"},"
                        + "\"workloads\":{\"type\":\"array\"},\"decisions\":{\"type\":\"array\"},\"waves\":{\"type\":\"array\"},"
                        + "\"cost\":{\"type\":\"object\"}},\"required\":[\"schemaVersion\",\"target\",\"decisions\",\"waves\",\"cost\"]}",
                this::plan));
        tools.add(tool(
                "estimate_cost",
                "Compare the current monthly run-rate with the target's, on demand and with 1-year and 3-year "
                        + "commitments, plus the one-off migration effort; every price names its price list and date",
                "{\"type\":\"object\",\"properties\":{" + ESTATE_PROPERTIES
                        + "},\"required\":[\"target\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"currentMonthly\":{\"type\":\"number\"},\"targetOnDemandMonthly\":{\"type\":\"number\"},"
                        + "\"targetOneYearMonthly\":{\"type\":\"number\"},\"targetThreeYearMonthly\":{\"type\":\"number\"},"
                        + "\"migrationEffortCost\":{\"type\":\"number\"},\"sources\":{\"type\":\"array\"},\"lines\":{\"type\":\"array\"}},"
                        + "\"required\":[\"currentMonthly\",\"targetOnDemandMonthly\",\"sources\",\"lines\"]}",
                this::cost));
        tools.add(tool(
                "generate_iac",
                "Write the plan's target infrastructure as code: terraform (any cloud), pulumi (Pulumi YAML, any "
                        + "cloud), bicep (Azure) or cloudformation (AWS). References between resources, variables for "
                        + "what differs per environment, import blocks for resources named in existing",
                "{\"type\":\"object\",\"properties\":{" + ESTATE_PROPERTIES + ",\"format\":{\"type\":\"string\","
                        + "\"enum\":[\"terraform\",\"bicep\",\"pulumi\",\"cloudformation\"]},\"existing\":{\"type\":\"object\","
                        + "\"additionalProperties\":{\"type\":\"string\"},\"description\":\"Target resources that already exist: "
                        + "logical name to its id, imported instead of created\"}},\"required\":[\"target\",\"format\"],"
                        + "\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"format\":{\"type\":\"string\"},\"cloud\":{\"type\":\"string\"},"
                        + "\"resources\":{\"type\":\"integer\"},\"files\":{\"type\":\"array\"}},\"required\":[\"format\",\"cloud\",\"resources\",\"files\"]}",
                this::iac));
        tools.add(tool(
                "diagram",
                "Mermaid source for the current architecture, the target architecture or the wave plan",
                "{\"type\":\"object\",\"properties\":{" + ESTATE_PROPERTIES
                        + ",\"view\":{\"type\":\"string\",\"enum\":[\"current\","
                        + "\"target\",\"waves\"]}},\"required\":[\"target\",\"view\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"view\":{\"type\":\"string\"},\"mermaid\":{\"type\":\"string\"}},"
                        + "\"required\":[\"view\",\"mermaid\"]}",
                this::diagram));
        tools.add(tool(
                "price",
                "The price of a VM or database size in a region, on demand and with commitments, from the bundled "
                        + "price snapshots, with their source and date",
                "{\"type\":\"object\",\"properties\":{\"cloud\":{\"type\":\"string\",\"enum\":[\"aws\",\"azure\",\"gcp\"]},"
                        + "\"region\":{\"type\":\"string\"},\"sku\":{\"type\":\"string\",\"minLength\":1},\"kind\":{\"type\":\"string\","
                        + "\"enum\":[\"vm\",\"database\"]},\"os\":{\"type\":\"string\",\"enum\":[\"linux\",\"windows\"]},"
                        + "\"engine\":{\"type\":\"string\",\"enum\":[\"postgres\",\"mysql\",\"sqlserver\"]}},"
                        + "\"required\":[\"cloud\",\"region\",\"sku\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"onDemandHourly\":{\"type\":\"number\"},\"onDemandMonthly\":{\"type\":\"number\"},"
                        + "\"source\":{\"type\":\"object\"}},\"required\":[\"onDemandHourly\",\"onDemandMonthly\",\"source\"]}",
                this::price));
        return tools;
    }

    private interface Body {
        JsonNode run(ToolCall call);
    }

    private static KitTool tool(String name, String description, String input, String output, Body body) {
        return KitTool.builder(name)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                .idempotent(true)
                .handler(call -> {
                    try {
                        return body.run(call);
                    } catch (MigrationException e) {
                        throw new ToolException(e.getMessage());
                    }
                })
                .build();
    }

    /** The estate and plan of a call; progress is reported as it goes. */
    private record Planned(Inventory inventory, Plan plan) {}

    private Planned planned(ToolCall call) {
        Inventory inventory = inventory(call);
        call.progress(10, 100, "Read " + inventory.resources().size() + " resources");
        Optional<JsonNode> edited = Optional.ofNullable(call.arguments().get("plan"));
        Cloud target = Cloud.of(call.string("target")
                .orElseGet(() -> edited.map(p -> p.path("target").asString("")).orElse("")));
        JsonNode a = call.arguments();
        var options = new Planner.Options(
                target,
                call.string("region").or(() -> edited.map(p -> p.path("region").asString(null))),
                a.path("comfortFactor").asDouble(Rightsizer.DEFAULT_COMFORT),
                a.path("waveSize").asInt(3),
                a.path("dayRate").asDouble(Costing.DEFAULT_DAY_RATE),
                Map.of());
        call.checkCancelled();
        Plan plan = planner.plan(inventory, estateLabel(call), options, edited);
        call.progress(
                80,
                100,
                "Planned " + plan.workloads().size() + " workloads in "
                        + plan.waves().size() + " waves");
        return new Planned(inventory, plan);
    }

    private static String estateLabel(ToolCall call) {
        return call.string("estate").orElse(call.arguments().has("inventory") ? "inventory document" : "kulturio");
    }

    private static Inventory inventory(ToolCall call) {
        JsonNode doc = call.arguments().get("inventory");
        Optional<String> estate = call.string("estate");
        if (doc != null && estate.isPresent()) {
            throw new MigrationException("Give estate or inventory, not both");
        }
        if (doc == null) {
            // Offline by default: without an estate or a document, the demo estate.
            return Planner.estate(estate.orElse("kulturio"));
        }
        List<String> violations = InventoryJson.violations(doc);
        if (!violations.isEmpty()) {
            throw new MigrationException("The inventory does not match the inventory schema: "
                    + String.join("; ", violations.subList(0, Math.min(5, violations.size())))
                    + (violations.size() > 5 ? "; and " + (violations.size() - 5) + " more" : ""));
        }
        try {
            return InventoryJson.read(doc);
        } catch (RuntimeException e) {
            throw new MigrationException("The inventory cannot be read: " + e.getMessage());
        }
    }

    private JsonNode assess(ToolCall call) {
        Planned p = planned(call);
        ObjectNode out = object().put("estate", p.plan().estate())
                .put("source", p.plan().source().id())
                .put("target", p.plan().target().id())
                .put("region", p.plan().region());
        Map<String, Integer> byStrategy = new TreeMap<>();
        Map<String, Integer> byReadiness = new TreeMap<>();
        ArrayNode list = out.putArray("workloads");
        for (Decision d : p.plan().decisions()) {
            byStrategy.merge(d.strategy().id(), 1, Integer::sum);
            byReadiness.merge(d.readiness().id(), 1, Integer::sum);
            Workload w = p.plan().workloads().stream()
                    .filter(x -> x.id().equals(d.workload()))
                    .findFirst()
                    .orElseThrow();
            ObjectNode item = (ObjectNode) InventoryJson.MAPPER.valueToTree(d);
            item.put("name", w.name())
                    .put("basis", w.basis())
                    .put("resources", w.resourceIds().size());
            list.add(item);
        }
        out.set("byStrategy", InventoryJson.MAPPER.valueToTree(byStrategy));
        out.set("byReadiness", InventoryJson.MAPPER.valueToTree(byReadiness));
        return out;
    }

    private JsonNode plan(ToolCall call) {
        return InventoryJson.MAPPER.valueToTree(planned(call).plan());
    }

    private JsonNode cost(ToolCall call) {
        return InventoryJson.MAPPER.valueToTree(planned(call).plan().cost());
    }

    private JsonNode iac(ToolCall call) {
        Planned p = planned(call);
        IacWriter writer = IacWriters.of(call.string("format").orElse(""));
        Map<String, String> existing = new LinkedHashMap<>();
        call.arguments()
                .path("existing")
                .properties()
                .forEach(e -> existing.put(e.getKey(), e.getValue().asString("")));
        TargetModel model = planner.targetModel(p.inventory(), p.plan(), existing);
        for (String name : existing.keySet()) {
            if (model.resource(name).isEmpty()) {
                throw new MigrationException("existing names '" + name + "', which the plan does not build; it builds "
                        + model.resources().stream()
                                .limit(12)
                                .map(TargetResource::name)
                                .toList()
                        + (model.resources().size() > 12 ? " ..." : ""));
            }
        }
        if (!writer.supports(model.cloud())) {
            throw new MigrationException(
                    writer.format() + " cannot describe " + model.cloud().displayName()
                            + " resources; use terraform or pulumi" + (model.cloud() == Cloud.AZURE ? ", or bicep" : "")
                            + (model.cloud() == Cloud.AWS ? ", or cloudformation" : ""));
        }
        call.checkCancelled();
        List<IacFile> files = writer.write(model);
        call.progress(
                100,
                100,
                "Wrote " + files.size() + " files for " + model.resources().size() + " resources");
        ObjectNode out = object().put("format", writer.format())
                .put("cloud", model.cloud().id())
                .put("region", model.region())
                .put("resources", model.resources().size());
        ArrayNode list = out.putArray("files");
        for (IacFile f : files) {
            list.addObject().put("path", f.path()).put("content", f.content());
        }
        return out;
    }

    private JsonNode diagram(ToolCall call) {
        Planned p = planned(call);
        String view = call.string("view").orElse("current");
        String mermaid =
                switch (view) {
                    case "current" -> Diagrams.current(p.inventory(), p.plan().workloads());
                    case "target" -> Diagrams.target(planner.targetModel(p.inventory(), p.plan(), Map.of()));
                    default -> Diagrams.waves(p.plan());
                };
        return object().put("view", view).put("mermaid", mermaid);
    }

    private JsonNode price(ToolCall call) {
        Cloud cloud = Cloud.of(call.string("cloud").orElse(""));
        String region = call.string("region").orElse("");
        String sku = call.string("sku").orElse("");
        PriceBook book = planner.book();
        if (!book.regions(cloud).contains(region)) {
            throw new MigrationException("Unknown " + cloud.displayName() + " region '" + region
                    + "'; the price snapshots cover " + String.join(", ", book.regions(cloud)));
        }
        boolean database = call.string("kind").orElse("vm").equals("database");
        Optional<Price> price = database
                ? book.database(cloud, region, call.string("engine").orElse("postgres"), sku)
                : book.compute(cloud, region, sku, call.string("os").orElse("linux"));
        if (price.isEmpty()) {
            List<String> known = database
                    ? book.databaseSkus(cloud).stream().map(DatabaseSku::name).toList()
                    : book.computeSkus(cloud).stream().map(ComputeSku::name).toList();
            throw new MigrationException(
                    "Unknown " + cloud.displayName() + (database ? " database" : " VM") + " size '" + sku
                            + "' in " + region + "; the snapshots price "
                            + String.join(", ", known.subList(0, Math.min(12, known.size())))
                            + (known.size() > 12 ? " and " + (known.size() - 12) + " more" : ""));
        }
        Price p = price.get();
        ObjectNode out = object().put("cloud", cloud.id())
                .put("region", region)
                .put("sku", sku)
                .put("onDemandHourly", p.onDemandHourly())
                .put("onDemandMonthly", Costing.round(p.onDemandHourly() * Price.HOURS_PER_MONTH));
        p.oneYearHourly().ifPresent(h -> out.put("oneYearHourly", h)
                .put("oneYearMonthly", Costing.round(h * Price.HOURS_PER_MONTH)));
        p.threeYearHourly().ifPresent(h -> out.put("threeYearHourly", h)
                .put("threeYearMonthly", Costing.round(h * Price.HOURS_PER_MONTH)));
        out.set("source", InventoryJson.MAPPER.valueToTree(p.source()));
        return out;
    }

    private static ObjectNode object() {
        return InventoryJson.MAPPER.createObjectNode();
    }
}
