package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders the workloads into waves.
 *
 * <ol>
 *   <li>Workloads that talk at run time (connects-to, replica-of, exposes) and are both built on the
 *       target form one move group: they cut over together, so no call crosses clouds. Dependency cycles
 *       are merged the same way: a move group is closed under its dependencies' cycles.
 *   <li>A move group comes after the groups it depends on (stores data in, or talks to if they are in
 *       other groups), and among those free to go, the least risky goes first.
 *   <li>Wave 0 is the landing zone; each later wave holds up to {@code waveSize} move groups; a final
 *       wave decommissions what is retired, after everything it could still serve has moved.
 * </ol>
 */
final class Waves {
    private Waves() {}

    static List<Wave> plan(
            Inventory inventory,
            List<Workload> workloads,
            Map<String, Decision> decisions,
            int waveSize,
            Map<String, Integer> pinned,
            Cloud target) {
        Map<String, Workload> byId = new LinkedHashMap<>();
        workloads.forEach(w -> byId.put(w.id(), w));
        Map<String, String> owner = new HashMap<>();
        workloads.forEach(w -> w.resourceIds().forEach(id -> owner.put(id, w.id())));
        List<String> moving = workloads.stream()
                .filter(w -> !w.foundation())
                .map(Workload::id)
                .filter(id -> moves(decisions.get(id).strategy()))
                .toList();
        Set<String> movingSet = new LinkedHashSet<>(moving);
        // Dependencies between moving workloads: from depends on to.
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        Map<String, Set<String>> talks = new LinkedHashMap<>();
        moving.forEach(id -> {
            deps.put(id, new TreeSet<>());
            talks.put(id, new TreeSet<>());
        });
        for (Relationship e : inventory.relationships()) {
            String a = owner.get(e.from());
            String b = owner.get(e.to());
            if (a == null || b == null || a.equals(b) || !movingSet.contains(a) || !movingSet.contains(b)) {
                continue;
            }
            switch (e.type()) {
                case RelationshipType.CONNECTS_TO, RelationshipType.REPLICA_OF -> {
                    deps.get(a).add(b);
                    if (builds(decisions.get(a)) && builds(decisions.get(b))) {
                        talks.get(a).add(b);
                        talks.get(b).add(a);
                    }
                }
                case RelationshipType.EXPOSES -> {
                    deps.get(a).add(b);
                    talks.get(a).add(b);
                    talks.get(b).add(a);
                }
                case RelationshipType.STORES_DATA_IN -> deps.get(a).add(b);
                default -> {}
            }
        }
        // Move groups: what talks together, then closed under dependency cycles.
        Map<String, String> group = new LinkedHashMap<>();
        for (String id : moving) {
            if (group.containsKey(id)) {
                continue;
            }
            Deque<String> todo = new ArrayDeque<>(List.of(id));
            while (!todo.isEmpty()) {
                String at = todo.pop();
                if (group.putIfAbsent(at, id) == null) {
                    todo.addAll(talks.get(at));
                }
            }
        }
        mergeCycles(moving, deps, group);
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String id : moving) {
            members.computeIfAbsent(group.get(id), k -> new ArrayList<>()).add(id);
        }
        Map<String, Set<String>> groupDeps = new LinkedHashMap<>();
        members.keySet().forEach(g -> groupDeps.put(g, new TreeSet<>()));
        deps.forEach((a, bs) -> bs.forEach(b -> {
            if (!group.get(a).equals(group.get(b))) {
                groupDeps.get(group.get(a)).add(group.get(b));
            }
        }));
        Map<String, Double> risk = new HashMap<>();
        members.forEach((g, ids) -> risk.put(
                g,
                ids.stream()
                        .mapToDouble(id -> risk(inventory, byId.get(id), decisions.get(id)))
                        .sum()));
        // Kahn's order, least risky first among the free; each group as early as its dependencies allow.
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        groupDeps.forEach((g, ds) -> {
            waiting.put(g, ds.size());
            ds.forEach(
                    d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(g));
        });
        PriorityQueue<String> free = new PriorityQueue<>(
                Comparator.comparingDouble((String g) -> risk.get(g)).thenComparing(g -> g));
        waiting.forEach((g, n) -> {
            if (n == 0) {
                free.add(g);
            }
        });
        Map<String, Integer> waveOf = new HashMap<>();
        Map<Integer, Integer> used = new HashMap<>();
        while (!free.isEmpty()) {
            String g = free.poll();
            int earliest =
                    1 + groupDeps.get(g).stream().mapToInt(waveOf::get).max().orElse(0);
            Optional<Integer> pin = members.get(g).stream()
                    .map(pinned::get)
                    .filter(java.util.Objects::nonNull)
                    .max(Integer::compare);
            int wave = earliest;
            if (pin.isPresent()) {
                if (pin.get() < earliest) {
                    String dep = groupDeps.get(g).stream()
                            .filter(d -> waveOf.get(d) >= pin.get())
                            .findFirst()
                            .orElse("?");
                    throw new MigrationException("Workload " + String.join(", ", members.get(g)) + " is pinned to wave "
                            + pin.get() + ", but it depends on " + String.join(", ", members.get(dep)) + " in wave "
                            + waveOf.get(dep) + ": move the pin to wave " + earliest + " or later, or pin both");
                }
                wave = pin.get();
            } else {
                while (used.getOrDefault(wave, 0) >= waveSize) {
                    wave++;
                }
            }
            waveOf.put(g, wave);
            used.merge(wave, 1, Integer::sum);
            for (String d : dependents.getOrDefault(g, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    free.add(d);
                }
            }
        }
        // Renumber without gaps (pins can leave holes).
        List<Integer> numbers = new ArrayList<>(new TreeSet<>(waveOf.values()));
        Runbooks runbooks = new Runbooks(inventory, byId, decisions, target);
        List<Wave> waves = new ArrayList<>();
        List<String> foundation = workloads.stream()
                .filter(Workload::foundation)
                .map(Workload::id)
                .toList();
        waves.add(new Wave(
                0,
                "Landing zone",
                foundation,
                foundation.isEmpty() ? List.of() : List.of(foundation),
                "low",
                0,
                List.of(),
                runbooks.landingZone(foundation)));
        for (int i = 0; i < numbers.size(); i++) {
            int n = numbers.get(i);
            List<String> groups =
                    members.keySet().stream().filter(g -> waveOf.get(g) == n).toList();
            List<List<String>> moveGroups = groups.stream().map(members::get).toList();
            List<String> ids = moveGroups.stream().flatMap(List::stream).toList();
            double score = groups.stream().mapToDouble(risk::get).sum();
            Set<Integer> after = new TreeSet<>();
            after.add(0);
            for (String g : groups) {
                for (String d : groupDeps.get(g)) {
                    after.add(numbers.indexOf(waveOf.get(d)) + 1);
                }
            }
            waves.add(new Wave(
                    i + 1,
                    "Wave " + (i + 1) + ": "
                            + String.join(", ", ids.stream().limit(4).toList())
                            + (ids.size() > 4 ? " and " + (ids.size() - 4) + " more" : ""),
                    ids,
                    moveGroups,
                    label(score),
                    Math.round(score * 10) / 10.0,
                    new ArrayList<>(after),
                    runbooks.wave(ids)));
        }
        List<String> retired = workloads.stream()
                .filter(w -> !w.foundation() && decisions.get(w.id()).strategy() == Strategy.RETIRE)
                .map(Workload::id)
                .toList();
        if (!retired.isEmpty()) {
            int n = waves.size();
            List<Integer> after = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                after.add(i);
            }
            waves.add(new Wave(
                    n, "Decommission", retired, List.of(retired), "low", 0, after, runbooks.decommission(retired)));
        }
        return waves;
    }

    private static boolean moves(Strategy s) {
        return s.buildsOnTarget() || s == Strategy.REPURCHASE || s == Strategy.RELOCATE;
    }

    private static boolean builds(Decision d) {
        return d.strategy().buildsOnTarget();
    }

    /** Merges strongly connected groups (Tarjan's algorithm over workloads), so cycles move together. */
    private static void mergeCycles(List<String> nodes, Map<String, Set<String>> deps, Map<String, String> group) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        int[] counter = {0};
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                strongConnect(n, deps, index, low, stack, onStack, counter, group);
            }
        }
    }

    private static void strongConnect(
            String v,
            Map<String, Set<String>> deps,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            int[] counter,
            Map<String, String> group) {
        // Iterative depth-first search, so a 10,000-workload chain does not overflow the stack.
        Deque<java.util.Iterator<String>> iters = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        path.push(v);
        iters.push(deps.get(v).iterator());
        while (!path.isEmpty()) {
            String at = path.peek();
            var it = iters.peek();
            if (it.hasNext()) {
                String w = it.next();
                if (!index.containsKey(w)) {
                    index.put(w, counter[0]);
                    low.put(w, counter[0]++);
                    stack.push(w);
                    onStack.add(w);
                    path.push(w);
                    iters.push(deps.get(w).iterator());
                } else if (onStack.contains(w)) {
                    low.put(at, Math.min(low.get(at), index.get(w)));
                }
                continue;
            }
            path.pop();
            iters.pop();
            if (!path.isEmpty()) {
                String parent = path.peek();
                low.put(parent, Math.min(low.get(parent), low.get(at)));
            }
            if (low.get(at).equals(index.get(at))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(at));
                if (component.size() > 1) {
                    // Every group touched by the cycle becomes one.
                    Set<String> groups = new TreeSet<>();
                    component.forEach(c -> groups.add(group.get(c)));
                    String into = groups.iterator().next();
                    group.replaceAll((k, g) -> groups.contains(g) ? into : g);
                }
            }
        }
    }

    /** Risk: production, sensitive data, databases, findings to handle, and size. */
    static double risk(Inventory inventory, Workload w, Decision d) {
        double score = 0;
        Map<String, Resource> byId = inventory.byId();
        boolean prod = w.environment().equals("prod");
        score += prod ? 2 : 0;
        boolean sensitive = false;
        int databases = 0;
        for (String id : w.resourceIds()) {
            Resource r = byId.get(id);
            sensitive |= Findings.sensitive(r);
            databases += Roles.of(r).equals("database") ? 1 : 0;
        }
        score += sensitive ? 3 : 0;
        score += 2.0 * databases;
        score += d.blockers().stream().filter(b -> !b.severity().equals("info")).count();
        score += w.resourceIds().size() / 10.0;
        score += d.strategy() == Strategy.REFACTOR ? 2 : 0;
        return score;
    }

    static String label(double score) {
        return score < 4 ? "low" : score < 10 ? "medium" : "high";
    }
}
