package io.sirsi.mcp.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An inventory document: the tenants, resources and relationships of one provider as collected at one
 * time, with the sync tag that marks everything this collection saw (Cartography's update tag).
 */
public record Inventory(
        String schemaVersion,
        String provider,
        String source,
        String syncTag,
        Instant collectedAt,
        List<Account> accounts,
        List<Resource> resources,
        List<Relationship> relationships) {

    /** The version of the inventory schema this code writes. */
    public static final String SCHEMA_VERSION = "1.0";

    /** Requires every field; copies the lists. */
    public Inventory {
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(syncTag, "syncTag");
        Objects.requireNonNull(collectedAt, "collectedAt");
        accounts = List.copyOf(accounts);
        resources = List.copyOf(resources);
        relationships = List.copyOf(relationships);
    }

    /** Resources by id. */
    public Map<String, Resource> byId() {
        return resources.stream().collect(Collectors.toMap(Resource::id, Function.identity(), (a, b) -> a));
    }

    /** A resource by id. */
    public Optional<Resource> resource(String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The same document with other contents (a filtered or merged view). */
    public Inventory with(List<Account> newAccounts, List<Resource> newResources, List<Relationship> newRelationships) {
        return new Inventory(
                schemaVersion, provider, source, syncTag, collectedAt, newAccounts, newResources, newRelationships);
    }
}
