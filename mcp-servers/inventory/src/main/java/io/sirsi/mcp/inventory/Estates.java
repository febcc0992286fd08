package io.sirsi.mcp.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled demo estates, the offline default of every discovery server. They are data: inventory
 * documents under {@code estates/} in this module, in the inventory format.
 */
public final class Estates {
    /** The estates, and the provider each lives on. */
    public static final Map<String, String> PROVIDERS = Map.of("kulturio", "aws", "tvfone", "azure", "uniedu", "gcp");

    private static final Map<String, Inventory> LOADED = new ConcurrentHashMap<>();

    private Estates() {}

    /** The estate names, sorted. */
    public static List<String> names() {
        return PROVIDERS.keySet().stream().sorted().toList();
    }

    /** The estates on one provider. */
    public static List<String> on(String provider) {
        return PROVIDERS.entrySet().stream()
                .filter(e -> e.getValue().equals(provider))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * A bundled estate by name (case-insensitive).
     *
     * @throws InventoryException naming the known estates if there is no such estate
     */
    public static Inventory load(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!PROVIDERS.containsKey(key)) {
            throw new InventoryException(
                    "Unknown estate '" + name + "'; the demo estates are " + String.join(", ", names()));
        }
        return LOADED.computeIfAbsent(key, Estates::read);
    }

    private static Inventory read(String name) {
        try (InputStream in = Estates.class.getResourceAsStream("estates/" + name + ".json")) {
            if (in == null) {
                throw new InventoryException("The estate " + name + " is missing from this build");
            }
            return InventoryJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new InventoryException("Cannot read the estate " + name + ": " + e.getMessage(), e);
        }
    }
}
