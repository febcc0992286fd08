package io.sirsi.host.reasoning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** MCP input schemas as LangChain4j parameters: typed where nothing is lost, raw JSON Schema elsewhere. */
class ToolSchemasTest {
    static Map<String, Object> schema(String json) {
        return ModelStub.JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    @Test
    void keepsPlainNodesTypedAndPassesConstrainedOnesAsTheyAre() {
        JsonObjectSchema p = ToolSchemas.parameters(schema("""
                {"type":"object","properties":{
                  "estate":{"type":"string","description":"the estate"},
                  "region":{"type":"string","pattern":"^[a-z]+-[a-z]+-[0-9]$"},
                  "severity":{"type":"string","enum":["high","low"]},
                  "ids":{"type":"array","items":{"type":"string"}},
                  "filter":{"type":"object","properties":{"tag":{"type":"string"}},"required":["tag"]},
                  "tags":{"type":"object","additionalProperties":{"type":"string"}},
                  "size":{"oneOf":[{"type":"integer"},{"type":"string"}]}},
                 "required":["estate"],"additionalProperties":false}"""));

        assertEquals(List.of("estate"), p.required());
        assertEquals(false, p.additionalProperties());
        assertEquals(
                "the estate",
                assertInstanceOf(JsonStringSchema.class, p.properties().get("estate"))
                        .description());
        assertEquals(
                ModelStub.JSON.readTree("{\"type\":\"string\",\"pattern\":\"^[a-z]+-[a-z]+-[0-9]$\"}"),
                ModelStub.JSON.readTree(
                        assertInstanceOf(JsonRawSchema.class, p.properties().get("region"))
                                .schema()));
        assertEquals(
                List.of("high", "low"),
                assertInstanceOf(JsonEnumSchema.class, p.properties().get("severity"))
                        .enumValues());
        assertInstanceOf(
                JsonStringSchema.class,
                assertInstanceOf(JsonArraySchema.class, p.properties().get("ids"))
                        .items());
        assertEquals(
                List.of("tag"),
                assertInstanceOf(JsonObjectSchema.class, p.properties().get("filter"))
                        .required());
        assertInstanceOf(JsonRawSchema.class, p.properties().get("tags"));
        assertInstanceOf(JsonRawSchema.class, p.properties().get("size"));
    }

    @Test
    void pointsDefinitionsReferencesAtDefs() {
        JsonObjectSchema p = ToolSchemas.parameters(schema("""
                {"type":"object","properties":{
                  "target":{"$ref":"#/definitions/cloud"},
                  "also":{"type":"array","items":{"$ref":"#/definitions/cloud"},"minItems":1}},
                 "definitions":{"cloud":{"type":"string","enum":["aws","azure","gcp"]}}}"""));

        assertEquals(
                "cloud",
                assertInstanceOf(JsonReferenceSchema.class, p.properties().get("target"))
                        .reference());
        String also = assertInstanceOf(JsonRawSchema.class, p.properties().get("also"))
                .schema();
        assertEquals(
                "#/$defs/cloud",
                ModelStub.JSON.readTree(also).get("items").get("$ref").asString());
        assertInstanceOf(JsonEnumSchema.class, p.definitions().get("cloud"));
    }

    @Test
    void givesAToolWithoutASchemaEmptyParameters() {
        JsonObjectSchema p = ToolSchemas.parameters(schema("{\"type\":\"object\"}"));

        assertEquals(Map.of(), p.properties());
    }
}
