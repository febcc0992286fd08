package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.kit.ToolException;
import io.sirsi.mcp.kit.ToolGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The scanning tools: run_checks, explain_finding, list_checks and list_frameworks. */
final class SecurityTools implements ToolGroup {
    private final CheckCatalog catalog;

    SecurityTools(CheckCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<KitTool> tools() {
        List<KitTool> tools = new ArrayList<>();
        tools.add(tool(
                "run_checks",
                "Runs the security checks over an estate or inventory document and returns the findings, most severe "
                        + "first, with remediation and framework controls; format sarif or ocsf adds a SARIF 2.1.0 log or "
                        + "OCSF Compliance Finding records",
                "{\"type\":\"object\",\"properties\":{" + EstateInput.SCHEMA_PROPERTIES + ","
                        + "\"framework\":{\"type\":\"string\",\"description\":\"Only checks mapped to this framework "
                        + "(see list_frameworks), such as hipaa or cis-aws\"},"
                        + "\"checks\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Only these check ids\"},"
                        + "\"minSeverity\":{\"type\":\"string\",\"enum\":[\"critical\",\"high\",\"medium\",\"low\",\"info\"]},"
                        + "\"format\":{\"type\":\"string\",\"enum\":[\"json\",\"sarif\",\"ocsf\"],\"default\":\"json\"},"
                        + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100000,\"default\":1000,"
                        + "\"description\":\"At most this many findings in the answer; the counts are always complete\"}},"
                        + "\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"estate\":{\"type\":\"string\"},\"provider\":{\"type\":\"string\"},"
                        + "\"checksRun\":{\"type\":\"integer\"},\"resourcesEvaluated\":{\"type\":\"integer\"},"
                        + "\"bySeverity\":{\"type\":\"object\"},\"findings\":{\"type\":\"array\"},\"passed\":{\"type\":\"array\"},"
                        + "\"truncated\":{\"type\":\"boolean\"},\"sarif\":{\"type\":\"object\"},\"ocsf\":{\"type\":\"array\"}},"
                        + "\"required\":[\"estate\",\"provider\",\"checksRun\",\"bySeverity\",\"findings\",\"truncated\"]}",
                this::run));
        tools.add(tool(
                "explain_finding",
                "Explains a check (what it looks at, the risk, the fix, the framework controls) and, given a resource id "
                        + "or name, why that resource fails or passes it",
                "{\"type\":\"object\",\"properties\":{\"check\":{\"type\":\"string\",\"minLength\":1},"
                        + "\"resource\":{\"type\":\"string\",\"description\":\"A resource id or name in the estate\"},"
                        + EstateInput.SCHEMA_PROPERTIES + "},\"required\":[\"check\"],\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"check\":{\"type\":\"object\"},\"frameworks\":{\"type\":\"array\"},"
                        + "\"resource\":{\"type\":\"object\"}},\"required\":[\"check\",\"frameworks\"]}",
                this::explain));
        tools.add(tool(
                "list_checks",
                "Lists the checks, optionally only those for a provider, framework, category or minimum severity",
                "{\"type\":\"object\",\"properties\":{\"provider\":{\"type\":\"string\",\"enum\":[\"aws\",\"azure\",\"gcp\",\"plan\"]},"
                        + "\"framework\":{\"type\":\"string\"},\"category\":{\"type\":\"string\"},"
                        + "\"minSeverity\":{\"type\":\"string\",\"enum\":[\"critical\",\"high\",\"medium\",\"low\",\"info\"]}},"
                        + "\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"},\"checks\":{\"type\":\"array\"}},"
                        + "\"required\":[\"count\",\"checks\"]}",
                this::listChecks));
        tools.add(tool(
                "list_frameworks",
                "Lists the compliance frameworks (CIS for each cloud, HIPAA, PCI DSS, SOC 2) with the controls the checks "
                        + "support and which checks support each",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"frameworks\":{\"type\":\"array\"}},\"required\":[\"frameworks\"]}",
                call -> listFrameworks()));
        return tools;
    }

    interface Body {
        JsonNode run(ToolCall call);
    }

    static KitTool tool(String name, String description, String input, String output, Body body) {
        return KitTool.builder(name)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                .idempotent(true)
                .handler(call -> {
                    try {
                        return body.run(call);
                    } catch (SecurityException e) {
                        throw new ToolException(e.getMessage());
                    }
                })
                .build();
    }

    /** The checks a call selects: by framework, ids and severity; unknown names are errors. */
    List<Check> selected(ToolCall call, String provider) {
        Optional<String> framework = call.string("framework");
        framework.ifPresent(id -> {
            Framework f = catalog.framework(id);
            if (f.provider().isPresent() && !f.provider().get().equals(provider)) {
                throw new SecurityException(
                        f.name() + " is written for " + f.provider().get()
                                + " and this inventory is " + provider + "; use cis-" + provider
                                + " or a framework for every cloud (hipaa, pci-dss, soc2)");
            }
        });
        Severity min = call.string("minSeverity").map(Severity::of).orElse(Severity.INFO);
        List<String> ids = new ArrayList<>();
        call.arguments().path("checks").forEach(n -> ids.add(n.asString()));
        for (String id : ids) {
            Check c = catalog.check(id)
                    .orElseThrow(() -> new SecurityException(
                            "Unknown check id '" + id + "'" + suggestions(id) + "; list_checks lists them"));
            if (!c.provider().equals(provider)) {
                throw new SecurityException(
                        "Check '" + id + "' applies to " + c.provider() + " inventories, and this one is " + provider);
            }
        }
        return catalog.checks().stream()
                .filter(c -> c.provider().equals(provider))
                .filter(c -> framework.map(c::inFramework).orElse(true))
                .filter(c -> ids.isEmpty() || ids.contains(c.id()))
                .filter(c -> c.severity().atLeast(min))
                .toList();
    }

    /** Check ids sharing the most words with {@code id}, besides the provider. */
    private String suggestions(String id) {
        List<String> words = new ArrayList<>(List.of(id.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
        words.removeIf(w -> w.length() < 3 || Check.PROVIDERS.contains(w));
        Map<String, Integer> scores = new TreeMap<>();
        for (Check c : catalog.checks()) {
            int hits = (int) words.stream().filter(w -> c.id().contains(w)).count();
            if (hits > 0) {
                scores.put(c.id(), hits);
            }
        }
        List<String> close = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(5)
                .map(Map.Entry::getKey)
                .toList();
        return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
    }

    private JsonNode run(ToolCall call) {
        EstateInput input = EstateInput.from(call);
        List<Check> checks = selected(call, input.inventory().provider());
        call.progress(
                10,
                100,
                "Running " + checks.size() + " checks over "
                        + input.inventory().resources().size() + " resources");
        Scan scan = Scanner.run(input.label(), input.inventory(), checks);
        call.checkCancelled();
        int limit = call.arguments().path("limit").asInt(1000);
        ObjectNode out = summary(scan);
        ArrayNode findings = out.putArray("findings");
        scan.findings().stream().limit(limit).forEach(f -> findings.add(InventoryJson.MAPPER.valueToTree(f)));
        out.put("truncated", scan.findings().size() > limit);
        String format = call.string("format").orElse("json");
        if (format.equals("sarif")) {
            out.set("sarif", Sarif.of(scan, checks, Main.VERSION));
        } else if (format.equals("ocsf")) {
            out.set("ocsf", Ocsf.of(scan, input.inventory().collectedAt().toEpochMilli(), Main.VERSION));
        }
        return out;
    }

    static ObjectNode summary(Scan scan) {
        ObjectNode out = InventoryJson.MAPPER.createObjectNode();
        out.put("estate", scan.estate())
                .put("provider", scan.provider())
                .put("checksRun", scan.checksRun())
                .put("resourcesEvaluated", scan.resourcesEvaluated());
        out.set("bySeverity", InventoryJson.MAPPER.valueToTree(scan.bySeverity()));
        out.set("passed", InventoryJson.MAPPER.valueToTree(scan.passed()));
        out.set("notApplicable", InventoryJson.MAPPER.valueToTree(scan.notApplicable()));
        return out;
    }

    private JsonNode explain(ToolCall call) {
        String id = call.string("check").orElse("");
        Check check = catalog.check(id)
                .orElseThrow(() -> new SecurityException(
                        "Unknown check id '" + id + "'" + suggestions(id) + "; list_checks lists them"));
        ObjectNode out = InventoryJson.MAPPER.createObjectNode();
        out.set("check", describe(check, true));
        ArrayNode frameworks = out.putArray("frameworks");
        check.frameworks().forEach((fid, controls) -> {
            Framework f = catalog.framework(fid);
            ObjectNode fw = frameworks
                    .addObject()
                    .put("id", fid)
                    .put("name", f.name())
                    .put("version", f.version())
                    .put("url", f.url());
            ArrayNode list = fw.putArray("controls");
            controls.forEach(
                    c -> list.addObject().put("id", c).put("title", f.controls().getOrDefault(c, "")));
        });
        Optional<String> resource = call.string("resource");
        if (resource.isPresent()) {
            EstateInput input = EstateInput.from(call);
            var inventory = input.inventory();
            var r = resolve(inventory, resource.get(), check, input.label());
            ObjectNode res = out.putObject("resource")
                    .put("id", r.id())
                    .put("name", r.name())
                    .put("type", r.type());
            if (!check.provider().equals(inventory.provider())
                    || !check.resourceTypes().contains(r.type())) {
                res.put("status", "not-applicable")
                        .put(
                                "message",
                                check.id() + " looks at " + String.join(", ", check.resourceTypes()) + "; " + r.name()
                                        + " is a " + r.type());
            } else {
                var context = new ScanContext(inventory);
                Subject s = Subject.of(r, context);
                if (check.where().isPresent() && !check.where().get().test(s)) {
                    res.put("status", "not-applicable")
                            .put("message", r.name() + " is outside the check's scope (its 'where' condition)");
                } else {
                    Optional<Finding> f = Scanner.fails(check, r, context);
                    res.put("status", f.isPresent() ? "fail" : "pass")
                            .put("message", f.map(Finding::message).orElse(r.name() + " passes " + check.id()));
                    ArrayNode ev = res.putArray("evidence");
                    f.ifPresent(x -> x.evidence().forEach(ev::add));
                }
            }
        }
        return out;
    }

    /**
     * The resource a name or id means: an id matches exactly; a name may be shared (a subscription and an
     * endpoint, an instance and its disk), so the check's resource types decide, and a name still shared
     * is refused with the ids to choose from.
     */
    private static io.sirsi.mcp.inventory.Resource resolve(
            io.sirsi.mcp.inventory.Inventory inventory, String wanted, Check check, String label) {
        var byId = inventory.resources().stream()
                .filter(x -> x.id().equals(wanted))
                .findFirst();
        if (byId.isPresent()) {
            return byId.get();
        }
        var named = inventory.resources().stream()
                .filter(x -> x.name().equals(wanted))
                .toList();
        if (named.isEmpty()) {
            throw new SecurityException(
                    "No resource '" + wanted + "' in " + label + "; give a resource id or name from the estate");
        }
        var ofType = named.stream()
                .filter(x -> check.resourceTypes().contains(x.type()))
                .toList();
        var candidates = ofType.isEmpty() ? named : ofType;
        if (candidates.size() > 1) {
            throw new SecurityException("'" + wanted + "' names " + candidates.size() + " resources in " + label
                    + "; give one of their ids: "
                    + String.join(
                            ", ",
                            candidates.stream()
                                    .map(x -> x.id() + " (" + x.type() + ")")
                                    .toList()));
        }
        return candidates.get(0);
    }

    private static ObjectNode describe(Check c, boolean full) {
        ObjectNode n = InventoryJson.MAPPER.createObjectNode();
        n.put("id", c.id())
                .put("title", c.title())
                .put("severity", c.severity().id())
                .put("provider", c.provider())
                .put("service", c.service())
                .put("category", c.category());
        n.set("resourceTypes", InventoryJson.MAPPER.valueToTree(c.resourceTypes()));
        n.set("frameworks", InventoryJson.MAPPER.valueToTree(new TreeMap<>(c.frameworks())));
        if (full) {
            n.put("description", c.description())
                    .put("risk", c.risk())
                    .put("remediation", c.remediation())
                    .put("source", c.source());
            n.set("references", InventoryJson.MAPPER.valueToTree(c.references()));
        }
        return n;
    }

    private JsonNode listChecks(ToolCall call) {
        Optional<String> provider = call.string("provider");
        Optional<String> framework = call.string("framework");
        framework.ifPresent(catalog::framework);
        Optional<String> category = call.string("category");
        category.ifPresent(c -> {
            if (!Check.CATEGORIES.contains(c)) {
                throw new SecurityException(
                        "Unknown category '" + c + "'; categories are " + new java.util.TreeSet<>(Check.CATEGORIES));
            }
        });
        Severity min = call.string("minSeverity").map(Severity::of).orElse(Severity.INFO);
        List<Check> checks = catalog.checks().stream()
                .filter(c -> provider.map(p -> c.provider().equals(p)).orElse(true))
                .filter(c -> framework.map(c::inFramework).orElse(true))
                .filter(c -> category.map(x -> c.category().equals(x)).orElse(true))
                .filter(c -> c.severity().atLeast(min))
                .sorted(Comparator.comparing(Check::severity).thenComparing(Check::id))
                .toList();
        ObjectNode out = InventoryJson.MAPPER.createObjectNode().put("count", checks.size());
        ArrayNode list = out.putArray("checks");
        checks.forEach(c -> list.add(describe(c, false)));
        return out;
    }

    private JsonNode listFrameworks() {
        ObjectNode out = InventoryJson.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("frameworks");
        for (Framework f : catalog.frameworks().values()) {
            ObjectNode n = list.addObject()
                    .put("id", f.id())
                    .put("name", f.name())
                    .put("version", f.version())
                    .put("url", f.url());
            f.provider().ifPresent(p -> n.put("provider", p));
            Map<String, List<String>> byControl = new TreeMap<>();
            int checks = 0;
            for (Check c : catalog.checks()) {
                List<String> controls = c.frameworks().get(f.id());
                if (controls != null) {
                    checks++;
                    controls.forEach(ctl -> byControl
                            .computeIfAbsent(ctl, k -> new ArrayList<>())
                            .add(c.id()));
                }
            }
            n.put("checks", checks);
            ArrayNode controls = n.putArray("controls");
            byControl.forEach((ctl, ids) -> {
                ObjectNode cn = controls.addObject()
                        .put("id", ctl)
                        .put("title", f.controls().getOrDefault(ctl, ""));
                cn.set("checks", InventoryJson.MAPPER.valueToTree(ids));
            });
        }
        return out;
    }
}
