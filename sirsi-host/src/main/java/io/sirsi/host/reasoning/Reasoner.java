package io.sirsi.host.reasoning;

import io.sirsi.host.session.Session;
import java.util.List;

/**
 * Turns a user's message into tool calls and an answer. The host gives each turn a {@link Turn}: the session,
 * the catalog the caller may use, and the one way to call a tool (through approvals, progress and the graph).
 * Implementations are safe for concurrent turns of different sessions.
 */
public interface Reasoner extends AutoCloseable {
    /** What this reasoner is, for health and logs: {@code playbook}, {@code openai:gpt-4o-mini}, ... */
    String describe();

    /**
     * Runs one turn and returns its outcome. A tool that fails or is denied does not end the turn by itself:
     * the reasoner decides, and says so in the answer.
     */
    TurnOutcome reason(Turn turn);

    /** Next things the user could ask, from the session's context; at most five, most useful first. */
    List<String> suggestions(Session session);

    @Override
    default void close() {}
}
