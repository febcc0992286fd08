package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Resource;
import io.sirsi.mcp.migration.Ref;
import io.sirsi.mcp.migration.TargetModel;
import io.sirsi.mcp.migration.TargetResource;
import io.sirsi.mcp.migration.VarRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A migration plan's target model seen as an inventory, so the same engine checks what the plan would
 * build: each target resource becomes a resource of type {@code plan.KIND} (plan.firewall,
 * plan.database, ...), with its properties as JSON; a reference to another target resource reads
 * {@code {ref: NAME}} and a variable {@code {var: NAME}}.
 */
final class PlannedTarget {
    private PlannedTarget() {}

    static Inventory of(TargetModel model, String estate, Instant at) {
        List<Resource> resources = new ArrayList<>();
        for (TargetResource t : model.resources()) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("workload", t.workload());
            if (!t.sourceIds().isEmpty()) {
                tags.put("replaces", String.join(",", t.sourceIds()));
            }
            resources.add(new Resource(
                    t.name(),
                    "plan." + t.kind(),
                    "plan",
                    model.cloud().id(),
                    model.region(),
                    t.name(),
                    tags,
                    json(t.properties()),
                    Optional.empty(),
                    Optional.empty(),
                    "plan",
                    at,
                    at));
        }
        return new Inventory(
                Inventory.SCHEMA_VERSION,
                "plan",
                "plan of " + estate + " to " + model.cloud().id(),
                "plan",
                at,
                List.of(),
                resources,
                List.of());
    }

    private static JsonNode json(Map<String, Object> properties) {
        return InventoryJson.MAPPER.valueToTree(plain(properties));
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Ref r -> Map.of("ref", r.ref());
            case VarRef v -> Map.of("var", v.var());
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
                yield out;
            }
            case List<?> l -> l.stream().map(PlannedTarget::plain).toList();
            default -> value;
        };
    }
}
