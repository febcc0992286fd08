package io.sirsi.mcp.migration;

import java.util.Objects;

/** A property value taken from a {@link Variable} of the target model, by name. */
public record VarRef(String var) {
    /** Requires a name. */
    public VarRef {
        Objects.requireNonNull(var, "var");
    }

    /** A reference to the variable named {@code name}. */
    public static VarRef to(String name) {
        return new VarRef(name);
    }
}
