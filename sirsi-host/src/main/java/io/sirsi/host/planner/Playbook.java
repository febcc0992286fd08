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
        slots = Map.copyOf(slots);
        steps = List.copyOf(steps);
        if (examples.isEmpty() || steps.isEmpty()) {
            throw new IllegalArgumentException("playbook " + id + " needs examples and steps");
        }
    }

    /** The servers its steps call, from the {@code server__tool} names. */
    Set<String> servers() {
        Set<String> servers = new TreeSet<>();
        steps.forEach(s -> servers.add(s.tool().substring(0, s.tool().indexOf("__"))));
        return servers;
    }

    /** Whether a slot must be filled, and its value when the message does not give one. */
    record SlotRule(boolean required, Optional<String> defaultValue) {
        SlotRule {
            Objects.requireNonNull(defaultValue, "defaultValue");
        }
    }

    /**
     * One tool call: arguments whose string values {@code ${name}} are a slot's value or an earlier step's
     * structured content; an optional filter of a list in the result; an optional list of files in the result
     * to write as artifacts.
     */
    record Step(
            String id, String tool, Map<String, Object> arguments, Optional<Keep> keep, Optional<String> artifacts) {
        Step {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tool, "tool");
            arguments = Map.copyOf(arguments);
            if (!tool.contains("__")) {
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
