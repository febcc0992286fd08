package io.sirsi.host.api;

import io.sirsi.host.Caller;
import io.sirsi.host.Host;
import io.sirsi.host.RequestException;
import io.sirsi.host.Resolution;
import io.sirsi.host.TurnHandle;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ToolCatalog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The operations of the WebSocket chat API, the same as the gRPC {@code AgentService}'s: each request becomes a
 * call to the {@link Host} and one reply; a {@code message} also streams its turn's events. The host checks
 * roles and sessions' owners; what it refuses comes back as a {@link RequestException}, which the connection
 * turns into an error.
 */
final class ChatOperations {
    /** The request types, as an unknown type's error lists them. */
    static final List<String> TYPES = List.of(
            "auth",
            "ping",
            "create_session",
            "message",
            "resolve",
            "get_session",
            "close_session",
            "cancel",
            "list_sessions",
            "suggestions",
            "list_agents",
            "agent_status",
            "list_tools",
            "create_agent",
            "health");

    private final Host host;

    ChatOperations(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Serves {@code request} for {@code caller}, sending its reply, and a turn's events, to {@code out}, which
     * takes messages from any thread.
     *
     * @throws RequestException when the request is malformed or the host refuses it
     */
    void serve(ChatRequest request, Caller caller, Consumer<Map<String, Object>> out) {
        switch (request.type()) {
            case "ping" -> out.accept(reply(request, "pong", Map.of()));
            case "create_session" ->
                out.accept(reply(request, "session", Map.of("session", ChatJson.session(host.createSession(caller)))));
            case "message" -> message(request, caller, out);
            case "resolve" -> out.accept(resolve(request, caller));
            case "get_session" ->
                out.accept(reply(
                        request,
                        "session",
                        Map.of("session", ChatJson.session(host.session(request.string("session"), caller)))));
            case "close_session" -> {
                String session = request.string("session");
                boolean closed = host.closeSession(session, caller);
                out.accept(reply(request, "session_closed", ChatJson.fields("session", session, "closed", closed)));
            }
            case "cancel" -> {
                String session = request.string("session");
                String turn = host.cancelTurn(session, request.optionalString("turn"), caller);
                out.accept(reply(request, "turn_cancelled", ChatJson.fields("session", session, "turn", turn)));
            }
            case "list_sessions" -> {
                var listed = host.sessions(
                        caller,
                        request.optionalBoolean("all").orElse(false),
                        request.optionalInt("limit").orElse(0));
                out.accept(reply(
                        request,
                        "sessions",
                        Map.of(
                                "sessions",
                                listed.stream().map(ChatJson::summary).toList())));
            }
            case "suggestions" -> {
                String session = request.string("session");
                out.accept(reply(
                        request,
                        "suggestions",
                        ChatJson.fields("session", session, "suggestions", host.suggestions(session, caller))));
            }
            case "list_agents" ->
                out.accept(reply(request, "agents", Map.of("agents", HttpJson.agents(host.agents()))));
            case "agent_status" ->
                out.accept(
                        reply(request, "agent", Map.of("agent", HttpJson.agent(host.agent(request.string("name"))))));
            case "list_tools" ->
                out.accept(reply(request, "tools", Map.of("tools", ChatJson.tools(tools(request, caller)))));
            case "create_agent" -> {
                var status = host.attach(
                        request.string("name"),
                        request.objectOrString("manifest"),
                        request.optionalString("session"),
                        caller);
                out.accept(reply(request, "agent", Map.of("agent", HttpJson.agent(status))));
            }
            case "health" -> out.accept(reply(request, "health", Map.of("health", HttpJson.healthBody(host.health()))));
            default ->
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "unknown type '" + request.type() + "'; the types are " + String.join(", ", TYPES));
        }
    }

    /**
     * Starts a turn. Its reply, {@code accepted} with the turn's id, goes out before any of its events: an event
     * waits for the id, which is known once the host has taken the message.
     */
    private void message(ChatRequest request, Caller caller, Consumer<Map<String, Object>> out) {
        String session = request.string("session");
        String text = request.string("text");
        CompletableFuture<String> turn = new CompletableFuture<>();
        TurnHandle handle;
        try {
            handle = host.send(
                    session,
                    text,
                    caller,
                    event -> out.accept(ChatJson.event(event, session, turn.join(), request.id())));
        } catch (RuntimeException e) {
            turn.completeExceptionally(e);
            throw e;
        }
        out.accept(reply(request, "accepted", ChatJson.fields("session", session, "turn", handle.turnId())));
        turn.complete(handle.turnId());
    }

    private Map<String, Object> resolve(ChatRequest request, Caller caller) {
        String session = request.string("session");
        String question = request.string("request");
        Resolution.Decision decision = Resolution.Decision.parse(request.string("decision"));
        Map<String, Object> content = request.object("content")
                .map(c -> ChatRequest.map("content", c))
                .orElse(Map.of());
        host.resolve(session, question, new Resolution(decision, content), caller);
        return reply(
                request,
                "resolved",
                ChatJson.fields("session", session, "request", question, "decision", decision.label()));
    }

    private List<CatalogTool> tools(ChatRequest request, Caller caller) {
        ToolCatalog catalog = host.catalog(caller);
        return request.optionalString("server")
                .map(server -> {
                    host.agent(server); // NOT_FOUND for a server the host does not know
                    return catalog.ofServer(server);
                })
                .orElseGet(catalog::tools);
    }

    private static Map<String, Object> reply(ChatRequest request, String type, Map<String, ?> fields) {
        return ChatJson.message(type, request.id(), fields);
    }
}
