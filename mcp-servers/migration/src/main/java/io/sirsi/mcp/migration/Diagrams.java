package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mermaid sources for the current architecture (workloads and their run-time dependencies), the target
 * architecture (what the IaC builds and what refers to what) and the wave plan. Large estates are cut
 * to {@code MAX_NODES} nodes, and the diagram says how many it left out.
 */
public final class Diagrams {
    static final int MAX_NODES = 150;
    private static final Set<String> SHOWN_EDGES = Set.of(
            RelationshipType.CONNECTS_TO,
            RelationshipType.EXPOSES,
            RelationshipType.REPLICA_OF,
            RelationshipType.STORES_DATA_IN);

    private Diagrams() {}

    public static String current(Inventory inventory, List<Workload> workloads) {
        Map<String, Resource> byId = inventory.byId();
        Ids ids = new Ids();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        int shown = 0;
        int total = 0;
        for (Workload w : workloads) {
            if (w.foundation()) {
                continue;
            }
            List<Resource> anchors = w.resourceIds().stream()
                    .map(byId::get)
                    .filter(r -> !Roles.of(r).equals("other"))
                    .toList();
            total += anchors.size();
            if (anchors.isEmpty() || shown >= MAX_NODES) {
                continue;
            }
            out.append("  subgraph ")
                    .append(ids.of("w:" + w.id()))
                    .append("[\"")
                    .append(text(w.name()))
                    .append("\"]\n");
            for (Resource r : anchors) {
                if (shown++ >= MAX_NODES) {
                    break;
                }
                out.append("    ")
                        .append(ids.of(r.id()))
                        .append(shape(Roles.of(r), r.name() + "<br/>" + Roles.sku(r)))
                        .append('\n');
            }
            out.append("  end\n");
        }
        for (Relationship e : inventory.relationships()) {
            if (SHOWN_EDGES.contains(e.type()) && ids.has(e.from()) && ids.has(e.to())) {
                out.append("  ")
                        .append(ids.of(e.from()))
                        .append(" -->|")
                        .append(e.type())
                        .append("| ")
                        .append(ids.of(e.to()))
                        .append('\n');
            }
        }
        cut(out, shown, total);
        return out.toString();
    }

    public static String target(TargetModel model) {
        Ids ids = new Ids();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, List<TargetResource>> byWorkload = new LinkedHashMap<>();
        model.resources().forEach(r -> byWorkload
                .computeIfAbsent(r.workload(), k -> new ArrayList<>())
                .add(r));
        int shown = 0;
        for (var entry : byWorkload.entrySet()) {
            if (shown >= MAX_NODES) {
                break;
            }
            out.append("  subgraph ")
                    .append(ids.of("w:" + entry.getKey()))
                    .append("[\"")
                    .append(text(entry.getKey()))
                    .append(" on ")
                    .append(model.cloud().displayName())
                    .append("\"]\n");
            for (TargetResource r : entry.getValue()) {
                if (shown++ >= MAX_NODES) {
                    break;
                }
                Object size = r.properties().get("size");
                out.append("    ")
                        .append(ids.of(r.name()))
                        .append(shape(r.kind(), r.name() + (size == null ? "" : "<br/>" + size)))
                        .append('\n');
            }
            out.append("  end\n");
        }
        for (TargetResource r : model.resources()) {
            if (!ids.has(r.name())) {
                continue;
            }
            for (var p : r.properties().entrySet()) {
                for (Ref ref : refs(p.getValue())) {
                    if (ids.has(ref.ref())) {
                        out.append("  ")
                                .append(ids.of(r.name()))
                                .append(" -.->|")
                                .append(p.getKey())
                                .append("| ")
                                .append(ids.of(ref.ref()))
                                .append('\n');
                    }
                }
            }
        }
        cut(out, Math.min(shown, MAX_NODES), model.resources().size());
        return out.toString();
    }

    public static String waves(Plan plan) {
        StringBuilder out = new StringBuilder("flowchart TB\n");
        Ids ids = new Ids();
        for (Wave w : plan.waves()) {
            out.append("  ")
                    .append(ids.of("wave" + w.number()))
                    .append("[\"")
                    .append(text(w.name()))
                    .append("<br/>risk ")
                    .append(w.risk())
                    .append(", ")
                    .append(w.workloads().size())
                    .append(" workloads\"]\n");
        }
        for (Wave w : plan.waves()) {
            for (int before : w.after()) {
                out.append("  ")
                        .append(ids.of("wave" + before))
                        .append(" --> ")
                        .append(ids.of("wave" + w.number()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static List<Ref> refs(Object value) {
        List<Ref> out = new ArrayList<>();
        switch (value) {
            case Ref r -> out.add(r);
            case List<?> l -> l.forEach(v -> out.addAll(refs(v)));
            case Map<?, ?> m -> m.values().forEach(v -> out.addAll(refs(v)));
            default -> {}
        }
        return out;
    }

    private static String shape(String role, String label) {
        String t = text(label);
        return switch (role) {
            case "database" -> "[(\"" + t + "\")]";
            case "bucket" -> "[/\"" + t + "\"/]";
            case "load-balancer", "cdn" -> "{{\"" + t + "\"}}";
            case "function" -> "([\"" + t + "\"])";
            case "firewall", "network", "subnet" -> "[[\"" + t + "\"]]";
            default -> "[\"" + t + "\"]";
        };
    }

    private static void cut(StringBuilder out, int shown, int total) {
        if (total > shown) {
            out.append("  more[\"... and ").append(total - shown).append(" more resources\"]\n");
        }
    }

    /** Mermaid labels: no double quotes, no angle brackets except the line break. */
    private static String text(String s) {
        return s.replace("\"", "'")
                .replace("<br/>", "\u0000")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\u0000", "<br/>");
    }

    /** Short node ids, so that any name is safe in Mermaid. */
    private static final class Ids {
        private final Map<String, String> ids = new HashMap<>();

        String of(String key) {
            return ids.computeIfAbsent(key, k -> "n" + ids.size());
        }

        boolean has(String key) {
            return ids.containsKey(key);
        }
    }
}
