package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of required arguments per resource type, read from {@code src/test/resources/iac/}: one type a
 * line, {@code TYPE: A, B|C, BLOCK.D}. {@code B|C} is satisfied by either; {@code BLOCK.D} must hold in
 * every {@code BLOCK} the resource has.
 */
final class IacRequired {
    private final Map<String, List<List<String>>> table;

    private IacRequired(Map<String, List<List<String>>> table) {
        this.table = table;
    }

    static IacRequired load(String resource) {
        try (InputStream in = IacRequired.class.getResourceAsStream("/iac/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource iac/" + resource);
            }
            Map<String, List<List<String>>> table = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.lastIndexOf(": ");
                String type = colon < 0 ? line.substring(0, line.length() - 1) : line.substring(0, colon);
                List<List<String>> requirements = new ArrayList<>();
                if (colon >= 0) {
                    for (String requirement : line.substring(colon + 2).split(",")) {
                        requirements.add(List.of(requirement.strip().split("\\|")));
                    }
                }
                table.put(type, requirements);
            }
            return new IacRequired(table);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the table lists {@code type}. */
    boolean knows(String type) {
        return table.containsKey(type);
    }

    /** How many types the table lists. */
    int size() {
        return table.size();
    }

    /** The requirements {@code body} of a {@code type} fails, written as in the table; empty when it meets them. */
    List<String> missing(String type, Map<?, ?> body) {
        List<String> missing = new ArrayList<>();
        for (List<String> alternatives : table.get(type)) {
            if (!met(alternatives, body)) {
                missing.add(String.join("|", alternatives));
            }
        }
        return missing;
    }

    private static boolean met(List<String> alternatives, Map<?, ?> body) {
        String first = alternatives.getFirst();
        int dot = first.indexOf('.');
        if (dot < 0) {
            return alternatives.stream().anyMatch(body::containsKey);
        }
        Object nested = body.get(first.substring(0, dot));
        List<?> blocks =
                switch (nested) {
                    case null -> List.of();
                    case List<?> list -> list;
                    default -> List.of(nested);
                };
        for (Object block : blocks) {
            if (!(block instanceof Map<?, ?> map)) {
                return false;
            }
            boolean any = alternatives.stream()
                    .map(a -> a.substring(a.indexOf('.') + 1))
                    .anyMatch(map::containsKey);
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
