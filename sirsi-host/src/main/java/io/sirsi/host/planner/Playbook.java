package io.sirsi.host.planner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One declarative playbook of {@code playbooks.json}: example phrasings to match, the slots it needs, the tool
 * calls it makes, and how its answer is composed.
 */
record Playbook(
        String id,
        String description,
        List<String> examples,
        Map<String, SlotRule> slots,
        List<Step> steps,
        String answer) {

    Playbook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(answer, "answer");
        examples = List.copyOf(examples);
        // In order: a derived slot comes after the slot it is derived from.
        slots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
        steps = List.copyOf(steps);
        if (examples.isEmpty() || steps.isEmpty()) {
            throw new IllegalArgumentException("playbook " + id + " needs examples and steps");
        }
    }

    /** The servers its steps call with these slots, from the {@code server__tool} names. */
    Set<String> servers(Map<String, String> slots) {
        Set<String> servers = new TreeSet<>();
        steps.forEach(s -> {
            String tool = s.tool(slots);
            servers.add(tool.substring(0, tool.indexOf("__")));
        });
        return servers;
    }

    /**
     * Whether a slot must be filled, its value when the message does not give one, and for a derived slot the
     * slot it comes from and the value for each of that slot's values (the estate's cloud, from the estate).
     */
    record SlotRule(boolean required, Optional<String> defaultValue, Optional<String> from, Map<String, String> map) {
        SlotRule {
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(from, "from");
            map = Map.copyOf(map);
        }
    }

    /**
     * One tool call: arguments whose string values {@code ${name}} are a slot's value or an earlier step's
     * structured content; an optional filter of a list in the result; an optional list of files in the result
     * to write as artifacts.
     */
    record Step(
            String id, String tool, Map<String, Object> arguments, Optional<Keep> keep, Optional<String> artifacts) {
        /** The tool's catalog name with slots ({@code ${provider}__discover}) filled in. */
        String tool(Map<String, String> slots) {
            String name = tool;
            for (var slot : slots.entrySet()) {
                name = name.replace("${" + slot.getKey() + "}", slot.getValue());
            }
            return name;
        }

        Step {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tool, "tool");
            arguments = Map.copyOf(arguments);
            if (!tool.contains("__") || tool.startsWith("__")) {
                throw new IllegalArgumentException("step " + id + ": a tool is named server__tool, not " + tool);
            }
        }
    }

    /** Keeps the items of a list in the result whose field has one of these values. */
    record Keep(String list, String field, Set<String> values) {
        Keep {
            values = Set.copyOf(values);
        }
    }
}
