package io.sirsi.mcp.kit;

import java.util.List;
import java.util.Map;

/** Suggests values for a prompt argument or a resource-template variable ({@code completion/complete}). */
@FunctionalInterface
public interface Completer {
    /**
     * The values that complete {@code prefix}, best first. {@code context} holds the arguments the
     * client already resolved.
     */
    List<String> complete(String prefix, Map<String, String> context);

    /** A completer over a fixed list of values, matched by prefix. */
    static Completer of(List<String> values) {
        List<String> copy = List.copyOf(values);
        return (prefix, context) ->
                copy.stream().filter(v -> v.startsWith(prefix)).toList();
    }
}
