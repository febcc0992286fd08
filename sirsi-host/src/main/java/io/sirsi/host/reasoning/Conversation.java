package io.sirsi.host.reasoning;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.sirsi.host.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What the model reads before a turn: who Sirsi is, what the session works on, and the recent history. */
final class Conversation {
    static final String SYSTEM_PROMPT = """
            You are Sirsi, an assistant for cloud migration and infrastructure management. You work through the \
            tools of Sirsi's agent servers (discovery of AWS, Azure and GCP estates, migration assessment and \
            planning, security checks, reports), each named server__tool.

            - Use the tools to find facts. Never invent resources, estates, accounts, costs or findings: when the \
            tools cannot tell, say so.
            - Read-only tools run at once; a tool that changes things waits for the user's approval.
            - A tool result that starts with "error:" means the call failed or was denied. Say which tool, and why, \
            and never present its result as if it had run.
            - Answer concisely, with the resources and numbers the tools returned.""";

    private Conversation() {}

    /** The system message: the prompt and, when known, the session's estate and target. */
    static SystemMessage system(Session.Context context) {
        List<String> known = new ArrayList<>();
        if (!context.estate().isBlank()) {
            known.add("the estate is " + context.estate());
        }
        if (!context.target().isBlank()) {
            known.add("the target cloud is " + context.target());
        }
        if (!context.artifacts().isEmpty()) {
            known.add("artifacts written so far: "
                    + String.join(", ", context.artifacts().keySet()));
        }
        return SystemMessage.from(
                known.isEmpty()
                        ? SYSTEM_PROMPT
                        : SYSTEM_PROMPT + "\n\nIn this session " + String.join("; ", known) + ".");
    }

    /**
     * The last {@code limit} user and assistant messages of the history, then the user's message. The session's
     * history already ends with that message; it is not repeated. Entries of role {@code tool} are left out: they
     * record calls for clients, and the answers that followed them say what they found. The window starts at a
     * user message, as some providers require.
     */
    static List<ChatMessage> history(Session session, String message, int limit) {
        List<Session.Message> h = new ArrayList<>(session.history());
        if (!h.isEmpty()
                && h.getLast().role().equals("user")
                && h.getLast().text().equals(message)) {
            h.removeLast();
        }
        List<Session.Message> spoken = h.stream()
                .filter(m -> m.role().equals("user") || m.role().equals("assistant"))
                .filter(m -> !m.text().isBlank())
                .collect(Collectors.toCollection(ArrayList::new));
        List<Session.Message> window = spoken.subList(Math.max(0, spoken.size() - limit), spoken.size());
        int first = 0;
        while (first < window.size() && !window.get(first).role().equals("user")) {
            first++;
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Session.Message m : window.subList(first, window.size())) {
            messages.add(m.role().equals("user") ? UserMessage.from(m.text()) : AiMessage.from(m.text()));
        }
        messages.add(UserMessage.from(message));
        return messages;
    }

    /** The last few things said before the message, for choosing tools: a follow-up often names nothing. */
    static String recent(Session session, String message, int messages) {
        List<Session.Message> h = new ArrayList<>(session.history());
        if (!h.isEmpty() && h.getLast().text().equals(message)) {
            h.removeLast();
        }
        List<String> spoken = h.stream()
                .filter(m -> m.role().equals("user") || m.role().equals("assistant"))
                .map(m -> m.text().length() > 500 ? m.text().substring(0, 500) : m.text())
                .toList();
        return String.join("\n", spoken.subList(Math.max(0, spoken.size() - messages), spoken.size()));
    }
}
