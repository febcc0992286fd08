package io.sirsi.mcp.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The bundled estates are data; their definitions in these test sources are how the data was made.
 * This test keeps the two in step: run it with {@code -Dsirsi.regenerate=true} after changing a
 * definition, and commit the files it writes.
 */
class DemoEstatesTest {
    private static final Map<String, Supplier<Inventory>> DEFINITIONS =
            Map.of("kulturio", KulturioEstate::build, "tvfone", TvFoneEstate::build, "uniedu", UniEduEstate::build);

    @Test
    void bundledEstatesAreWhatTheirDefinitionsProduce() throws IOException {
        Path dir = Path.of("src/main/resources/io/sirsi/mcp/inventory/estates");
        boolean regenerate = Boolean.getBoolean("sirsi.regenerate");
        for (var estate : DEFINITIONS.entrySet()) {
            String expected =
                    InventoryJson.MAPPER
                                    .writerWithDefaultPrettyPrinter()
                                    .writeValueAsString(estate.getValue().get()) + "\n";
            Path file = dir.resolve(estate.getKey() + ".json");
            if (regenerate) {
                Files.createDirectories(dir);
                Files.writeString(file, expected);
            }
            assertEquals(
                    expected,
                    Files.readString(file),
                    estate.getKey() + ".json differs from its definition; rerun with -Dsirsi.regenerate=true");
        }
    }

    @Test
    void everyEstateIsRealisticInSizeAndValid() {
        for (String name : List.of("kulturio", "tvfone", "uniedu")) {
            Inventory inventory = Estates.load(name);
            int resources = inventory.resources().size();
            assertTrue(resources >= 50 && resources <= 300, name + " has " + resources + " resources");
            assertTrue(inventory.relationships().size() > resources, name + " is connected");
            assertTrue(InventoryJson.violations(InventoryJson.tree(inventory)).isEmpty());
        }
    }
}
