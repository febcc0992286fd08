package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource (or lookup) in a generated program, in the vocabulary of the provider it targets: a Terraform
 * type and snake_case body for AWS, Google and azurerm, or an ARM type and body for Bicep and Azure Native.
 * Writers render it; they never decide what it contains.
 */
final class IacResource {
    final String type;
    final String symbol;
    final Map<String, Object> body = new LinkedHashMap<>();
    final List<String> ignoreChanges = new ArrayList<>();
    final List<String> dependsOn = new ArrayList<>();
    Optional<String> importId = Optional.empty();
    /** The resource this one is a child of (ARM), or null. */
    String parent;
    /** The parent's property this child may be written inline in (ARM subnets), or null. */
    String inlineIn;

    IacResource(String type, String symbol) {
        this.type = type;
        this.symbol = symbol;
    }

    /** Sets {@code key} unless {@code value} is null. */
    IacResource set(String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
        return this;
    }

    /** An ordered map of {@code key, value, ...} pairs, leaving out null values. */
    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }
}
