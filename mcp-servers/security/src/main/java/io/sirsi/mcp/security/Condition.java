package io.sirsi.mcp.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A condition in a rule file, evaluated against a {@link Subject}. Written as YAML:
 *
 * <ul>
 *   <li>{@code all: [..]}, {@code any: [..]}, {@code not: {..}};
 *   <li>a test on the values at a path: {@code {path: P, OP: VALUE}}, where OP is one of {@link Comparison#OPS}
 *       and holds when any value at P passes it (except {@code notEquals}, {@code notIn}, {@code exists}
 *       and {@code empty}, which speak of all of them);
 *   <li>a quantifier over the values at a path: {@code {path: P, some: {..}}}, {@code every} or
 *       {@code none}, whose inner paths start at each value;
 *   <li>a function, the small code beside the data: {@code {FUNCTION: ARGS}} with FUNCTION one of
 *       {@link Functions#NAMES}.
 * </ul>
 */
sealed interface Condition
        permits Condition.All, Condition.Any, Condition.Not, Condition.Quantified, Condition.Call, Comparison {
    /** Whether the condition holds for {@code subject}. */
    boolean test(Subject subject);

    /** Whether the condition calls a function, and so needs the rest of the inventory. */
    static boolean usesFunctions(Condition c) {
        return switch (c) {
            case Call call -> true;
            case All all -> all.conditions().stream().anyMatch(Condition::usesFunctions);
            case Any any -> any.conditions().stream().anyMatch(Condition::usesFunctions);
            case Not not -> usesFunctions(not.condition());
            case Quantified q -> usesFunctions(q.inner());
            case Comparison t -> false;
        };
    }

    /** Every condition holds. */
    record All(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(Subject s) {
            int mark = s.evidence().size();
            for (Condition c : conditions) {
                if (!c.test(s)) {
                    s.evidence().subList(mark, s.evidence().size()).clear();
                    return false;
                }
            }
            return true;
        }
    }

    /** At least one condition holds; only the branch that held leaves evidence. */
    record Any(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(Subject s) {
            for (Condition c : conditions) {
                if (kept(s, c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The condition does not hold; what the inner condition found is not evidence of that. */
    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(Subject s) {
            int mark = s.evidence().size();
            boolean inner = condition.test(s);
            s.evidence().subList(mark, s.evidence().size()).clear();
            return !inner;
        }
    }

    /** Tests {@code c}, dropping the evidence it collected if it does not hold. */
    private static boolean kept(Subject s, Condition c) {
        int mark = s.evidence().size();
        boolean held = c.test(s);
        if (!held) {
            s.evidence().subList(mark, s.evidence().size()).clear();
        }
        return held;
    }

    /** {@code some}, {@code every} or {@code none} of the values at a path pass the inner condition. */
    record Quantified(String path, String quantifier, Condition inner) implements Condition {
        @Override
        public boolean test(Subject s) {
            List<JsonNode> values = s.values(path);
            int mark = s.evidence().size();
            boolean held =
                    switch (quantifier) {
                        case "some" -> values.stream().anyMatch(v -> kept(s.at(v), inner));
                        case "every" -> values.stream().allMatch(v -> inner.test(s.at(v)));
                        default -> values.stream().noneMatch(v -> inner.test(s.at(v)));
                    };
            if (!held || quantifier.equals("none")) {
                s.evidence().subList(mark, s.evidence().size()).clear();
            }
            return held;
        }
    }

    /** A function of {@link Functions}, with its arguments as written. */
    record Call(String name, JsonNode args, Functions.Function function) implements Condition {
        @Override
        public boolean test(Subject s) {
            return function.test(s, args);
        }
    }

    /**
     * Parses a condition; {@code where} names the place in the rule file for error messages.
     *
     * @throws SecurityException naming the place and what is wrong
     */
    static Condition parse(JsonNode node, String where) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new SecurityException(where + ": a condition is a map, such as {path: encrypted, equals: false}");
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            only(node, Set.of(key), where);
            JsonNode list = node.get(key);
            if (!list.isArray() || list.isEmpty()) {
                throw new SecurityException(where + ": '" + key + "' takes a non-empty list of conditions");
            }
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                parts.add(parse(list.get(i), where + "." + key + "[" + i + "]"));
            }
            return key.equals("all") ? new All(parts) : new Any(parts);
        }
        if (node.has("not")) {
            only(node, Set.of("not"), where);
            return new Not(parse(node.get("not"), where + ".not"));
        }
        if (node.has("path")) {
            String path = node.get("path").asString("");
            if (path.isBlank()) {
                throw new SecurityException(where + ": 'path' must be a non-empty string");
            }
            Subject.checkPath(path, where);
            for (String q : List.of("some", "every", "none")) {
                if (node.has(q)) {
                    only(node, Set.of("path", q), where);
                    return new Quantified(path, q, parse(node.get(q), where + "." + q));
                }
            }
            List<String> ops = new ArrayList<>();
            node.propertyNames().forEach(k -> {
                if (!k.equals("path")) {
                    ops.add(k);
                }
            });
            if (ops.size() != 1 || !Comparison.OPS.contains(ops.get(0))) {
                throw new SecurityException(where + ": a test on path '" + path + "' takes exactly one operator of "
                        + Comparison.OPS + " (or some, every, none), not " + ops);
            }
            return Comparison.of(path, ops.get(0), node.get(ops.get(0)), where);
        }
        if (node.size() == 1) {
            String name = node.propertyNames().iterator().next();
            Functions.Function f = Functions.of(name, node.get(name), where);
            return new Call(name, node.get(name), f);
        }
        throw new SecurityException(where + ": cannot read " + node + "; a condition is all, any, not, a test with "
                + "'path', or one of the functions " + Functions.NAMES);
    }

    private static void only(JsonNode node, Set<String> allowed, String where) {
        node.propertyNames().forEach(k -> {
            if (!allowed.contains(k)) {
                throw new SecurityException(where + ": unexpected key '" + k + "' beside " + allowed);
            }
        });
    }
}
