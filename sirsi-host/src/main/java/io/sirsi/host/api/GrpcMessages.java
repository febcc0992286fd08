package io.sirsi.host.api;

import com.google.protobuf.Timestamp;
import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.AgentStatus;
import io.sirsi.host.HostHealth;
import io.sirsi.host.TurnEvent;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.session.Session;
import io.sirsi.proto.agent.v1.ApprovalNeeded;
import io.sirsi.proto.agent.v1.ArtifactEvent;
import io.sirsi.proto.agent.v1.FinalEvent;
import io.sirsi.proto.agent.v1.ProgressEvent;
import io.sirsi.proto.agent.v1.SystemHealth;
import io.sirsi.proto.agent.v1.TextEvent;
import io.sirsi.proto.agent.v1.Tool;
import io.sirsi.proto.agent.v1.ToolCallStarted;
import io.sirsi.proto.agent.v1.ToolResult;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The host's values as messages of {@code sirsi.agent.v1}. Enum values map by name: the host's label upper-cased
 * ({@code approve_always} is {@code APPROVE_ALWAYS}); a label the proto does not know becomes the enum's
 * {@code *_UNSPECIFIED}, which clients treat as unknown.
 */
final class GrpcMessages {
    private GrpcMessages() {}

    static io.sirsi.proto.agent.v1.TurnEvent event(String sessionId, String turnId, TurnEvent event) {
        var out = io.sirsi.proto.agent.v1.TurnEvent.newBuilder()
                .setSessionId(sessionId)
                .setTurnId(turnId);
        switch (event) {
            case TurnEvent.Text e -> out.setText(TextEvent.newBuilder().setText(e.text()));
            case TurnEvent.ToolCallStarted e ->
                out.setToolCallStarted(ToolCallStarted.newBuilder()
                        .setCallId(e.callId())
                        .setTool(e.tool())
                        .setArgumentsJson(e.arguments()));
            case TurnEvent.Progress e ->
                out.setProgress(ProgressEvent.newBuilder()
                        .setCallId(e.callId())
                        .setProgress(e.progress())
                        .setTotal(e.total())
                        .setMessage(e.message()));
            case TurnEvent.ApprovalNeeded e ->
                out.setApprovalNeeded(ApprovalNeeded.newBuilder()
                        .setRequestId(e.requestId())
                        .setKind(named(ApprovalNeeded.Kind.class, e.kind(), ApprovalNeeded.Kind.KIND_UNSPECIFIED))
                        .setTool(e.tool())
                        .setArgumentsJson(e.arguments())
                        .setMessage(e.message())
                        .setSchemaJson(e.schema()));
            case TurnEvent.ToolResultEvent e ->
                out.setToolResult(ToolResult.newBuilder()
                        .setCallId(e.callId())
                        .setTool(e.tool())
                        .setStatus(named(ToolResult.Status.class, e.status(), ToolResult.Status.STATUS_UNSPECIFIED))
                        .setSummary(e.summary())
                        .setMillis(e.millis()));
            case TurnEvent.Artifact e ->
                out.setArtifact(ArtifactEvent.newBuilder()
                        .setName(e.name())
                        .setPath(e.path())
                        .setBytes(e.bytes()));
            case TurnEvent.Final e -> {
                var last = FinalEvent.newBuilder().setTurnId(e.turnId()).setAnswer(e.answer());
                e.error().ifPresent(last::setError);
                out.setFinal(last);
            }
        }
        return out.build();
    }

    static io.sirsi.proto.agent.v1.Session session(Session s) {
        var out = io.sirsi.proto.agent.v1.Session.newBuilder()
                .setId(s.id())
                .setCreated(time(s.created()))
                .setLastActive(time(s.lastActive()))
                .setContext(io.sirsi.proto.agent.v1.Session.Context.newBuilder()
                        .setEstate(s.context().estate())
                        .setTarget(s.context().target())
                        .putAllArtifacts(s.context().artifacts()))
                .addAllApprovals(s.approvals())
                .setOwner(s.owner());
        for (Session.Message m : s.history()) {
            out.addHistory(io.sirsi.proto.agent.v1.Session.Message.newBuilder()
                    .setRole(named(
                            io.sirsi.proto.agent.v1.Session.Message.Role.class,
                            m.role(),
                            io.sirsi.proto.agent.v1.Session.Message.Role.ROLE_UNSPECIFIED))
                    .setText(m.text())
                    .setTime(time(m.time())));
        }
        for (Session.PendingCall p : s.pending()) {
            out.addPending(io.sirsi.proto.agent.v1.Session.PendingCall.newBuilder()
                    .setId(p.id())
                    .setTool(p.tool())
                    .setArgumentsJson(p.arguments())
                    .setRequested(time(p.requested()))
                    .setKind(named(ApprovalNeeded.Kind.class, p.kind(), ApprovalNeeded.Kind.KIND_UNSPECIFIED))
                    .setMessage(p.message())
                    .setSchemaJson(p.schema()));
        }
        return out.build();
    }

    static io.sirsi.proto.agent.v1.SessionSummary summary(Session s) {
        return io.sirsi.proto.agent.v1.SessionSummary.newBuilder()
                .setId(s.id())
                .setOwner(s.owner())
                .setCreated(time(s.created()))
                .setLastActive(time(s.lastActive()))
                .setTitle(s.title())
                .setMessages(s.history().size())
                .setEstate(s.context().estate())
                .setTarget(s.context().target())
                .build();
    }

    static io.sirsi.proto.agent.v1.AgentStatus agent(AgentStatus a) {
        return io.sirsi.proto.agent.v1.AgentStatus.newBuilder()
                .setName(a.name())
                .setState(named(
                        io.sirsi.proto.agent.v1.AgentStatus.State.class,
                        a.state(),
                        io.sirsi.proto.agent.v1.AgentStatus.State.STATE_UNSPECIFIED))
                .setTransport(named(
                        io.sirsi.proto.agent.v1.AgentStatus.Transport.class,
                        a.transport(),
                        io.sirsi.proto.agent.v1.AgentStatus.Transport.TRANSPORT_UNSPECIFIED))
                .setTools(a.tools())
                .setVersion(a.version())
                .setError(a.error())
                .setCalls(a.calls())
                .setFailedCalls(a.failedCalls())
                .build();
    }

    static SystemHealth health(HostHealth h) {
        return SystemHealth.newBuilder()
                .setStatus(named(SystemHealth.Status.class, h.status(), SystemHealth.Status.STATUS_UNSPECIFIED))
                .setReasoner(h.reasoner())
                .setSessions(h.sessions())
                .setGraph(h.graph())
                .setUptimeSeconds(h.uptimeSeconds())
                .addAllAgents(h.agents().stream().map(GrpcMessages::agent).toList())
                .build();
    }

    /** A catalog tool with its schemas as JSON and its annotations read with MCP's defaults for absent hints. */
    static Tool tool(CatalogTool t) {
        McpSchema.Tool tool = t.tool();
        McpSchema.ToolAnnotations hints = tool.annotations();
        String title =
                tool.title() != null ? tool.title() : hints != null && hints.title() != null ? hints.title() : "";
        return Tool.newBuilder()
                .setName(t.name())
                .setServer(t.server())
                .setTitle(title)
                .setDescription(tool.description() == null ? "" : tool.description())
                .setInputSchemaJson(json(tool.inputSchema() == null ? Map.of() : tool.inputSchema()))
                .setOutputSchemaJson(tool.outputSchema() == null ? "" : json(tool.outputSchema()))
                .setReadOnly(t.readOnly())
                .setDestructive(hints == null || !Boolean.FALSE.equals(hints.destructiveHint()))
                .setIdempotent(hints != null && Boolean.TRUE.equals(hints.idempotentHint()))
                .setOpenWorld(hints == null || !Boolean.FALSE.equals(hints.openWorldHint()))
                .build();
    }

    static Timestamp time(Instant t) {
        return Timestamp.newBuilder()
                .setSeconds(t.getEpochSecond())
                .setNanos(t.getNano())
                .build();
    }

    private static String json(Map<String, Object> value) {
        return HttpJson.JSON.writeValueAsString(value);
    }

    /** The value of a proto enum named by a host label, or {@code unknown}. */
    static <E extends Enum<E>> E named(Class<E> type, String label, E unknown) {
        try {
            E value = Enum.valueOf(type, label.toUpperCase(Locale.ROOT).replace('-', '_'));
            // UNRECOGNIZED is protobuf's stand-in for a number it does not know; it cannot be sent.
            return value.name().equals("UNRECOGNIZED") ? unknown : value;
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }
}
