package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The small code beside the rule files: what a declarative test cannot say, because it needs the graph
 * or the network rules. Each function takes its arguments from the rule file and is checked when the
 * file is loaded.
 */
final class Functions {
    /** A function bound to its arguments. */
    interface Function {
        boolean test(Subject subject, JsonNode args);
    }

    /** The names a rule file may use. */
    static final Set<String> NAMES =
            Set.of("internetReachable", "reachableFromExposed", "related", "sensitive", "unfilteredNetwork");

    /** Tags that mark regulated or personal data, by key, with the values that mean yes. */
    private static final Map<String, Set<String>> SENSITIVE = Map.of(
            "data-classification", Set.of("phi", "pii", "pci", "confidential", "restricted"),
            "student-data", Set.of("true", "yes"),
            "data", Set.of("subscriber-pii", "pii", "phi", "cardholder"),
            "pii", Set.of("true", "yes"),
            "phi", Set.of("true", "yes"));

    private Functions() {}

    static Function of(String name, JsonNode args, String where) {
        return switch (name) {
            case "internetReachable" -> {
                List<Integer> ports = ports(args, where + ".internetReachable");
                yield (s, a) -> internetReachable(s, s.resource(), ports, true);
            }
            case "reachableFromExposed" -> {
                List<Integer> ports = ports(args, where + ".reachableFromExposed");
                yield (s, a) -> reachableFromExposed(s, ports);
            }
            case "related" -> related(args, where + ".related");
            case "unfilteredNetwork" -> {
                if (!args.isBoolean()) {
                    throw new SecurityException(where + ": 'unfilteredNetwork' takes true or false");
                }
                boolean wanted = args.asBoolean();
                yield (s, a) -> unfiltered(s) == wanted;
            }
            case "sensitive" -> {
                if (!args.isBoolean()) {
                    throw new SecurityException(where + ": 'sensitive' takes true or false");
                }
                boolean wanted = args.asBoolean();
                yield (s, a) -> isSensitive(s.resource()) == wanted;
            }
            default ->
                throw new SecurityException(where + ": unknown condition '" + name
                        + "'; a condition is all, any, not, a " + "test with 'path', or one of the functions " + NAMES);
        };
    }

    /** Whether the resource's tags mark regulated or personal data. */
    static boolean isSensitive(Resource r) {
        for (var e : SENSITIVE.entrySet()) {
            if (r.tag(e.getKey())
                    .map(v -> e.getValue().contains(v.toLowerCase(Locale.ROOT)))
                    .orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> ports(JsonNode args, String where) {
        JsonNode list = args.path("ports");
        if (!args.isObject() || !list.isArray() || list.isEmpty()) {
            throw new SecurityException(where + " takes {ports: [22, 3389]}");
        }
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isInt() || p.asInt() < 0 || p.asInt() > 65535) {
                throw new SecurityException(where + ": a port is a number from 0 to 65535, not " + p);
            }
            ports.add(p.asInt());
        }
        return ports;
    }

    private static boolean internetReachable(Subject s, Resource r, List<Integer> ports, boolean record) {
        for (Reachability.Grant g : s.context().inbound(r.id())) {
            if (!g.peerKind().equals(Reachability.INTERNET)
                    || !carriesTcp(g)
                    || g.via().equals(Reachability.NO_NSG)) {
                continue;
            }
            for (int port : ports) {
                if (g.fromPort() <= port && port <= g.toPort()) {
                    if (record) {
                        s.evidence().add("port " + port + " open to the internet via " + g.via());
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** SSH and RDP are TCP: a grant for ICMP or UDP does not open them. */
    private static boolean carriesTcp(Reachability.Grant g) {
        String p = g.protocol().toLowerCase(java.util.Locale.ROOT);
        return p.equals("tcp") || p.equals("all") || p.equals("-1") || p.equals("*") || p.equals("6");
    }

    /** No network security group governs the resource, so Azure filters none of its traffic. */
    private static boolean unfiltered(Subject s) {
        boolean none = s.context().inbound(s.resource().id()).stream()
                .anyMatch(g -> g.via().equals(Reachability.NO_NSG));
        if (none) {
            s.evidence().add("no network security group on its network interfaces or subnet");
        }
        return none;
    }

    /** Admits the ports from a host that is itself open to the internet: the exposure goes through it. */
    private static boolean reachableFromExposed(Subject s, List<Integer> ports) {
        for (Reachability.Grant g : s.context().inbound(s.resource().id())) {
            if (!g.peerKind().equals("resource") || !carriesTcp(g)) {
                continue;
            }
            Resource peer = s.context().resource(g.peer());
            if (peer == null || !internetReachable(s, peer, List.of(ports.toArray(Integer[]::new)), false)) {
                continue;
            }
            for (int port : ports) {
                if (g.fromPort() <= port && port <= g.toPort()) {
                    s.evidence()
                            .add("port " + port + " admitted from " + peer.name()
                                    + ", which is itself open to the internet");
                    return true;
                }
            }
        }
        return false;
    }

    private static Function related(JsonNode args, String where) {
        String type = args.path("type").asString("");
        if (!args.isObject() || type.isBlank()) {
            throw new SecurityException(where + " takes {type: EDGE, direction: out|in, types: [..], where: {..}}");
        }
        if (!io.sirsi.mcp.inventory.RelationshipType.NAMES.contains(type)) {
            throw new SecurityException(where + ": unknown relationship type '" + type + "'; known: "
                    + io.sirsi.mcp.inventory.RelationshipType.NAMES);
        }
        String direction = args.path("direction").asString("out");
        if (!direction.equals("out") && !direction.equals("in")) {
            throw new SecurityException(where + ": direction is out or in, not " + direction);
        }
        Set<String> types = new java.util.HashSet<>();
        args.path("types").forEach(t -> types.add(t.asString()));
        Condition inner = args.has("where") ? Condition.parse(args.get("where"), where + ".where") : null;
        return (s, a) -> {
            for (Resource other : s.context().related(s.resource().id(), type, direction.equals("out"))) {
                int mark = s.evidence().size();
                if ((types.isEmpty() || types.contains(other.type())) && (inner == null || inner.test(s.on(other)))) {
                    s.evidence().add(type + " " + other.name());
                    return true;
                }
                s.evidence().subList(mark, s.evidence().size()).clear();
            }
            return false;
        };
    }
}
