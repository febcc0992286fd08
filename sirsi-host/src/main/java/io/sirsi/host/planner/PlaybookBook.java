package io.sirsi.host.planner;

import io.sirsi.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playbooks and the slot vocabulary of a {@code playbooks.json}: which words of a message fill which slot
 * value, the question to ask when a slot is missing, and the similarity under which no playbook matches.
 */
record PlaybookBook(List<Playbook> playbooks, Map<String, SlotVocabulary> slots, double threshold) {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String BUNDLED = "playbooks.json";

    PlaybookBook {
        playbooks = List.copyOf(playbooks);
        slots = Map.copyOf(slots);
    }

    /**
     * The words naming each value of a slot (matched as whole words, ignoring case), and the question.
     *
     * @param values value to the words that name it, in order
     * @param question asked when a required slot is missing
     * @param placeholder what replaces the slot's words before intent matching
     */
    record SlotVocabulary(Map<String, List<String>> values, String question, String placeholder) {
        SlotVocabulary {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    static PlaybookBook bundled() {
        try (InputStream in = PlaybookBook.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new HostException("the bundled " + BUNDLED + " is missing");
            }
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new HostException("cannot read the bundled " + BUNDLED, e);
        }
    }

    static PlaybookBook parse(JsonNode root) {
        Map<String, SlotVocabulary> slots = new LinkedHashMap<>();
        for (var entry : root.path("slots").properties()) {
            Map<String, List<String>> values = JSON.convertValue(
                    entry.getValue().path("values"), new TypeReference<LinkedHashMap<String, List<String>>>() {});
            slots.put(
                    entry.getKey(),
                    new SlotVocabulary(
                            values,
                            entry.getValue().path("question").asString("Which " + entry.getKey() + "?"),
                            entry.getValue().path("placeholder").asString(entry.getKey())));
        }
        List<Playbook> playbooks = new ArrayList<>();
        for (JsonNode p : root.path("playbooks")) {
            String id = p.path("id").asString();
            Map<String, Playbook.SlotRule> rules = new LinkedHashMap<>();
            for (var slot : p.path("slots").properties()) {
                if (!slots.containsKey(slot.getKey())) {
                    throw new HostException("playbook " + id + ": unknown slot " + slot.getKey());
                }
                JsonNode d = slot.getValue().path("default");
                rules.put(
                        slot.getKey(),
                        new Playbook.SlotRule(
                                slot.getValue().path("required").asBoolean(false),
                                d.isString() ? Optional.of(d.asString()) : Optional.empty()));
            }
            List<Playbook.Step> steps = new ArrayList<>();
            for (JsonNode s : p.path("steps")) {
                JsonNode keep = s.path("keep");
                Optional<Playbook.Keep> kept = keep.isObject()
                        ? Optional.of(new Playbook.Keep(
                                keep.path("list").asString(),
                                keep.path("field").asString(),
                                strings(keep.path("values"))))
                        : Optional.empty();
                steps.add(new Playbook.Step(
                        s.path("id").asString(),
                        s.path("tool").asString(),
                        JSON.convertValue(s.path("arguments"), new TypeReference<LinkedHashMap<String, Object>>() {}),
                        kept,
                        s.path("artifacts").isString()
                                ? Optional.of(s.path("artifacts").asString())
                                : Optional.empty()));
            }
            playbooks.add(new Playbook(
                    id,
                    p.path("description").asString(id),
                    new ArrayList<>(strings(p.path("examples"))),
                    rules,
                    steps,
                    p.path("answer").asString(id)));
        }
        return new PlaybookBook(playbooks, slots, root.path("threshold").asDouble(0.4));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
