package io.sirsi.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the host calls after each turn to turn the agents' answers into knowledge: inventories (resources
 * and their relationships, with a sync of each account that removes what it no longer has), security
 * findings ({@code found-in} their resource), migration decisions ({@code decided-for} their workload and
 * its resources), approvals ({@code approved-by} the user) and tool calls as provenance ({@code produced-by}).
 * It reads the agents' documents as they are on the wire: the inventory schema, run_checks' and
 * plan_migration's structured content.
 */
public final class GraphRecorder {
    /** The edge from a finding to the resource it was found in. */
    public static final String FOUND_IN = "found-in";

    /** The edge from a decision to its workload and the workload's resources. */
    public static final String DECIDED_FOR = "decided-for";

    /** The edge from a tool call (or a decision) to the approval that let it run. */
    public static final String APPROVED_BY = "approved-by";

    /** The edge from something recorded to the tool call that produced it. */
    public static final String PRODUCED_BY = "produced-by";

    /** The edge from a change to the host's agents to the user who asked for it. */
    public static final String REQUESTED_BY = "requested-by";

    private final KnowledgeGraph graph;

    /** Records into {@code graph}. */
    public GraphRecorder(KnowledgeGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /**
     * An inventory document: each resource a node of its provider-prefixed type, each relationship an edge,
     * all under their account and the document's sync tag; then, for each account the document covers,
     * what an earlier sync recorded and this one did not see is removed (that account's only).
     *
     * @return the number of changes committed, removals included
     */
    public int inventory(JsonNode doc, Instant at) {
        String tag = text(doc, "syncTag", "an inventory");
        if (!doc.path("resources").isArray() || !doc.path("relationships").isArray()) {
            throw new GraphException("an inventory has resources and relationships arrays");
        }
        List<Change> changes = new ArrayList<>();
        Set<String> accounts = new LinkedHashSet<>();
        java.util.Map<String, String> accountOf = new java.util.HashMap<>();
        for (JsonNode r : doc.path("resources")) {
            String id = text(r, "id", "a resource");
            String account = text(r, "account", "resource " + id);
            accounts.add(account);
            accountOf.put(id, account);
            ObjectNode p = Canonical.MAPPER.createObjectNode();
            p.put("name", r.path("name").asString(""))
                    .put("region", r.path("region").asString(""))
                    .put("provider", r.path("provider").asString(""));
            p.set("tags", r.path("tags").isObject() ? r.get("tags") : Canonical.MAPPER.createObjectNode());
            p.set(
                    "properties",
                    r.path("properties").isObject() ? r.get("properties") : Canonical.MAPPER.createObjectNode());
            changes.add(Change.node(id, text(r, "type", "resource " + id), p, account, tag, at));
        }
        for (JsonNode e : doc.path("relationships")) {
            String from = text(e, "from", "a relationship");
            String to = text(e, "to", "a relationship");
            ObjectNode p = e.path("properties").isObject()
                    ? (ObjectNode) e.get("properties")
                    : Canonical.MAPPER.createObjectNode();
            changes.add(Change.edge(
                    from, text(e, "type", "a relationship"), to, p, accountOf.getOrDefault(from, ""), tag, at));
        }
        graph.commit(changes);
        int count = changes.size();
        for (String account : accounts) {
            count += graph.cleanUp(account, tag, at).size();
        }
        return count;
    }

    /**
     * run_checks' structured content: a node per finding ({@code finding}, id CHECK@RESOURCE) with its
     * severity, message and remediation, {@code found-in} the resource, kept under the account
     * {@code security:ESTATE}, so a new scan of the estate removes findings that no longer fire.
     */
    public int findings(JsonNode scan, String syncTag, Instant at) {
        String estate = text(scan, "estate", "a scan");
        String account = "security:" + estate;
        List<Change> changes = new ArrayList<>();
        for (JsonNode f : scan.path("findings")) {
            String check = text(f, "checkId", "a finding");
            String resource = text(f, "resourceId", "finding " + check);
            String id = "finding:" + check + "@" + resource;
            ObjectNode p = Canonical.MAPPER.createObjectNode();
            p.put("check", check)
                    .put("severity", f.path("severity").asString(""))
                    .put("message", f.path("message").asString(""))
                    .put("remediation", f.path("remediation").asString(""));
            changes.add(Change.node(id, "finding", p, account, syncTag, at));
            changes.add(Change.edge(id, FOUND_IN, resource, Canonical.MAPPER.createObjectNode(), account, syncTag, at));
        }
        graph.commit(changes);
        return changes.size() + graph.cleanUp(account, syncTag, at).size();
    }

    /**
     * plan_migration's structured content: a node per workload and per decision (its 7R strategy, rationale,
     * confidence and status), {@code decided-for} the workload and each of its resources, and a node per
     * wave; kept under the account {@code plan:ESTATE:TARGET}.
     */
    public int plan(JsonNode plan, String syncTag, Instant at) {
        String estate = text(plan, "estate", "a plan");
        String target = text(plan, "target", "a plan");
        String account = "plan:" + estate + ":" + target;
        List<Change> changes = new ArrayList<>();
        java.util.Map<String, List<String>> resources = new java.util.HashMap<>();
        for (JsonNode w : plan.path("workloads")) {
            String id = "workload:" + estate + ":" + text(w, "id", "a workload");
            List<String> ids = new ArrayList<>();
            w.path("resourceIds").forEach(r -> ids.add(r.asString()));
            resources.put(w.path("id").asString(), ids);
            changes.add(Change.node(
                    id,
                    "workload",
                    Sample.of(
                            "name",
                            w.path("name").asString(""),
                            "environment",
                            w.path("environment").asString("")),
                    account,
                    syncTag,
                    at));
        }
        for (JsonNode d : plan.path("decisions")) {
            String workload = text(d, "workload", "a decision");
            String id = "decision:" + estate + ":" + target + ":" + workload;
            ObjectNode p = Sample.of(
                    "strategy", d.path("strategy").asString(""),
                    "rationale", d.path("rationale").asString(""),
                    "status", d.path("status").asString(""),
                    "readiness", d.path("readiness").asString(""));
            p.put("confidence", d.path("confidence").asDouble());
            changes.add(Change.node(id, "decision", p, account, syncTag, at));
            changes.add(Change.edge(
                    id,
                    DECIDED_FOR,
                    "workload:" + estate + ":" + workload,
                    Canonical.MAPPER.createObjectNode(),
                    account,
                    syncTag,
                    at));
            for (String r : resources.getOrDefault(workload, List.of())) {
                changes.add(Change.edge(id, DECIDED_FOR, r, Canonical.MAPPER.createObjectNode(), account, syncTag, at));
            }
        }
        for (JsonNode w : plan.path("waves")) {
            String id = "wave:" + estate + ":" + target + ":" + w.path("number").asInt();
            changes.add(Change.node(
                    id,
                    "wave",
                    Sample.of(
                            "name",
                            w.path("name").asString(""),
                            "risk",
                            w.path("risk").asString("")),
                    account,
                    syncTag,
                    at));
        }
        graph.commit(changes);
        return changes.size() + graph.cleanUp(account, syncTag, at).size();
    }

    /** A user's decision on a tool call (approve once, approve always, deny), {@code approved-by} the user. */
    public void approval(
            String approvalId, String toolCallId, String user, String decision, String session, Instant at) {
        List<Change> changes = List.of(
                Change.node(
                        "approval:" + approvalId,
                        "approval",
                        Sample.of("decision", decision, "session", session),
                        "session:" + session,
                        "approvals",
                        at),
                Change.node(
                        "user:" + user,
                        "user",
                        Canonical.MAPPER.createObjectNode(),
                        "session:" + session,
                        "approvals",
                        at),
                Change.edge(
                        "tool-call:" + toolCallId,
                        APPROVED_BY,
                        "approval:" + approvalId,
                        Canonical.MAPPER.createObjectNode(),
                        "session:" + session,
                        "approvals",
                        at),
                Change.edge(
                        "approval:" + approvalId,
                        APPROVED_BY,
                        "user:" + user,
                        Canonical.MAPPER.createObjectNode(),
                        "session:" + session,
                        "approvals",
                        at));
        graph.commit(changes);
    }

    /**
     * A change to the host's agents: a server attached (started, restarted or reached) over {@code transport}
     * ({@code stdio} or {@code http}), {@code requested-by} the user, from {@code session} (empty when none). The
     * server's command, URL, environment and headers are not recorded: they may hold secrets.
     */
    public void agentChange(String changeId, String server, String transport, String user, String session, Instant at) {
        graph.commit(List.of(
                Change.node(
                        "agent-change:" + changeId,
                        "agent-change",
                        Sample.of("server", server, "transport", transport, "session", session),
                        "agents",
                        "agents",
                        at),
                Change.node("user:" + user, "user", Canonical.MAPPER.createObjectNode(), "agents", "agents", at),
                Change.edge(
                        "agent-change:" + changeId,
                        REQUESTED_BY,
                        "user:" + user,
                        Canonical.MAPPER.createObjectNode(),
                        "agents",
                        "agents",
                        at)));
    }

    /**
     * A tool call as provenance: the session, server, tool and the SHA-256 of its arguments (not the
     * arguments: they may hold personal data), and a {@code produced-by} edge from each node it produced.
     */
    public void toolCall(
            String toolCallId,
            String session,
            String server,
            String tool,
            String argumentsSha256,
            List<String> produced,
            Instant at) {
        List<Change> changes = new ArrayList<>();
        changes.add(Change.node(
                "tool-call:" + toolCallId,
                "tool-call",
                Sample.of("session", session, "server", server, "tool", tool, "arguments-sha256", argumentsSha256),
                "session:" + session,
                "calls",
                at));
        for (String id : produced) {
            changes.add(Change.edge(
                    id,
                    PRODUCED_BY,
                    "tool-call:" + toolCallId,
                    Canonical.MAPPER.createObjectNode(),
                    "session:" + session,
                    "calls",
                    at));
        }
        graph.commit(changes);
    }

    private static String text(JsonNode n, String field, String what) {
        JsonNode v = n.path(field);
        if (!v.isString() || v.stringValue().isBlank()) {
            throw new GraphException(what + " has no '" + field + "'");
        }
        return v.stringValue();
    }

    /** Small property objects. */
    private static final class Sample {
        static ObjectNode of(String... kv) {
            ObjectNode n = Canonical.MAPPER.createObjectNode();
            for (int i = 0; i < kv.length; i += 2) {
                n.put(kv[i], kv[i + 1]);
            }
            return n;
        }
    }
}
