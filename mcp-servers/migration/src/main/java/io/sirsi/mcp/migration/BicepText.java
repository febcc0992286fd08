package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an ARM program ({@link IacArm}) as Bicep: params, resources by symbolic name, outputs. A resource
 * that already exists is declared {@code existing}; a subnet of a virtual network the file creates is written
 * inside the network (redeploying a network whose subnets are separate resources would try to remove them)
 * and declared {@code existing} under it, so others can still refer to it by symbol.
 */
final class BicepText {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final IacProgram program;
    private final Map<String, IacResource> bySymbol = new HashMap<>();
    private final Map<String, List<IacResource>> inline = new LinkedHashMap<>();
    private final Set<String> parents = new LinkedHashSet<>();

    BicepText(IacProgram program) {
        this.program = program;
        program.resources.forEach(r -> bySymbol.put(r.symbol, r));
        for (IacResource r : program.resources) {
            if (r.parent != null) {
                parents.add(r.parent);
                if (r.inlineIn != null && bySymbol.get(r.parent).importId.isEmpty()) {
                    inline.computeIfAbsent(r.parent, k -> new ArrayList<>()).add(r);
                }
            }
        }
    }

    /** The whole file. */
    String file(String header) {
        StringBuilder out = new StringBuilder(header);
        for (Variable v : program.variables) {
            out.append("\n");
            if (v.secret()) {
                out.append("@secure()\n");
            }
            out.append("@description(").append(quote(v.description())).append(")\n");
            if (v.name().equals(IacNames.ENVIRONMENT)) {
                out.append("@minLength(2)\n@maxLength(")
                        .append(IacNames.ENVIRONMENT_MAX)
                        .append(")\n");
            }
            out.append("param ").append(v.name()).append(" ").append(type(v));
            v.defaultValue().ifPresent(d -> out.append(" = ").append(value(d, 0)));
            out.append("\n");
        }
        for (IacResource r : program.resources) {
            out.append("\n").append(resource(r));
        }
        if (!program.outputs.isEmpty()) {
            out.append("\n");
        }
        program.outputs.forEach((name, value) -> out.append("output ")
                .append(name)
                .append(" string = ")
                .append(value(value, 0))
                .append("\n"));
        return out.toString();
    }

    private static String type(Variable v) {
        return switch (v.type()) {
            case "number" -> "int";
            case "bool" -> "bool";
            default -> "string";
        };
    }

    private boolean isInline(IacResource r) {
        return r.parent != null && inline.getOrDefault(r.parent, List.of()).contains(r);
    }

    private String resource(IacResource r) {
        String head = "resource " + r.symbol + " '" + r.type + "' ";
        if (r.importId.isPresent()) {
            TargetResource target = program.target(logical(r));
            IacAzure.AzureId id = IacAzure.AzureId.parse(target);
            Map<String, Object> body = IacResource.fields("name", id.name());
            String note = "// Already exists (" + r.importId.get() + "): referenced, not deployed.\n";
            if (r.parent != null) {
                body.put("parent", new IacArm.Raw(r.parent));
            } else if (parents.contains(r.symbol)) {
                note += "// Resources below are created in it: deploy this file to resource group " + id.resourceGroup()
                        + ".\n";
            } else {
                body.put(
                        "scope",
                        new IacArm.Raw("resourceGroup('" + id.subscription() + "', '" + id.resourceGroup() + "')"));
            }
            return note + head + "existing = " + object(body, 0) + "\n";
        }
        if (isInline(r)) {
            Map<String, Object> body =
                    IacResource.fields("parent", new IacArm.Raw(r.parent), "name", r.body.get("name"));
            return "// Written inside " + r.parent + " (below its properties), declared here to be referred to.\n"
                    + head + "existing = " + object(body, 0) + "\n";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", r.body.get("name"));
        if (r.parent != null) {
            body.put("parent", new IacArm.Raw(r.parent));
        }
        r.body.forEach(body::putIfAbsent);
        List<IacResource> children = inline.getOrDefault(r.symbol, List.of());
        if (!children.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) body.get("properties"));
            for (IacResource child : children) {
                @SuppressWarnings("unchecked")
                List<Object> list = new ArrayList<>((List<Object>) properties.getOrDefault(child.inlineIn, List.of()));
                list.add(
                        IacResource.fields("name", child.body.get("name"), "properties", child.body.get("properties")));
                properties.put(child.inlineIn, list);
            }
            body.put("properties", properties);
        }
        Set<String> dependsOn = new LinkedHashSet<>(r.dependsOn);
        Set<String> referenced = new LinkedHashSet<>();
        references(r.body, referenced);
        for (String symbol : referenced) {
            IacResource target = bySymbol.get(symbol);
            if (target != null && isInline(target) && !referenced.contains(target.parent)) {
                dependsOn.add(target.parent);
            }
        }
        if (!dependsOn.isEmpty()) {
            body.put(
                    "dependsOn",
                    dependsOn.stream().map(s -> (Object) new IacArm.Raw(s)).toList());
        }
        return head + "= " + object(body, 0) + "\n";
    }

    private String logical(IacResource r) {
        return program.model.resources().stream()
                .filter(t -> program.symbol(t.name()).equals(r.symbol))
                .findFirst()
                .orElseThrow()
                .name();
    }

    private static void references(Object value, Set<String> into) {
        switch (value) {
            case IacExpr.Attr a -> into.add(a.symbol());
            case IacExpr.Concat c -> c.parts().forEach(p -> references(p, into));
            case IacExpr.Compact c -> references(c.value(), into);
            case IacExpr.Json j -> references(j.document(), into);
            case IacExpr.ResourceId id -> id.names().forEach(n -> references(n, into));
            case IacExpr.Guid g -> g.parts().forEach(p -> references(p, into));
            case IacArm.Identities ids -> ids.ids().forEach(i -> references(i, into));
            case Map<?, ?> map -> map.values().forEach(v -> references(v, into));
            case List<?> list -> list.forEach(v -> references(v, into));
            default -> {}
        }
    }

    private String value(Object value, int depth) {
        return switch (value) {
            case String s -> quote(s);
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Number n ->
                n.doubleValue() == Math.rint(n.doubleValue())
                        ? Long.toString((long) n.doubleValue())
                        : quote(n.toString());
            case IacArm.Raw raw -> raw.text();
            case IacArm.Identities ids -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object id : ids.ids()) {
                    map.put(interpolated(id, depth), Map.of());
                }
                yield rawKeys(map, depth);
            }
            case IacExpr e -> expression(e, depth);
            case List<?> list -> {
                if (list.isEmpty()) {
                    yield "[]";
                }
                String pad = "  ".repeat(depth + 1);
                StringBuilder out = new StringBuilder("[\n");
                list.forEach(
                        item -> out.append(pad).append(value(item, depth + 1)).append("\n"));
                yield out.append("  ".repeat(depth)).append("]").toString();
            }
            case Map<?, ?> map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(String.valueOf(k), v));
                yield object(entries, depth);
            }
            default -> throw new IllegalStateException("no Bicep for " + value.getClass());
        };
    }

    private String object(Map<String, Object> map, int depth) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((k, v) -> keyed.put(IDENTIFIER.matcher(k).matches() ? k : quote(k), v));
        return rawKeys(keyed, depth);
    }

    private String rawKeys(Map<String, Object> map, int depth) {
        if (map.isEmpty()) {
            return "{}";
        }
        String pad = "  ".repeat(depth + 1);
        StringBuilder out = new StringBuilder("{\n");
        map.forEach((k, v) -> out.append(pad)
                .append(k)
                .append(": ")
                .append(value(v, depth + 1))
                .append("\n"));
        return out.append("  ".repeat(depth)).append("}").toString();
    }

    private String expression(IacExpr e, int depth) {
        return switch (e) {
            case IacExpr.Attr a -> a.path().isEmpty() ? a.symbol() : a.symbol() + "." + a.path();
            case IacExpr.Var v -> v.name();
            case IacExpr.Concat c -> interpolated(c, depth);
            case IacExpr.Compact c -> "replace(" + value(c.value(), depth) + ", '-', '')";
            case IacExpr.Json j -> "string(" + value(j.document(), depth) + ")";
            case IacExpr.ResourceId id ->
                (id.subscriptionScope() ? "subscriptionResourceId(" : "resourceId(")
                        + quote(id.type()) + ", "
                        + String.join(
                                ", ",
                                id.names().stream().map(n -> value(n, depth)).toList()) + ")";
            case IacExpr.Guid g ->
                "guid("
                        + String.join(
                                ", ",
                                g.parts().stream().map(p -> value(p, depth)).toList()) + ")";
        };
    }

    /** {@code value} as a Bicep string, interpolating what is not literal. */
    private String interpolated(Object value, int depth) {
        List<Object> parts = value instanceof IacExpr.Concat c ? c.parts() : List.of(value);
        StringBuilder out = new StringBuilder("'");
        for (Object part : parts) {
            if (part instanceof String s) {
                out.append(escape(s));
            } else {
                out.append("${").append(value(part, depth)).append("}");
            }
        }
        return out.append("'").toString();
    }

    static String quote(String s) {
        return "'" + escape(s) + "'";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\")
                .replace("'", "\\'")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t")
                .replace("${", "\\${");
    }
}
