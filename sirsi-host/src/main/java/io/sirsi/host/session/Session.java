package io.sirsi.host.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conversation with the host: what was said, what it is about, what the user approved, and the tool
 * calls waiting for approval. Immutable; the {@code with...} methods return a changed copy, which a
 * {@link SessionStore} then saves. A session expires its store's TTL after {@link #lastActive()}.
 *
 * <p>A session belongs to its {@link #owner()}, who created it; the host lets only the owner and admins use it.
 * A session stored before sessions had owners has none in its stored form: it loads with the owner {@code ""}
 * and anyone may use it.
 *
 * @param id the session's id: 1 to 100 letters, digits, '-' or '_' (it names files and keys)
 * @param created when the session began
 * @param lastActive when it was last used; expiry counts from here
 * @param history the messages, oldest first
 * @param context the estate, target and artifacts the session works on
 * @param approvals the tool globs ({@code aws__*}) the user approved for this session
 * @param pending the tool calls waiting for the user's approval
 * @param owner the subject of the caller who created the session, or {@code ""} for one stored before sessions
 *     had owners (anyone may use it)
 */
public record Session(
        String id,
        Instant created,
        Instant lastActive,
        List<Message> history,
        Context context,
        List<String> approvals,
        List<PendingCall> pending,
        String owner) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /**
     * Checks the id and times; absent collections and an absent owner (from an older peer or an older stored
     * session) become empty.
     */
    public Session {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new SessionException("a session id is 1 to 100 letters, digits, '-' or '_', not '" + id + "'");
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastActive, "lastActive");
        history = history == null ? List.of() : List.copyOf(history);
        context = context == null ? Context.EMPTY : context;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        pending = pending == null ? List.of() : List.copyOf(pending);
        owner = owner == null ? "" : owner;
    }

    /** A new, empty session with no owner, which anyone may use. */
    public static Session create(String id, Instant now) {
        return new Session(id, now, now, List.of(), Context.EMPTY, List.of(), List.of(), "");
    }

    /** This session with {@code message} added to its history, active at the message's time. */
    public Session withMessage(Message message) {
        Objects.requireNonNull(message, "message");
        List<Message> h = new ArrayList<>(history);
        h.add(message);
        return new Session(id, created, later(message.time()), h, context, approvals, pending, owner);
    }

    /** This session with another context. */
    public Session withContext(Context newContext) {
        Objects.requireNonNull(newContext, "newContext");
        return new Session(id, created, lastActive, history, newContext, approvals, pending, owner);
    }

    /** This session with {@code toolGlob} approved. */
    public Session withApproval(String toolGlob) {
        Objects.requireNonNull(toolGlob, "toolGlob");
        List<String> a = new ArrayList<>(approvals);
        if (!a.contains(toolGlob)) {
            a.add(toolGlob);
        }
        return new Session(id, created, lastActive, history, context, a, pending, owner);
    }

    /** This session with {@code calls} as its pending calls. */
    public Session withPending(List<PendingCall> calls) {
        return new Session(id, created, lastActive, history, context, approvals, calls, owner);
    }

    /** Its first user message, cut to 80 characters, for lists; empty when it has none yet. */
    public String title() {
        String first = history.stream()
                .filter(m -> m.role().equals("user"))
                .map(Message::text)
                .findFirst()
                .orElse("")
                .strip()
                .replaceAll("\\s+", " ");
        return first.codePointCount(0, first.length()) <= 80
                ? first
                : first.substring(0, first.offsetByCodePoints(0, 79)) + "…";
    }

    /** This session, active at {@code now}. */
    public Session touched(Instant now) {
        return new Session(id, created, later(now), history, context, approvals, pending, owner);
    }

    private Instant later(Instant t) {
        return t.isAfter(lastActive) ? t : lastActive;
    }

    /**
     * A message of the history.
     *
     * @param role who spoke: {@code user}, {@code assistant}, {@code tool}, or {@code approval} for a decision on
     *     a tool's approval or a server's question
     * @param text what was said
     * @param time when
     */
    public record Message(String role, String text, Instant time) {
        /** Checks that every field is present. */
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * What a session works on. An empty string is a slot not yet filled.
     *
     * @param estate the current estate ({@code kulturio})
     * @param target the target cloud ({@code aws})
     * @param artifacts the artifacts produced, by name (a path or URI as the value)
     */
    public record Context(String estate, String target, Map<String, String> artifacts) {
        /** No estate, no target, no artifacts. */
        public static final Context EMPTY = new Context("", "", Map.of());

        /** Absent fields become empty. */
        public Context {
            estate = estate == null ? "" : estate;
            target = target == null ? "" : target;
            artifacts = artifacts == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
        }
    }

    /**
     * A question a turn waits on: a tool call waiting for the user's approval, or a server's question (an MCP
     * elicitation) asked during a call. Kept in the session so that a client that lost the turn's events can
     * still answer it.
     *
     * @param id the question's id, which the answer names
     * @param tool the catalog name of the tool ({@code aws__stop_instance}): the one to run, or the one whose
     *     server asks
     * @param arguments the call's arguments as a JSON object ({@code {}} for a server's question)
     * @param requested when it was asked
     * @param kind {@link #TOOL} or {@link #ELICITATION}; absent (from an older store) means a tool approval
     * @param message what the server asks, for an elicitation; empty otherwise
     * @param schema the JSON Schema of the answer the server wants, for an elicitation; {@code {}} otherwise
     */
    public record PendingCall(
            String id, String tool, String arguments, Instant requested, String kind, String message, String schema) {
        /** A tool call waiting for approval. */
        public static final String TOOL = "tool";

        /** A server's question. */
        public static final String ELICITATION = "elicitation";

        /** Checks that every field is present; absent ones from an older store get their defaults. */
        public PendingCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(requested, "requested");
            kind = kind == null ? TOOL : kind;
            message = message == null ? "" : message;
            schema = schema == null ? "{}" : schema;
        }

        /** A tool call waiting for approval. */
        public PendingCall(String id, String tool, String arguments, Instant requested) {
            this(id, tool, arguments, requested, TOOL, "", "{}");
        }
    }
}
