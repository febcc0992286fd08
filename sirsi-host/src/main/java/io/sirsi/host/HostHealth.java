package io.sirsi.host;

import java.util.List;
import java.util.Objects;

/**
 * The host's health.
 *
 * @param status {@code ok} when every enabled server is connected, else {@code degraded}
 * @param reasoner the reasoner in use ({@code playbook}, {@code openai:gpt-4o-mini})
 * @param sessions the session store ({@code file /home/me/.sirsi/sessions})
 * @param graph the knowledge graph and its ledger, or {@code off}
 * @param uptimeSeconds seconds since the host started
 * @param agents every enabled server
 */
public record HostHealth(
        String status, String reasoner, String sessions, String graph, long uptimeSeconds, List<AgentStatus> agents) {
    /** Checks and copies. */
    public HostHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reasoner, "reasoner");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(graph, "graph");
        agents = List.copyOf(agents);
    }
}
