package io.sirsi.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Changes for tests: a small estate of instances, groups and databases, with edges between them. */
final class Sample {
    static final Instant AT = Instant.parse("2026-11-01T06:00:00Z");

    private Sample() {}

    static ObjectNode props(String... kv) {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.put(kv[i], kv[i + 1]);
        }
        return n;
    }

    /** {@code n} instances, each in a group and connected to a database, in {@code account}. */
    static List<Change> estate(String account, String tag, int n) {
        List<Change> out = new ArrayList<>();
        out.add(Change.node(account + "/db", "aws.rds.db-instance", props("engine", "postgres"), account, tag, AT));
        out.add(Change.node(account + "/sg", "aws.ec2.security-group", props(), account, tag, AT));
        for (int i = 0; i < n; i++) {
            String id = account + "/i-" + i;
            ObjectNode p = props("instanceType", i % 2 == 0 ? "t3.large" : "m5.xlarge");
            p.putObject("tags").put("app", i % 3 == 0 ? "portal" : "batch");
            out.add(Change.node(id, "aws.ec2.instance", p, account, tag, AT.plusSeconds(i)));
            out.add(Change.edge(id, "member-of-security-group", account + "/sg", props(), account, tag, AT));
            out.add(Change.edge(id, "connects-to", account + "/db", props("port", "5432"), account, tag, AT));
        }
        return out;
    }
}
