package io.sirsi.host.planner;

import io.sirsi.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The slots of the bundled playbooks, which other playbook files may use without declaring them. */
    static final Set<String> BUNDLED_SLOTS = Set.of("estate", "target", "format");

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

    /** The playbooks of a file, checked as the bundled ones are; errors name the file. */
    static PlaybookBook read(Path file) {
        try {
            return parse(JSON.readTree(Files.readString(file)));
        } catch (HostException e) {
            throw new HostException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new HostException(file + ": not a playbook document (" + e.getMessage() + ")", e);
        }
    }

    /** This book with the playbooks of {@code other} added and its slot values merged in. */
    PlaybookBook plus(PlaybookBook other) {
        Map<String, SlotVocabulary> merged = new LinkedHashMap<>(slots);
        other.slots()
                .forEach((name, vocabulary) -> merged.merge(name, vocabulary, (mine, theirs) -> {
                    Map<String, List<String>> values = new LinkedHashMap<>(mine.values());
                    theirs.values().forEach(values::putIfAbsent);
                    return new SlotVocabulary(values, mine.question(), mine.placeholder());
                }));
        List<Playbook> all = new ArrayList<>(playbooks);
        for (Playbook p : other.playbooks()) {
            if (all.stream().anyMatch(q -> q.id().equals(p.id()))) {
                throw new HostException("playbook " + p.id() + " is defined twice");
            }
            all.add(p);
        }
        return new PlaybookBook(all, merged, threshold);
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
            String id = p.path("id").asString("");
            if (id.isBlank()) {
                throw new HostException("a playbook has no \"id\"");
            }
            if (!p.path("steps").isArray() || p.path("steps").isEmpty()) {
                throw new HostException("playbook " + id + " has no steps");
            }
            if (!p.path("examples").isArray() || p.path("examples").isEmpty()) {
                throw new HostException("playbook " + id + " has no examples to match messages against");
            }
            Map<String, Playbook.SlotRule> rules = new LinkedHashMap<>();
            for (var slot : p.path("slots").properties()) {
                if (!slots.containsKey(slot.getKey())
                        && !BUNDLED_SLOTS.contains(slot.getKey())
                        && !slot.getValue().path("from").isString()) {
                    throw new HostException("playbook " + id + ": unknown slot " + slot.getKey());
                }
                JsonNode d = slot.getValue().path("default");
                JsonNode from = slot.getValue().path("from");
                if (from.isString() && !rules.containsKey(from.asString())) {
                    throw new HostException("playbook " + id + ": slot " + slot.getKey() + " comes from "
                            + from.asString() + ", which must be declared before it");
                }
                rules.put(
                        slot.getKey(),
                        new Playbook.SlotRule(
                                slot.getValue().path("required").asBoolean(false),
                                d.isString() ? Optional.of(d.asString()) : Optional.empty(),
                                from.isString() ? Optional.of(from.asString()) : Optional.empty(),
                                slot.getValue().path("map").isObject()
                                        ? JSON.convertValue(
                                                slot.getValue().path("map"),
                                                new TypeReference<LinkedHashMap<String, String>>() {})
                                        : Map.of()));
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
