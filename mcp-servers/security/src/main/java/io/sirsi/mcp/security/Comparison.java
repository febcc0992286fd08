package io.sirsi.mcp.security;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/** A test on the values at a path: {@code {path: P, OP: VALUE}}. */
record Comparison(String path, String op, JsonNode expected, Pattern pattern) implements Condition {
    /** The operators. */
    static final List<String> OPS = List.of(
            "equals",
            "notEquals",
            "in",
            "notIn",
            "exists",
            "empty",
            "lt",
            "lte",
            "gt",
            "gte",
            "matches",
            "versionBelow",
            "olderThanDays",
            "rangeIncludes");

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    static Comparison of(String path, String op, JsonNode expected, String where) {
        Pattern pattern = null;
        switch (op) {
            case "in", "notIn" -> {
                if (!expected.isArray() || expected.isEmpty()) {
                    throw new SecurityException(where + ": '" + op + "' takes a non-empty list");
                }
            }
            case "exists", "empty" -> {
                if (!expected.isBoolean()) {
                    throw new SecurityException(where + ": '" + op + "' takes true or false");
                }
            }
            case "lt", "lte", "gt", "gte", "olderThanDays", "rangeIncludes" -> {
                if (!expected.isNumber()) {
                    throw new SecurityException(where + ": '" + op + "' takes a number, not " + expected);
                }
            }
            case "matches" -> {
                try {
                    pattern = Pattern.compile(expected.asString(), Pattern.CASE_INSENSITIVE);
                } catch (PatternSyntaxException e) {
                    throw new SecurityException(
                            where + ": 'matches' takes a regular expression: " + e.getDescription());
                }
            }
            case "versionBelow" -> {
                if (!expected.isString() || numbers(expected.asString()).isEmpty()) {
                    throw new SecurityException(
                            where
                                    + ": 'versionBelow' takes a quoted version such as \"14\" or \"8.0\" (unquoted, YAML reads 5.10 as 5.1)");
                }
            }
            default -> {
                if (expected.isContainer()) {
                    throw new SecurityException(where + ": '" + op + "' takes a single value, not " + expected);
                }
            }
        }
        return new Comparison(path, op, expected, pattern);
    }

    @Override
    public boolean test(Subject s) {
        List<JsonNode> values = s.values(path);
        return switch (op) {
            case "notEquals" -> values.stream().noneMatch(v -> same(v, expected));
            case "notIn" -> values.stream().noneMatch(this::inList);
            case "exists" -> !values.isEmpty() == expected.asBoolean();
            case "empty" -> values.stream().allMatch(Comparison::blank) == expected.asBoolean();
            default -> values.stream().anyMatch(v -> passes(v, s));
        };
    }

    private boolean passes(JsonNode v, Subject s) {
        return switch (op) {
            case "equals" -> same(v, expected);
            case "in" -> inList(v);
            case "lt" -> number(v) < expected.asDouble();
            case "lte" -> number(v) <= expected.asDouble();
            case "gt" -> number(v) > expected.asDouble();
            case "gte" -> number(v) >= expected.asDouble();
            case "matches" -> !v.isContainer() && pattern.matcher(v.asString()).find();
            case "versionBelow" -> below(numbers(v.asString()), numbers(expected.asString()));
            case "olderThanDays" -> olderThan(v, s.context().now(), expected.asLong());
            case "rangeIncludes" -> includes(v, expected.asInt());
            default -> throw new IllegalStateException(op);
        };
    }

    private boolean inList(JsonNode v) {
        for (JsonNode e : expected) {
            if (same(v, e)) {
                return true;
            }
        }
        return false;
    }

    /** Numbers compare by value, strings ignoring case, booleans also against "true" and "false". */
    static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isContainer()) {
            return false;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.asDouble() == expected.asDouble();
        }
        return actual.asString().equalsIgnoreCase(expected.asString());
    }

    private static double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean blank(JsonNode v) {
        return v.isContainer() ? v.isEmpty() : v.asString().isBlank();
    }

    /** The numbers in a version: "11.22" is [11, 22], "MYSQL_5_7" is [5, 7]. */
    static List<Integer> numbers(String version) {
        List<Integer> out = new ArrayList<>();
        Matcher m = DIGITS.matcher(version);
        while (m.find()) {
            out.add(Integer.parseInt(m.group()));
        }
        return out;
    }

    private static boolean below(List<Integer> actual, List<Integer> limit) {
        if (actual.isEmpty()) {
            return false;
        }
        for (int i = 0; i < limit.size(); i++) {
            int a = i < actual.size() ? actual.get(i) : 0;
            if (a != limit.get(i)) {
                return a < limit.get(i);
            }
        }
        return false;
    }

    private static boolean olderThan(JsonNode v, Instant now, long days) {
        try {
            return Duration.between(Instant.parse(v.asString()), now).toDays() > days;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A port value or range: 22, "22", "1000-2000", "*" or "Any". */
    private static boolean includes(JsonNode v, int port) {
        if (v.isNumber()) {
            return v.asInt() == port;
        }
        String text = v.asString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("*") || text.equals("any")) {
            return true;
        }
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                return Integer.parseInt(text.substring(0, dash)) <= port
                        && port <= Integer.parseInt(text.substring(dash + 1));
            }
            return Integer.parseInt(text) == port;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
