package io.sirsi.mcp.inventory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One cloud resource. {@code type} is provider-prefixed ({@code aws.ec2.instance},
 * {@code azure.compute.vm}, {@code gcp.compute.instance}); {@code properties} keep the provider's own
 * names for what its API reports.
 */
public record Resource(
        String id,
        String type,
        String provider,
        String account,
        String region,
        String name,
        Map<String, String> tags,
        JsonNode properties,
        Optional<Double> monthlyCost,
        Optional<Utilization> utilization,
        String syncTag,
        Instant firstSeen,
        Instant lastUpdated) {

    /** Requires the identifying fields; copies the tags. */
    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        if (!type.startsWith(provider + ".")) {
            throw new IllegalArgumentException("type " + type + " must start with its provider " + provider);
        }
        tags = Map.copyOf(tags);
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(monthlyCost, "monthlyCost");
        Objects.requireNonNull(utilization, "utilization");
        Objects.requireNonNull(syncTag, "syncTag");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** A property as text, if present and not a container. */
    public Optional<String> text(String property) {
        JsonNode node = properties.get(property);
        return node == null || node.isNull() || node.isContainer() ? Optional.empty() : Optional.of(node.asString());
    }

    /** A property as a JSON node (missing node if absent). */
    public JsonNode property(String property) {
        return properties.path(property);
    }

    /** A tag, matched case-insensitively on the key (estates are messy about "Environment" vs "env"). */
    public Optional<String> tag(String key) {
        for (var e : tags.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
