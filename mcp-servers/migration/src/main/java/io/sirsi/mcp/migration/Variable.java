package io.sirsi.mcp.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A value that differs per environment (region, name prefix, an administrator's address range, a
 * password), declared once by the IaC and referred to with a {@link VarRef}. A secret has no default
 * and is marked sensitive in every format.
 */
public record Variable(String name, String type, Optional<Object> defaultValue, String description, boolean secret) {
    /** Requires a name, a type ({@code string}, {@code number}, {@code bool}) and a description. */
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (secret && defaultValue.isPresent()) {
            throw new IllegalArgumentException("a secret variable has no default: " + name);
        }
    }

    /** A string variable with a default. */
    public static Variable of(String name, Object defaultValue, String description) {
        String type = defaultValue instanceof Number ? "number" : defaultValue instanceof Boolean ? "bool" : "string";
        return new Variable(name, type, Optional.of(defaultValue), description, false);
    }

    /** A secret string with no default, supplied at deploy time. */
    public static Variable secret(String name, String description) {
        return new Variable(name, "string", Optional.empty(), description, true);
    }
}
