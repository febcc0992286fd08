package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * An expression in generated code that is not a plain value. Each format renders it in its own syntax, so
 * the resource builders never write a format's reference syntax themselves.
 */
sealed interface IacExpr {
    /**
     * An attribute of another generated resource or lookup, by its symbol. {@code path} is the attribute in
     * the builder's vocabulary ({@code id}, {@code names[0]}, {@code properties.principalId}).
     */
    record Attr(String symbol, String path) implements IacExpr {
        public Attr {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(path, "path");
        }
    }

    /** An input variable, by name. */
    record Var(String name) implements IacExpr {
        public Var {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A string joined from parts: literal strings and expressions. */
    record Concat(List<Object> parts) implements IacExpr {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /** {@code value} with its hyphens removed (Azure storage account names allow none). */
    record Compact(Object value) implements IacExpr {
        public Compact {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A document (maps, lists, strings, expressions) encoded as a JSON string. */
    record Json(Object document) implements IacExpr {
        public Json {
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * The Azure resource ID of {@code type} named {@code names} (one name per type segment), in the deployment's
     * resource group, or at subscription scope when {@code subscriptionScope}. Used where ARM needs an ID the
     * template cannot reference by symbol: a load balancer's own sub-resources, a built-in role definition.
     */
    record ResourceId(boolean subscriptionScope, String type, List<Object> names) implements IacExpr {
        public ResourceId {
            Objects.requireNonNull(type, "type");
            names = List.copyOf(names);
        }
    }

    /** A deterministic GUID from {@code parts} (Bicep {@code guid()}); formats without one leave the name out. */
    record Guid(List<Object> parts) implements IacExpr {
        public Guid {
            parts = List.copyOf(parts);
        }
    }

    /** Attribute {@code path} of the resource or lookup {@code symbol}. */
    static Attr attr(String symbol, String path) {
        return new Attr(symbol, path);
    }

    /** The variable {@code name}. */
    static Var var(String name) {
        return new Var(name);
    }

    /** The string joined from {@code parts}. */
    static Concat concat(Object... parts) {
        return new Concat(List.of(parts));
    }
}
