package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema in docs/ is the schema the module ships. */
class PublishedSchemaTest {
    @Test
    void docsCarryTheSchemaTheModuleShips() throws IOException {
        String shipped;
        try (InputStream in = InventoryJson.class.getResourceAsStream("inventory.schema.json")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path docs = Path.of("../../docs/inventory.schema.json");
        assertEquals(shipped, Files.readString(docs), "copy the module's schema to docs/inventory.schema.json");
    }
}
