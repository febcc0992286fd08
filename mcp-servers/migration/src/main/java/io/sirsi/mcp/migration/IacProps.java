package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target resource's properties for a writer, and says exactly what is wrong when one is missing or
 * has a shape the writer cannot use. Values passed through unchanged may be variables; values a writer
 * interprets (an engine, a protocol, a flag that adds resources) must be literals.
 */
final class IacProps {
    private final TargetResource resource;

    private IacProps(TargetResource resource) {
        this.resource = resource;
    }

    static IacProps of(TargetResource resource) {
        return new IacProps(resource);
    }

    /** A required scalar: a literal, or an {@link IacExpr.Var} for a {@link VarRef}. */
    Object value(String key) {
        return optionalValue(key).orElseThrow(() -> missing(key));
    }

    /** An optional scalar: a literal, or an {@link IacExpr.Var} for a {@link VarRef}. */
    Optional<Object> optionalValue(String key) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> Optional.empty();
            case VarRef var -> Optional.of(IacExpr.var(var.var()));
            case String s -> Optional.of(s);
            case Number n -> Optional.of(n);
            case Boolean b -> Optional.of(b);
            default -> throw wrong(key, "a string, number, boolean or variable", value);
        };
    }

    /** A required literal string. */
    String text(String key) {
        return optionalText(key).orElseThrow(() -> missing(key));
    }

    /** An optional literal string. */
    Optional<String> optionalText(String key) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> Optional.empty();
            case String s -> Optional.of(s);
            default -> throw wrong(key, "a literal string", value);
        };
    }

    /** A literal string in lower case, one of {@code allowed}. */
    String choice(String key, String fallback, String... allowed) {
        String value = optionalText(key).orElse(fallback).toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(value)) {
            throw new MigrationException(where(key) + " is '" + value + "'; use one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** An optional literal boolean. */
    boolean flag(String key, boolean fallback) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> fallback;
            case Boolean b -> b;
            default -> throw wrong(key, "a literal true or false", value);
        };
    }

    /** A required literal whole number. */
    int number(String key) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> throw missing(key);
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.intValue();
            default -> throw wrong(key, "a literal whole number", value);
        };
    }

    /** The logical name a required {@link Ref} points to. */
    String ref(String key) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> throw missing(key);
            case Ref ref -> ref.ref();
            default -> throw wrong(key, "a reference to another target resource", value);
        };
    }

    /** An optional {@link Ref}'s logical name. */
    Optional<String> optionalRef(String key) {
        return resource.properties().containsKey(key) ? Optional.of(ref(key)) : Optional.empty();
    }

    /** The logical names a list of {@link Ref}s points to; empty when absent. */
    List<String> refs(String key) {
        List<String> names = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof Ref ref)) {
                throw wrong(key, "a list of references to target resources", item);
            }
            names.add(ref.ref());
        }
        return names;
    }

    /** Literal strings; empty when absent. */
    List<String> texts(String key) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof String s)) {
                throw wrong(key, "a list of strings", item);
            }
            texts.add(s);
        }
        return texts;
    }

    /** The name of the secret variable a password property refers to; refuses a literal or a non-secret. */
    String secret(String key, TargetModel model) {
        Object value = resource.properties().get(key);
        if (value == null) {
            throw missing(key);
        }
        if (!(value instanceof VarRef var)) {
            throw new MigrationException(
                    where(key) + " is a literal; generated code never holds a secret, so refer to a secret variable");
        }
        boolean secret = model.variables().stream().anyMatch(v -> v.name().equals(var.var()) && v.secret());
        if (!secret) {
            throw new MigrationException(where(key) + " uses variable " + var.var() + ", which is not secret");
        }
        return var.var();
    }

    /** The firewall rules, parsed. */
    List<IacRule> rules() {
        List<IacRule> rules = new ArrayList<>();
        for (Object item : list("rules")) {
            if (!(item instanceof Map<?, ?> map)) {
                throw wrong("rules", "a list of rules", item);
            }
            rules.add(IacRule.of(resource.name(), rules.size(), map));
        }
        return rules;
    }

    private List<?> list(String key) {
        Object value = resource.properties().get(key);
        return switch (value) {
            case null -> List.of();
            case List<?> list -> list;
            default -> throw wrong(key, "a list", value);
        };
    }

    private String where(String key) {
        return "Property " + key + " of " + resource.kind() + " " + resource.name();
    }

    private MigrationException missing(String key) {
        return new MigrationException(where(key) + " is missing");
    }

    private MigrationException wrong(String key, String expected, Object value) {
        return new MigrationException(where(key) + " should be " + expected + ", not " + value);
    }
}
