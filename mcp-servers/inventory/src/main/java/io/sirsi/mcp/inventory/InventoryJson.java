package io.sirsi.mcp.inventory;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes inventory documents as JSON, checked against the published schema
 * ({@code inventory.schema.json}, also in docs/).
 */
public final class InventoryJson {
    /** The mapper inventories are written with: ISO-8601 instants, absent optionals left out. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Map order is not stable across runs (Map.of); sorted keys make documents reproducible.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .changeDefaultPropertyInclusion(
                    i -> i.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT))
            .build();

    private static final class Holder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            try (InputStream in = InventoryJson.class.getResourceAsStream("inventory.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("inventory.schema.json is missing from the classpath");
                }
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read inventory.schema.json", e);
            }
        }
    }

    private InventoryJson() {}

    /** The JSON Schema of an inventory document. */
    public static JsonNode schema() {
        try (InputStream in = InventoryJson.class.getResourceAsStream("inventory.schema.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read inventory.schema.json", e);
        }
    }

    /** The schema violations of a document, one line each; empty if it conforms. */
    public static List<String> violations(JsonNode document) {
        List<Error> errors = Holder.SCHEMA.validate(document);
        return errors.stream()
                .limit(20)
                .map(e -> (e.getInstanceLocation() == null ? "" : e.getInstanceLocation() + ": ") + e.getMessage())
                .collect(Collectors.toList());
    }

    /**
     * Reads a document, checking it against the schema first.
     *
     * @throws InventoryException naming the first violations, or what is unreadable
     */
    public static Inventory read(JsonNode document) {
        List<String> violations = violations(document);
        if (!violations.isEmpty()) {
            throw new InventoryException("The inventory does not match its schema: " + String.join("; ", violations));
        }
        try {
            return MAPPER.treeToValue(document, Inventory.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InventoryException("The inventory cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a document from bytes. */
    public static Inventory read(byte[] json) {
        JsonNode document;
        try {
            document = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InventoryException("The inventory is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return read(document);
    }

    /** The document as a JSON tree. */
    public static JsonNode tree(Inventory inventory) {
        return MAPPER.valueToTree(inventory);
    }

    /** The document as compact JSON bytes. */
    public static byte[] bytes(Inventory inventory) {
        return MAPPER.writeValueAsBytes(inventory);
    }

    /**
     * The document without what differs between two collections of the same estate (the source, sync
     * tags and times), with resources and relationships in a fixed order and every object's keys
     * sorted: two collections of the same estate give equal trees, and their text diffs cleanly.
     */
    public static JsonNode comparable(Inventory inventory) {
        ObjectNode tree = (ObjectNode) tree(inventory);
        tree.put("source", "-").put("syncTag", "-").put("collectedAt", "-");
        for (String list : List.of("resources", "relationships")) {
            List<JsonNode> items = new ArrayList<>();
            tree.path(list).forEach(item -> {
                ((ObjectNode) item).put("syncTag", "-").put("firstSeen", "-").put("lastUpdated", "-");
                items.add(canonical(item));
            });
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = tree.putArray(list);
            items.forEach(sorted::add);
        }
        return canonical(tree);
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            new TreeSet<>(node.propertyNames()).forEach(k -> out.set(k, canonical(node.get(k))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }
}
