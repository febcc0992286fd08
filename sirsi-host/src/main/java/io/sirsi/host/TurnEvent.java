package io.sirsi.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client sees of a turn, in order: text, tool calls starting and finishing with their progress,
 * questions for the user (approvals and servers' elicitations), artifacts, and the final answer, always last.
 * The gRPC and WebSocket APIs carry these one to one.
 */
public sealed interface TurnEvent {
    /** The event's {@code type} on the wire: {@code text}, {@code tool_call_started}, ... */
    String type();

    /** Text from the reasoner before the final answer: what it is doing. */
    record Text(String text) implements TurnEvent {
        /** Checks. */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /**
     * A tool call was sent to its server.
     *
     * @param callId the call's id, which its progress and result name
     * @param tool the catalog name ({@code security__run_checks})
     * @param arguments the arguments as a JSON object
     */
    record ToolCallStarted(String callId, String tool, String arguments) implements TurnEvent {
        /** Checks. */
        public ToolCallStarted {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
        }

        @Override
        public String type() {
            return "tool_call_started";
        }
    }

    /**
     * A server reported progress on a call.
     *
     * @param callId the call
     * @param progress how far, in the server's units
     * @param total the total when the server knows it, else 0
     * @param message the server's message, or empty
     */
    record Progress(String callId, double progress, double total, String message) implements TurnEvent {
        /** Checks. */
        public Progress {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "progress";
        }
    }

    /**
     * The turn waits for the user: a tool that is not read-only needs approval, or a server asks a question
     * (elicitation). Answer with the host's resolve operation, naming {@code requestId}.
     *
     * @param requestId what the answer names
     * @param kind {@code tool} (approve once, always, or deny) or {@code elicitation} (accept with content,
     *     decline, or cancel)
     * @param tool the tool to approve, or the tool whose server asks
     * @param arguments the tool call's arguments (JSON), or {@code {}} for an elicitation
     * @param message why the host asks: the tool's annotations, or the server's question
     * @param schema for an elicitation, the JSON Schema of the answer the server requested; else {@code {}}
     */
    record ApprovalNeeded(String requestId, String kind, String tool, String arguments, String message, String schema)
            implements TurnEvent {
        /** The kind of a tool approval. */
        public static final String TOOL = "tool";

        /** The kind of a server's question. */
        public static final String ELICITATION = "elicitation";

        /** Checks. */
        public ApprovalNeeded {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public String type() {
            return "approval_needed";
        }
    }

    /**
     * A tool call ended.
     *
     * @param callId the call
     * @param tool its catalog name
     * @param status {@code ok}, {@code error} (the tool reported a failure), {@code denied} (not run), or
     *     {@code failed} (its server failed or timed out)
     * @param summary the result's text, or why it failed, cut to 2,000 characters
     * @param millis how long the call took, approval excluded
     */
    record ToolResultEvent(String callId, String tool, String status, String summary, long millis)
            implements TurnEvent {
        /** Checks. */
        public ToolResultEvent {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public String type() {
            return "tool_result";
        }
    }

    /**
     * A file the turn produced.
     *
     * @param name a short name ({@code main.tf})
     * @param path where the host wrote it
     * @param bytes its size
     */
    record Artifact(String name, String path, long bytes) implements TurnEvent {
        /** Checks. */
        public Artifact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String type() {
            return "artifact";
        }
    }

    /**
     * The turn's answer; no event follows it. The session was saved before it was sent.
     *
     * @param turnId the turn
     * @param answer the text for the user
     * @param error why the turn could not finish, when it could not
     */
    record Final(String turnId, String answer, Optional<String> error) implements TurnEvent {
        /** Checks. */
        public Final {
            Objects.requireNonNull(turnId, "turnId");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "final";
        }
    }
}
