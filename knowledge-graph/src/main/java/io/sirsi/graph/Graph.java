package io.sirsi.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph as it stands after every change so far, with indexes for the queries: nodes and edges by
 * id, edges out of and into each node, nodes by type, and the positions in the history of every version
 * of each node and edge.
 */
final class Graph {
    private final Map<String, Change> nodes = new HashMap<>();
    private final Map<String, Change> edges = new HashMap<>();
    private final Map<String, Set<String>> out = new HashMap<>();
    private final Map<String, Set<String>> in = new HashMap<>();
    private final Map<String, Set<String>> byType = new HashMap<>();
    private final Map<String, List<Long>> versions = new HashMap<>();

    void apply(Change c, long position) {
        versions.computeIfAbsent(c.id(), k -> new ArrayList<>(2)).add(position);
        if (c.isEdge()) {
            if (c.isRemoval()) {
                edges.remove(c.id());
                setOf(out, c.from()).remove(c.id());
                setOf(in, c.to()).remove(c.id());
            } else {
                edges.put(c.id(), c);
                setOf(out, c.from()).add(c.id());
                setOf(in, c.to()).add(c.id());
            }
        } else {
            Change before = nodes.get(c.id());
            if (before != null) {
                setOf(byType, before.type()).remove(c.id());
            }
            if (c.isRemoval()) {
                nodes.remove(c.id());
            } else {
                nodes.put(c.id(), c);
                setOf(byType, c.type()).add(c.id());
            }
        }
    }

    private static Set<String> setOf(Map<String, Set<String>> index, String key) {
        return index.computeIfAbsent(key, k -> new LinkedHashSet<>());
    }

    Optional<Change> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    Optional<Change> edge(String id) {
        return Optional.ofNullable(edges.get(id));
    }

    Collection<Change> nodes() {
        return nodes.values();
    }

    Collection<Change> edges() {
        return edges.values();
    }

    List<Change> edgesOut(String id) {
        return out.getOrDefault(id, Set.of()).stream().map(edges::get).toList();
    }

    List<Change> edgesIn(String id) {
        return in.getOrDefault(id, Set.of()).stream().map(edges::get).toList();
    }

    List<Change> byType(String type) {
        return byType.getOrDefault(type, Set.of()).stream().map(nodes::get).toList();
    }

    List<Long> versions(String id) {
        return versions.getOrDefault(id, List.of());
    }

    /** The shortest path of node ids from one node to another along edges in either direction, if any. */
    Optional<List<String>> path(String from, String to, int maxDepth) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        Map<String, Integer> depth = new HashMap<>();
        queue.add(from);
        depth.put(from, 0);
        parent.put(from, null);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(to)) {
                List<String> path = new ArrayList<>();
                for (String p = to; p != null; p = parent.get(p)) {
                    path.add(0, p);
                }
                return Optional.of(path);
            }
            if (depth.get(at) >= maxDepth) {
                continue;
            }
            List<String> next = new ArrayList<>();
            edgesOut(at).forEach(e -> next.add(e.to()));
            edgesIn(at).forEach(e -> next.add(e.from()));
            for (String n : next) {
                if (!depth.containsKey(n)) {
                    depth.put(n, depth.get(at) + 1);
                    parent.put(n, at);
                    queue.add(n);
                }
            }
        }
        return Optional.empty();
    }
}
