package io.sirsi.host.reasoning;

import io.sirsi.host.mcp.ToolCatalog;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.util.Map;

/**
 * One turn as a {@link Reasoner} sees it. The host implements it: every tool call goes through {@link #call},
 * which asks for the user's approval when the tool is not read-only, streams progress to the client, records
 * the call in the knowledge graph, and fails with a clear {@link io.sirsi.host.mcp.ToolCallException} (a
 * {@link io.sirsi.host.mcp.CallDeniedException} when the user or policy said no).
 */
public interface Turn {
    /** The turn's id; also the name of its artifact folder. */
    String id();

    /** The session as loaded for this turn; its history ends with the user's message. */
    Session session();

    /** The user's message. */
    String message();

    /** The tools this caller may call now (a viewer sees only read-only tools). */
    ToolCatalog catalog();

    /**
     * Calls a tool by its catalog name, waiting for approval when it needs one.
     *
     * @return the result; {@link ToolResult#error()} when the tool reported a failure
     * @throws io.sirsi.host.mcp.ToolCallException when the tool is unknown, its server failed, or the call was
     *     denied ({@link io.sirsi.host.mcp.CallDeniedException})
     */
    ToolResult call(String tool, Map<String, Object> arguments);

    /** Streams a piece of text to the client before the final answer (what the reasoner is doing). */
    void say(String text);

    /** The folder for this turn's files; it may not exist yet, so a writer creates the folders it needs. */
    Path artifacts();

    /** Announces a file written under {@link #artifacts()} to the client and the session. */
    void artifact(String name, Path file);

    /** Whether the client cancelled the turn or the host is stopping: stop at the next step. */
    boolean cancelled();

    /**
     * Tells the host how long the reasoner spent in its model (an embedding or a chat model), so that the host's
     * own overhead per turn can be measured apart from model and tool time.
     */
    default void modelNanos(long nanos) {}
}
