package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * What the host does with what a server sends during one of its tool calls: progress, log messages, and
 * questions for the user (elicitation). The defaults ignore progress and logs and decline every question.
 */
public interface CallObserver {
    /** Ignores everything and declines every question. */
    CallObserver NONE = new CallObserver() {};

    /** The server reported progress on the call. */
    default void progress(McpSchema.ProgressNotification notification) {}

    /** The server sent a log message while the call was in flight. */
    default void log(String server, McpSchema.LoggingMessageNotification message) {}

    /**
     * The server asks the user a question during the call. This may block until the user answers; the call's
     * timeout does not run meanwhile.
     */
    default McpSchema.ElicitResult elicit(String server, McpSchema.ElicitFormRequest request) {
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
    }

    /**
     * Emits why, when whoever made the call no longer wants its answer: the call then fails with that reason at
     * once, and the server (over stdio or Streamable HTTP) is sent {@code notifications/cancelled}. Never, by
     * default.
     */
    default Mono<String> cancelled() {
        return Mono.never();
    }
}
