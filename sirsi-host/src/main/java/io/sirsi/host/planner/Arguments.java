package io.sirsi.host.planner;

import io.sirsi.host.mcp.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a step's arguments from slots and earlier results, and filters a result's list as a step asks. */
final class Arguments {
    private Arguments() {}

    /**
     * Replaces every string value {@code ${name}} (in maps and lists too) with the slot of that name, or with
     * the structured content of the earlier step of that id; an unknown name drops the argument.
     */
    static Map<String, Object> resolve(
            Map<String, Object> arguments, Map<String, String> slots, Map<String, ToolResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> {
            Object value = value(v, slots, results);
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    private static Object value(Object v, Map<String, String> slots, Map<String, ToolResult> results) {
        if (v instanceof String s && s.startsWith("${") && s.endsWith("}")) {
            String name = s.substring(2, s.length() - 1);
            if (slots.containsKey(name)) {
                return slots.get(name);
            }
            ToolResult earlier = results.get(name);
            return earlier == null ? null : earlier.structured();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> {
                Object value = value(x, slots, results);
                if (value != null) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(value(x, slots, results)));
            return out;
        }
        return v;
    }

    /** The result with only the items of {@code keep.list} whose {@code keep.field} is one of the values. */
    static ToolResult keep(ToolResult result, Playbook.Keep keep) {
        if (!(result.structured().get(keep.list()) instanceof List<?> items)) {
            return result;
        }
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && keep.values().contains(String.valueOf(m.get(keep.field())))) {
                kept.add(item);
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>(result.structured());
        structured.put(keep.list(), kept);
        return new ToolResult(result.tool(), result.error(), structured, result.text());
    }
}
