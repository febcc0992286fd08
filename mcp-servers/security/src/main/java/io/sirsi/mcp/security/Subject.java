package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a condition is evaluated against: a resource, the JSON node that relative paths start from (the
 * resource's properties, or an element inside them under {@code some} and {@code every}), the scan's
 * context, and the evidence that functions collect for the finding's message.
 */
record Subject(Resource resource, JsonNode node, ScanContext context, List<String> evidence) {

    /** A subject at the top of {@code resource}. */
    static Subject of(Resource resource, ScanContext context) {
        return new Subject(resource, resource.properties(), context, new ArrayList<>());
    }

    /** The same resource, with relative paths starting at {@code element}. */
    Subject at(JsonNode element) {
        return new Subject(resource, element, context, evidence);
    }

    /** Another resource, sharing this subject's evidence. */
    Subject on(Resource other) {
        return new Subject(other, other.properties(), context, evidence);
    }

    private static final java.util.Set<String> META =
            java.util.Set.of("name", "type", "id", "region", "account", "provider");

    /** Checks a path when a rule file is read, so a typo in a meta path names the file. */
    static void checkPath(String path, String where) {
        if (path.startsWith("$") && !path.startsWith("$tag.") && !META.contains(path.substring(1))) {
            throw new SecurityException(where + ": unknown path " + path
                    + "; meta paths are $name, $type, $id, $region, $account, $provider and $tag.KEY");
        }
        if (path.isBlank() || path.contains("..")) {
            throw new SecurityException(where + ": '" + path + "' is not a path");
        }
    }

    /**
     * The values at {@code path}: {@code $name}, {@code $type}, {@code $id}, {@code $region},
     * {@code $account}, {@code $provider}, {@code $tag.KEY} (key matched ignoring case), {@code .} (the
     * node itself), or a dotted path below the node. Arrays met on the way, and at the end, are flattened,
     * so a path names every value it can reach.
     */
    List<JsonNode> values(String path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (path.startsWith("$")) {
            String meta = path.substring(1);
            if (meta.startsWith("tag.")) {
                return resource.tag(meta.substring(4))
                        .<List<JsonNode>>map(v -> List.of(f.stringNode(v)))
                        .orElse(List.of());
            }
            String value =
                    switch (meta) {
                        case "name" -> resource.name();
                        case "type" -> resource.type();
                        case "id" -> resource.id();
                        case "region" -> resource.region();
                        case "account" -> resource.account();
                        case "provider" -> resource.provider();
                        default ->
                            throw new SecurityException("Unknown path " + path
                                    + "; meta paths are $name, $type, $id, $region, $account, $provider and $tag.KEY");
                    };
            return List.of(f.stringNode(value));
        }
        List<JsonNode> current = List.of(node);
        if (!path.equals(".")) {
            for (String segment : path.split("\\.")) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode n : current) {
                    if (n.isArray()) {
                        n.forEach(e -> add(next, e.get(segment)));
                    } else {
                        add(next, n.get(segment));
                    }
                }
                current = next;
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : current) {
            if (n.isArray()) {
                n.forEach(e -> add(out, e));
            } else {
                add(out, n);
            }
        }
        return out;
    }

    private static void add(List<JsonNode> to, JsonNode n) {
        if (n != null && !n.isNull() && !n.isMissingNode()) {
            to.add(n);
        }
    }
}
