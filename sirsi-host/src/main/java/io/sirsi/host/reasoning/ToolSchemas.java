package io.sirsi.host.reasoning;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.sirsi.host.mcp.CatalogTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a catalog tool into a LangChain4j {@link ToolSpecification}: its catalog name, its description, and its
 * MCP {@code inputSchema} as parameters. A schema node that LangChain4j's typed elements hold exactly (a plain
 * string, number, boolean, string enum, array, object, {@code anyOf} or {@code $ref}) becomes that element; any
 * other node (with {@code default}, {@code minimum}, {@code pattern}, {@code oneOf}, ...) is passed as it is, as a
 * {@link JsonRawSchema}, so the model sees every constraint the server declared. LangChain4j's own JSON Schema
 * reader is internal API, hence this small one.
 */
final class ToolSchemas {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> PLAIN = Set.of("type", "description");
    private static final Set<String> ENUM = Set.of("type", "description", "enum");
    private static final Set<String> ARRAY = Set.of("type", "description", "items");
    private static final Set<String> OBJECT =
            Set.of("type", "description", "properties", "required", "additionalProperties");
    private static final Set<String> ANY_OF = Set.of("anyOf", "description");
    private static final String DEFS = "#/$defs/";

    private ToolSchemas() {}

    /** The specification of a catalog tool; a tool that changes things says that it waits for approval. */
    static ToolSpecification specification(CatalogTool tool) {
        String description = tool.tool().description() != null
                ? tool.tool().description()
                : tool.tool().title() != null ? tool.tool().title() : "";
        if (!tool.readOnly()) {
            description = (description + " (Changes things: each call waits for the user's approval.)").strip();
        }
        return ToolSpecification.builder()
                .name(tool.name())
                .description(description)
                .parameters(parameters(tool.tool().inputSchema()))
                .build();
    }

    /** The parameters of an MCP input schema: always an object, its definitions kept as {@code $defs}. */
    static JsonObjectSchema parameters(Map<String, Object> inputSchema) {
        Map<String, Object> schema = inputSchema == null ? Map.of() : asMap(definitionsAsDefs(inputSchema));
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, node) -> b.addProperty(String.valueOf(name), element(node)));
        }
        if (schema.get("required") instanceof List<?> required) {
            b.required(required.stream().map(String::valueOf).toList());
        }
        if (schema.get("additionalProperties") instanceof Boolean additional) {
            b.additionalProperties(additional);
        }
        Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
        for (String key : List.of("definitions", "$defs")) {
            if (schema.get(key) instanceof Map<?, ?> defs) {
                defs.forEach((name, node) -> definitions.put(String.valueOf(name), element(node)));
            }
        }
        if (!definitions.isEmpty()) {
            b.definitions(definitions);
        }
        return b.build();
    }

    /** One schema node as the closest LangChain4j element that loses nothing, else as raw JSON Schema. */
    static JsonSchemaElement element(Object node) {
        if (!(node instanceof Map<?, ?> raw)) {
            // A boolean schema (true: anything); false cannot be satisfied and is not worth a property.
            return JsonRawSchema.from("{}");
        }
        Map<String, Object> map = asMap(raw);
        Set<String> keys = map.keySet();
        Object type = map.get("type");
        String description = map.get("description") instanceof String d ? d : null;
        if (map.get("description") != null && description == null) {
            return raw(map);
        }
        if (keys.equals(Set.of("$ref")) && map.get("$ref") instanceof String ref && ref.startsWith(DEFS)) {
            return JsonReferenceSchema.builder()
                    .reference(ref.substring(DEFS.length()))
                    .build();
        }
        if (map.get("enum") instanceof List<?> values
                && ENUM.containsAll(keys)
                && (type == null || "string".equals(type))
                && values.stream().allMatch(v -> v instanceof String)) {
            return JsonEnumSchema.builder()
                    .description(description)
                    .enumValues(values.stream().map(String.class::cast).toList())
                    .build();
        }
        if (map.get("anyOf") instanceof List<?> options
                && ANY_OF.containsAll(keys)
                && options.stream().allMatch(o -> o instanceof Map)) {
            return JsonAnyOfSchema.builder()
                    .description(description)
                    .anyOf(options.stream().map(ToolSchemas::element).toList())
                    .build();
        }
        if (!(type instanceof String t)) {
            return raw(map);
        }
        return switch (t) {
            case "string" ->
                PLAIN.containsAll(keys)
                        ? JsonStringSchema.builder().description(description).build()
                        : raw(map);
            case "integer" ->
                PLAIN.containsAll(keys)
                        ? JsonIntegerSchema.builder().description(description).build()
                        : raw(map);
            case "number" ->
                PLAIN.containsAll(keys)
                        ? JsonNumberSchema.builder().description(description).build()
                        : raw(map);
            case "boolean" ->
                PLAIN.containsAll(keys)
                        ? JsonBooleanSchema.builder().description(description).build()
                        : raw(map);
            case "array" ->
                ARRAY.containsAll(keys) && map.get("items") instanceof Map<?, ?> items
                        ? JsonArraySchema.builder()
                                .description(description)
                                .items(element(items))
                                .build()
                        : raw(map);
            case "object" -> object(map, description);
            default -> raw(map);
        };
    }

    private static JsonSchemaElement object(Map<String, Object> map, String description) {
        if (!OBJECT.containsAll(map.keySet())
                || (map.containsKey("properties") && !(map.get("properties") instanceof Map))
                || (map.containsKey("required") && !(map.get("required") instanceof List))
                || (map.containsKey("additionalProperties") && !(map.get("additionalProperties") instanceof Boolean))) {
            return raw(map);
        }
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        if (map.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, node) -> b.addProperty(String.valueOf(name), element(node)));
        }
        if (map.get("required") instanceof List<?> required) {
            b.required(required.stream().map(String::valueOf).toList());
        }
        if (map.get("additionalProperties") instanceof Boolean additional) {
            b.additionalProperties(additional);
        }
        return b.build();
    }

    private static JsonRawSchema raw(Map<String, Object> map) {
        return JsonRawSchema.from(JSON.writeValueAsString(map));
    }

    /**
     * The schema with {@code #/definitions/X} references pointing at {@code #/$defs/X}: LangChain4j writes every
     * definition under {@code $defs}.
     */
    private static Object definitionsAsDefs(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if ("$ref".equals(k) && v instanceof String ref && ref.startsWith("#/definitions/")) {
                    copy.put("$ref", DEFS + ref.substring("#/definitions/".length()));
                } else {
                    copy.put(String.valueOf(k), definitionsAsDefs(v));
                }
            });
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(definitionsAsDefs(v)));
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object map) {
        return (Map<String, Object>) map;
    }
}
