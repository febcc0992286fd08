package io.sirsi.mcp.migration;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One parsed snapshot file in a provider's own shape, with readers that name the file and the place in it
 * when the data is not what the format promises.
 */
record PriceFile(String label, JsonNode root, PriceSource source) {

    /** A problem with this file, said in one line. */
    MigrationException problem(String what) {
        return new MigrationException("Price snapshot " + label + ": " + what);
    }

    /** The object or array {@code field} of {@code node}; {@code where} names {@code node} in messages. */
    JsonNode container(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isObject() || value.isArray())) {
            throw problem(where + " has no " + field);
        }
        return value;
    }

    /** The text of {@code field}. */
    String text(JsonNode node, String field, String where) {
        return optionalText(node, field).orElseThrow(() -> problem(where + " has no " + field));
    }

    /** The text of {@code field}, when it is there and not empty. */
    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        String text = value.asString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The number in {@code field}, written as a JSON number or as a decimal string (AWS writes strings). */
    double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw problem(where + " has no " + field);
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.asString().replace(",", "").trim());
        } catch (NumberFormatException e) {
            throw problem(where + ": " + field + " '" + value.asString() + "' is not a number");
        }
    }
}
