package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KitToolTest {
    @Test
    void aToolIsReadOnlyUnlessItSaysOtherwise() {
        var annotations = KitTool.builder("list_things")
                .description("Lists")
                .handler(c -> "ok")
                .build()
                .definition()
                .annotations();
        assertEquals(true, annotations.readOnlyHint());
        assertEquals(false, annotations.destructiveHint());
        assertEquals(true, annotations.idempotentHint());
        assertEquals(false, annotations.openWorldHint());
    }

    @Test
    void aMutatingToolIsDestructiveAndNotIdempotentUnlessItSaysOtherwise() {
        var mutating = KitTool.builder("delete_thing")
                .description("Deletes")
                .mutating()
                .openWorld()
                .handler(c -> "ok")
                .build()
                .definition()
                .annotations();
        assertEquals(false, mutating.readOnlyHint());
        assertEquals(true, mutating.destructiveHint());
        assertEquals(false, mutating.idempotentHint());
        assertEquals(true, mutating.openWorldHint());
        var tagging = KitTool.builder("tag_thing")
                .description("Tags")
                .mutating()
                .destructive(false)
                .idempotent(true)
                .handler(c -> "ok")
                .build()
                .definition()
                .annotations();
        assertEquals(false, tagging.destructiveHint());
        assertEquals(true, tagging.idempotentHint());
    }

    @Test
    void refusesBadNamesSchemasAndMissingHandlers() {
        assertThrows(
                RuntimeException.class,
                () -> KitTool.builder("has space").handler(c -> "ok").build());
        var schema = assertThrows(KitException.class, () -> KitTool.builder("t")
                .inputSchema("{\"type\":\"array\"}")
                .handler(c -> "ok")
                .build());
        assertTrue(schema.getMessage().contains("inputSchema"), schema.getMessage());
        var json = assertThrows(KitException.class, () -> KitTool.builder("t").inputSchema("{nope"));
        assertTrue(json.getMessage().contains("Invalid JSON"), json.getMessage());
        var handler =
                assertThrows(KitException.class, () -> KitTool.builder("t").build());
        assertTrue(handler.getMessage().contains("no handler"), handler.getMessage());
    }

    @Test
    void schemaViolationsNameTheField() {
        var schema = KitTool.builder("t")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"region\":{\"type\":\"string\"}},\"required\":[\"region\"]}")
                .handler(c -> "ok")
                .build()
                .definition()
                .inputSchema();
        assertTrue(
                SchemaCheck.violations(schema, Json.parse("{}")).orElseThrow().contains("region"));
        String wrongType =
                SchemaCheck.violations(schema, Json.parse("{\"region\":5}")).orElseThrow();
        assertTrue(wrongType.contains("region") && wrongType.contains("string"), wrongType);
        assertTrue(SchemaCheck.violations(schema, Json.parse("{\"region\":\"eu-west-1\"}"))
                .isEmpty());
    }
}
