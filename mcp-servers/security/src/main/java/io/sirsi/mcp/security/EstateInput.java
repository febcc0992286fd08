package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.migration.MigrationException;
import io.sirsi.mcp.migration.Planner;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The inventory a call is about: {@code estate} (a demo estate name or generated:SIZE) or
 * {@code inventory} (a document in the inventory schema), defaulting to the Kulturio demo estate so the
 * tools work offline with no arguments.
 */
public record EstateInput(String label, Inventory inventory) {
    /** The JSON Schema properties a tool that takes an estate declares. */
    public static final String SCHEMA_PROPERTIES = """
            "estate":{"type":"string","description":"A demo estate (kulturio, tvfone, uniedu) or generated:SIZE; the default is kulturio"},
            "inventory":{"type":"object","description":"An inventory document in the Sirsi inventory schema, instead of estate"}""";

    /** Reads the call's estate or inventory; the error says what is wrong with either. */
    public static EstateInput from(ToolCall call) {
        JsonNode doc = call.arguments().get("inventory");
        Optional<String> estate = call.string("estate");
        if (doc != null && estate.isPresent()) {
            throw new SecurityException("Give estate or inventory, not both");
        }
        if (doc == null) {
            String name = estate.orElse("kulturio");
            try {
                return new EstateInput(name, Planner.estate(name));
            } catch (MigrationException e) {
                throw new SecurityException(e.getMessage());
            }
        }
        List<String> violations = InventoryJson.violations(doc);
        if (!violations.isEmpty()) {
            throw new SecurityException("The inventory does not match the inventory schema: "
                    + String.join("; ", violations.subList(0, Math.min(5, violations.size())))
                    + (violations.size() > 5 ? "; and " + (violations.size() - 5) + " more" : ""));
        }
        try {
            Inventory inventory = InventoryJson.read(doc);
            return new EstateInput(inventory.source(), inventory);
        } catch (RuntimeException e) {
            throw new SecurityException("The inventory cannot be read: " + e.getMessage());
        }
    }
}
