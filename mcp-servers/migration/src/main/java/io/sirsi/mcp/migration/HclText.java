package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes HCL as {@code terraform fmt} would: two-space indents, aligned equals signs, quoted strings with
 * Terraform's template characters escaped, and references written as addresses ({@code aws_vpc.app.id}).
 */
final class HclText {
    /** An expression written as it is ({@code string}, {@code can(regex(...))}). */
    record Raw(String text) {}

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final int LINE = 100;

    private final Map<String, String> addresses = new HashMap<>();

    HclText(IacProgram program) {
        program.lookups.forEach(l -> addresses.put(l.symbol, "data." + l.type + "." + l.symbol));
        program.resources.forEach(r -> addresses.put(r.symbol, r.type + "." + r.symbol));
    }

    /** The address of the resource or data source {@code symbol}. */
    String address(String symbol) {
        String address = addresses.get(symbol);
        if (address == null) {
            throw new IllegalStateException("no resource " + symbol);
        }
        return address;
    }

    /** A resource block with its meta-arguments. */
    String resource(IacResource r) {
        List<String> meta = new ArrayList<>();
        if (!r.dependsOn.isEmpty()) {
            meta.add("  depends_on = ["
                    + String.join(", ", r.dependsOn.stream().map(this::address).toList()) + "]\n");
        }
        if (r.importId.isPresent()) {
            Map<String, Object> lifecycle = IacResource.fields(
                    "prevent_destroy",
                    true,
                    "ignore_changes",
                    r.ignoreChanges.isEmpty()
                            ? null
                            : r.ignoreChanges.stream().map(Raw::new).toList());
            meta.add(entries(Map.of("lifecycle", IacBlock.one(lifecycle)), 1));
        }
        String body = entries(r.body, 1);
        return "resource \"" + r.type + "\" \"" + r.symbol + "\" {\n" + body
                + (meta.isEmpty() ? "" : "\n" + String.join("\n", meta)) + "}\n";
    }

    /** A block {@code keyword "label"... { body }}. */
    String block(String keyword, List<String> labels, Map<String, Object> body) {
        StringBuilder out = new StringBuilder(keyword);
        labels.forEach(l -> out.append(" ").append(quote(l)));
        return out.append(" {\n").append(entries(body, 1)).append("}\n").toString();
    }

    private String entries(Map<String, Object> body, int depth) {
        String pad = "  ".repeat(depth);
        StringBuilder out = new StringBuilder();
        List<String[]> run = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (e.getValue() instanceof IacBlock block) {
                out.append(flush(run, pad));
                List<Map<String, Object>> bodies =
                        switch (block) {
                            case IacBlock.One one -> List.of(one.body());
                            case IacBlock.Many many -> many.bodies();
                        };
                for (Map<String, Object> b : bodies) {
                    if (!first) {
                        out.append("\n");
                    }
                    out.append(pad).append(e.getKey());
                    out.append(b.isEmpty() ? " {}\n" : " {\n" + entries(b, depth + 1) + pad + "}\n");
                    first = false;
                }
            } else {
                if (run.isEmpty() && !first) {
                    out.append("\n");
                }
                run.add(new String[] {key(e.getKey()), value(e.getValue(), depth)});
                first = false;
            }
        }
        return out.append(flush(run, pad)).toString();
    }

    /** Writes a run of attributes, aligning the equals signs of single-line ones as terraform fmt does. */
    private static String flush(List<String[]> run, String pad) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= run.size(); i++) {
            boolean multiLine = i < run.size() && run.get(i)[1].contains("\n");
            if (i == run.size() || multiLine) {
                int width = run.subList(start, i).stream()
                        .mapToInt(kv -> kv[0].length())
                        .max()
                        .orElse(0);
                for (String[] kv : run.subList(start, i)) {
                    out.append(pad).append(kv[0]).append(" ".repeat(width - kv[0].length()));
                    out.append(" = ").append(kv[1]).append("\n");
                }
                if (multiLine) {
                    out.append(pad)
                            .append(run.get(i)[0])
                            .append(" = ")
                            .append(run.get(i)[1])
                            .append("\n");
                }
                start = i + 1;
            }
        }
        run.clear();
        return out.toString();
    }

    /** {@code value} as an HCL expression. */
    String value(Object value, int depth) {
        return switch (value) {
            case String s -> quote(s);
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Number n ->
                n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString((long) n.doubleValue()) : n.toString();
            case Raw raw -> raw.text();
            case IacExpr e -> expression(e, depth);
            case List<?> list -> list(list, depth);
            case Map<?, ?> map -> object(map, depth);
            default -> throw new IllegalStateException("no HCL for " + value.getClass());
        };
    }

    private String list(List<?> list, int depth) {
        List<String> items = list.stream().map(v -> value(v, depth + 1)).toList();
        String inline = "[" + String.join(", ", items) + "]";
        if (inline.length() <= LINE && items.stream().noneMatch(i -> i.contains("\n"))) {
            return inline;
        }
        String pad = "  ".repeat(depth + 1);
        StringBuilder out = new StringBuilder("[\n");
        items.forEach(i -> out.append(pad).append(i).append(",\n"));
        return out.append("  ".repeat(depth)).append("]").toString();
    }

    private String object(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            return "{}";
        }
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> entries.put(String.valueOf(k), v));
        return "{\n" + entries(entries, depth + 1) + "  ".repeat(depth) + "}";
    }

    private String expression(IacExpr e, int depth) {
        return switch (e) {
            case IacExpr.Attr a -> a.path().isEmpty() ? address(a.symbol()) : address(a.symbol()) + "." + a.path();
            case IacExpr.Var v -> "var." + v.name();
            case IacExpr.Concat c -> {
                StringBuilder out = new StringBuilder("\"");
                for (Object part : c.parts()) {
                    if (part instanceof String s) {
                        out.append(escape(s));
                    } else {
                        out.append("${").append(value(part, depth)).append("}");
                    }
                }
                yield out.append("\"").toString();
            }
            case IacExpr.Compact c -> "replace(" + value(c.value(), depth) + ", \"-\", \"\")";
            case IacExpr.Json j -> "jsonencode(" + value(j.document(), depth) + ")";
            case IacExpr.ResourceId r -> throw new IllegalStateException("Terraform has no resourceId()");
            case IacExpr.Guid g -> throw new IllegalStateException("Terraform has no guid()");
        };
    }

    private static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : quote(key);
    }

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t")
                .replace("${", "$${")
                .replace("%{", "%%{");
    }
}
