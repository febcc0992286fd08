package io.sirsi.proto.agent.v1;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated service and messages are the contract the proto file states. */
class AgentServiceDescriptorTest {
    private static final String SERVICE = "sirsi.agent.v1.AgentService";

    private static final Map<String, MethodType> METHODS = Map.ofEntries(
            Map.entry("CreateSession", MethodType.UNARY),
            Map.entry("CreateAgent", MethodType.UNARY),
            Map.entry("SendMessage", MethodType.SERVER_STREAMING),
            Map.entry("GetSuggestions", MethodType.UNARY),
            Map.entry("GetSystemHealth", MethodType.UNARY),
            Map.entry("GetAgentStatus", MethodType.UNARY),
            Map.entry("ListAgents", MethodType.UNARY),
            Map.entry("ListTools", MethodType.UNARY),
            Map.entry("ResolveApproval", MethodType.UNARY),
            Map.entry("GetSession", MethodType.UNARY),
            Map.entry("CloseSession", MethodType.UNARY),
            Map.entry("CancelTurn", MethodType.UNARY),
            Map.entry("ListSessions", MethodType.UNARY));

    private static final Descriptors.FileDescriptor FILE = AgentServiceProto.getDescriptor();

    @Test
    void serviceIsNamedInItsVersionedPackage() {
        assertEquals(SERVICE, AgentServiceGrpc.getServiceDescriptor().getName());
        assertEquals("sirsi.agent.v1", FILE.getPackage());
        assertEquals("sirsi/agent/v1/agent_service.proto", FILE.getName());
        assertEquals(1, FILE.getServices().size());
        assertEquals(SERVICE, FILE.getServices().get(0).getFullName());
    }

    @Test
    void grpcServiceHasTheThirteenMethodsWithOnlySendMessageStreaming() {
        ServiceDescriptor service = AgentServiceGrpc.getServiceDescriptor();
        Map<String, MethodType> methods = service.getMethods().stream()
                .collect(toMap(MethodDescriptor::getBareMethodName, MethodDescriptor::getType));

        assertEquals(METHODS, methods);
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            assertEquals(SERVICE + "/" + method.getBareMethodName(), method.getFullMethodName());
        }
    }

    @Test
    void fileDescriptorDeclaresTheSameMethods() {
        Map<String, MethodType> methods = FILE.getServices().get(0).getMethods().stream()
                .collect(toMap(Descriptors.MethodDescriptor::getName, AgentServiceDescriptorTest::type));

        assertEquals(METHODS, methods);
        Descriptors.MethodDescriptor send =
                FILE.findServiceByName("AgentService").findMethodByName("SendMessage");
        assertEquals(SendMessageRequest.getDescriptor(), send.getInputType());
        assertEquals(TurnEvent.getDescriptor(), send.getOutputType());
    }

    @Test
    void everyEnumStartsWithAnUnspecifiedZero() {
        List<Descriptors.EnumDescriptor> enums = new ArrayList<>(FILE.getEnumTypes());
        FILE.getMessageTypes().forEach(message -> collectEnums(message, enums));

        assertTrue(enums.contains(Decision.getDescriptor()), () -> "enums: " + enums);
        assertTrue(enums.contains(Session.Message.Role.getDescriptor()), () -> "enums: " + enums);
        for (Descriptors.EnumDescriptor e : enums) {
            Descriptors.EnumValueDescriptor zero = e.findValueByNumber(0);
            assertTrue(
                    zero != null && zero.getName().endsWith("_UNSPECIFIED"),
                    () -> e.getFullName() + " has no *_UNSPECIFIED zero value");
        }
    }

    @Test
    void everyEventKindIsCoveredBelow() {
        Set<TurnEvent.EventCase> covered = events().map(TurnEvent::getEventCase)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TurnEvent.EventCase.class)));
        Set<TurnEvent.EventCase> all = EnumSet.complementOf(EnumSet.of(TurnEvent.EventCase.EVENT_NOT_SET));

        assertEquals(all, covered);
        assertEquals(all.size(), TurnEvent.getDescriptor().getOneofs().get(0).getFieldCount());
    }

    @ParameterizedTest
    @MethodSource("events")
    void turnEventRoundTripsThroughBytes(TurnEvent event) throws InvalidProtocolBufferException {
        byte[] bytes = event.toByteArray();
        TurnEvent parsed = TurnEvent.parseFrom(bytes);

        assertEquals(event, parsed);
        assertEquals(event.getEventCase(), parsed.getEventCase());
        assertEquals("s-1", parsed.getSessionId());
        assertEquals("t-1", parsed.getTurnId());
    }

    @Test
    void finalEventKeepsWhetherAnErrorWasSet() throws InvalidProtocolBufferException {
        TurnEvent withoutError = turn().setFinal(
                        FinalEvent.newBuilder().setTurnId("t-1").setAnswer("done"))
                .build();

        assertFalse(TurnEvent.parseFrom(withoutError.toByteArray()).getFinal().hasError());
        assertTrue(TurnEvent.parseFrom(failedTurn().toByteArray()).getFinal().hasError());
    }

    @Test
    void sessionRoundTripsWithTimesArtifactsAndOwner() throws InvalidProtocolBufferException {
        Timestamp created = Timestamp.newBuilder()
                .setSeconds(1_795_000_000L)
                .setNanos(123_000_000)
                .build();
        Session session = Session.newBuilder()
                .setId("s-1")
                .setCreated(created)
                .setLastActive(created.toBuilder().setSeconds(created.getSeconds() + 60))
                .addHistory(Session.Message.newBuilder()
                        .setRole(Session.Message.Role.USER)
                        .setText("assess kulturio for aws")
                        .setTime(created))
                .setContext(Session.Context.newBuilder()
                        .setEstate("kulturio")
                        .setTarget("aws")
                        .putArtifacts("main.tf", "/tmp/sirsi/t-1/main.tf"))
                .addApprovals("aws__*")
                .addPending(Session.PendingCall.newBuilder()
                        .setId("c-2")
                        .setTool("aws__stop_instance")
                        .setArgumentsJson("{\"id\":\"i-1\"}")
                        .setRequested(created))
                .setOwner("olga")
                .build();

        Session parsed = Session.parseFrom(session.toByteArray());

        assertEquals(session, parsed);
        assertEquals(123_000_000, parsed.getHistory(0).getTime().getNanos());
        assertEquals("/tmp/sirsi/t-1/main.tf", parsed.getContext().getArtifactsOrThrow("main.tf"));
        assertEquals("olga", parsed.getOwner());
    }

    static Stream<TurnEvent> events() {
        return Stream.of(
                turn().setText(TextEvent.newBuilder().setText("Looking at the Kulturio estate"))
                        .build(),
                turn().setToolCallStarted(ToolCallStarted.newBuilder()
                                .setCallId("c-1")
                                .setTool("security__run_checks")
                                .setArgumentsJson("{\"estate\":\"kulturio\"}"))
                        .build(),
                turn().setProgress(ProgressEvent.newBuilder()
                                .setCallId("c-1")
                                .setProgress(3.5)
                                .setTotal(10)
                                .setMessage("checks run"))
                        .build(),
                turn().setApprovalNeeded(ApprovalNeeded.newBuilder()
                                .setRequestId("r-1")
                                .setKind(ApprovalNeeded.Kind.ELICITATION)
                                .setTool("migration__plan_waves")
                                .setArgumentsJson("{}")
                                .setMessage("How many waves?")
                                .setSchemaJson("{\"type\":\"object\"}"))
                        .build(),
                turn().setToolResult(ToolResult.newBuilder()
                                .setCallId("c-1")
                                .setTool("security__run_checks")
                                .setStatus(ToolResult.Status.DENIED)
                                .setSummary("denied by the user")
                                .setMillis(1_234L))
                        .build(),
                turn().setArtifact(ArtifactEvent.newBuilder()
                                .setName("main.tf")
                                .setPath("/tmp/sirsi/t-1/main.tf")
                                .setBytes(5_000_000_000L))
                        .build(),
                failedTurn());
    }

    private static TurnEvent failedTurn() {
        return turn().setFinal(FinalEvent.newBuilder()
                        .setTurnId("t-1")
                        .setAnswer("I could not reach the security agent.")
                        .setError("security: server exited with code 1"))
                .build();
    }

    private static TurnEvent.Builder turn() {
        return TurnEvent.newBuilder().setSessionId("s-1").setTurnId("t-1");
    }

    private static MethodType type(Descriptors.MethodDescriptor method) {
        if (method.isClientStreaming()) {
            return method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING;
        }
        return method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    }

    private static void collectEnums(Descriptors.Descriptor message, List<Descriptors.EnumDescriptor> into) {
        into.addAll(message.getEnumTypes());
        message.getNestedTypes().forEach(nested -> collectEnums(nested, into));
    }
}
