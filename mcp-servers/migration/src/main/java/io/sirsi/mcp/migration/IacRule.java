package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One inbound firewall rule: a protocol, a port range and its sources, each a CIDR (literal or variable) or
 * another firewall by logical name.
 */
record IacRule(String protocol, int fromPort, int toPort, List<Object> cidrs, List<String> firewalls) {
    IacRule {
        cidrs = List.copyOf(cidrs);
        firewalls = List.copyOf(firewalls);
    }

    static IacRule of(String owner, int index, Map<?, ?> map) {
        String where = "Rule " + index + " of firewall " + owner;
        String protocol = String.valueOf(map.containsKey("protocol") ? map.get("protocol") : "tcp")
                .toLowerCase(Locale.ROOT);
        if (!List.of("tcp", "udp", "icmp", "all").contains(protocol)) {
            throw new MigrationException(where + " has protocol " + protocol + "; use tcp, udp, icmp or all");
        }
        int from = port(where, map, "fromPort", protocol);
        int to = map.containsKey("toPort") ? port(where, map, "toPort", protocol) : from;
        List<Object> cidrs = new ArrayList<>();
        List<String> firewalls = new ArrayList<>();
        Object sources = map.get("sources");
        if (!(sources instanceof List<?> list) || list.isEmpty()) {
            throw new MigrationException(where + " has no sources; list CIDRs or firewalls");
        }
        for (Object source : list) {
            switch (source) {
                case String cidr -> cidrs.add(cidr);
                case VarRef var -> cidrs.add(IacExpr.var(var.var()));
                case Ref ref -> firewalls.add(ref.ref());
                default ->
                    throw new MigrationException(where + " has source " + source
                            + "; a source is a CIDR, a variable or a reference to a firewall");
            }
        }
        return new IacRule(protocol, from, to, cidrs, firewalls);
    }

    private static int port(String where, Map<?, ?> map, String key, String protocol) {
        Object value = map.get(key);
        if (value == null && (protocol.equals("all") || protocol.equals("icmp"))) {
            return -1;
        }
        if (value instanceof Number n && n.intValue() >= -1 && n.intValue() <= 65535) {
            return n.intValue();
        }
        throw new MigrationException(where + " needs " + key + " as a literal port number, not " + value);
    }

    /** Whether the rule names ports (tcp or udp). */
    boolean hasPorts() {
        return protocol.equals("tcp") || protocol.equals("udp");
    }

    /** The port range as {@code 80} or {@code 8000-8100}. */
    String portRange() {
        return fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort;
    }

    /**
     * This rule as a pass-through load balancer sees it (Azure, Google): traffic keeps the client's address,
     * so a source that is a firewall used only by load balancers stands for that firewall's own sources.
     */
    IacRule throughLoadBalancers(TargetModel model) {
        List<Object> newCidrs = new ArrayList<>(cidrs);
        List<String> newFirewalls = new ArrayList<>();
        for (String firewall : firewalls) {
            if (onlyOnLoadBalancers(model, firewall)) {
                TargetResource source = model.resource(firewall).orElseThrow();
                for (IacRule rule : IacProps.of(source).rules()) {
                    rule.cidrs.stream().filter(c -> !newCidrs.contains(c)).forEach(newCidrs::add);
                }
            } else {
                newFirewalls.add(firewall);
            }
        }
        return new IacRule(protocol, fromPort, toPort, newCidrs, newFirewalls);
    }

    private static boolean onlyOnLoadBalancers(TargetModel model, String firewall) {
        boolean onLoadBalancer = false;
        for (TargetResource r : model.resources()) {
            if (!IacProps.of(r).refs("firewalls").contains(firewall)) {
                continue;
            }
            if (!r.kind().equals("load-balancer")) {
                return false;
            }
            onLoadBalancer = true;
        }
        return onLoadBalancer;
    }
}
