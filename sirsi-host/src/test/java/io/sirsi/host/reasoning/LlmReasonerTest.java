package io.sirsi.host.reasoning;

import static io.sirsi.host.reasoning.ModelStub.text;
import static io.sirsi.host.reasoning.ModelStub.toolCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.mcp.CallDeniedException;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ToolCallException;
import io.sirsi.host.mcp.ToolCatalog;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The LLM reasoner against an OpenAI Chat Completions stub on loopback, through the real OpenAI client. */
class LlmReasonerTest {
    static final String FINDINGS = """
            {"estate":"kulturio","provider":"aws","checksRun":42,"bySeverity":{"high":2,"medium":5},\
            "findings":[{"check":"aws-sg-ssh-open","resource":"sg-0a1b2c","severity":"high"}],"truncated":false}""";

    static ModelStub stub;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stub = ModelStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static ToolCatalog securityAndMigration() {
        return RecordingTurn.catalog(RecordingTurn.runChecks(), RecordingTurn.planMigration());
    }

    @Test
    void callsTheToolTheModelAsksForAndSendsItsResultUnderTheCallId() {
        stub.answers(
                toolCalls(
                        "Let me run the security checks on kulturio.",
                        new ModelStub.Call("call_Xy12AbC", "security__run_checks", "{\"estate\":\"kulturio\"}")),
                text("Kulturio has 2 high findings; the worst is SSH open to the internet on sg-0a1b2c."));
        RecordingTurn turn = RecordingTurn.of(
                "how secure is kulturio?",
                securityAndMigration(),
                dir,
                (tool, args) -> RecordingTurn.structured(tool, FINDINGS));

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(turn);

        assertEquals(List.of(new RecordingTurn.Call("security__run_checks", Map.of("estate", "kulturio"))), turn.calls);
        assertEquals(
                "Kulturio has 2 high findings; the worst is SSH open to the internet on sg-0a1b2c.", outcome.answer());
        assertTrue(outcome.error().isEmpty(), outcome.error().toString());
        assertEquals(List.of("Let me run the security checks on kulturio."), turn.said);
        assertEquals("kulturio", outcome.context().estate());

        List<JsonNode> requests = stub.requests();
        assertEquals(2, requests.size());
        JsonNode second = requests.get(1).get("messages");
        JsonNode assistant = second.get(second.size() - 2);
        assertEquals("assistant", assistant.get("role").asString());
        assertEquals(
                "call_Xy12AbC", assistant.get("tool_calls").get(0).get("id").asString());
        JsonNode result = second.get(second.size() - 1);
        assertEquals("tool", result.get("role").asString());
        assertEquals("call_Xy12AbC", result.get("tool_call_id").asString());
        assertEquals(
                ModelStub.JSON.readTree(FINDINGS),
                ModelStub.JSON.readTree(result.get("content").asString()));
    }

    @Test
    void offersEachToolWithItsSchemaAndTellsTheModelWhoItIs() {
        stub.answers(text("Ask me about an estate."));
        RecordingTurn turn = RecordingTurn.of("hello", securityAndMigration(), dir, (tool, args) -> {
            throw new AssertionError("no call expected");
        });

        LlmReasoner.create(stub.config().build()).reason(turn);

        JsonNode request = stub.requests().getFirst();
        JsonNode system = request.get("messages").get(0);
        assertEquals("system", system.get("role").asString());
        assertTrue(system.get("content").asString().startsWith("You are Sirsi"), system.toString());
        Map<String, JsonNode> tools = StreamSupport.stream(request.get("tools").spliterator(), false)
                .collect(Collectors.toMap(t -> t.get("function").get("name").asString(), t -> t.get("function")));
        assertEquals(Set.of("security__run_checks", "migration__plan_migration"), tools.keySet());
        JsonNode checks = tools.get("security__run_checks").get("parameters");
        assertEquals("object", checks.get("type").asString());
        // Constraints LangChain4j's typed elements cannot hold reach the model as the server declared them.
        assertEquals(1, checks.get("properties").get("limit").get("minimum").asInt());
        assertEquals(1000, checks.get("properties").get("limit").get("default").asInt());
        assertEquals(5, checks.get("properties").get("minSeverity").get("enum").size());
        assertEquals(
                "string",
                checks.get("properties").get("checks").get("items").get("type").asString());
        JsonNode plan = tools.get("migration__plan_migration");
        assertEquals(
                "[\"estate\",\"target\"]",
                plan.get("parameters").get("required").toString());
        assertTrue(plan.get("description").asString().contains("waits for the user's approval"), plan.toString());
    }

    @Test
    void reportsADeniedCallAndAToolErrorToTheModelAsErrorResults() {
        stub.answers(
                toolCalls(
                        null,
                        new ModelStub.Call(
                                "call_plan1",
                                "migration__plan_migration",
                                "{\"estate\":\"kulturio\",\"target\":\"aws\"}"),
                        new ModelStub.Call("call_chk2", "security__run_checks", "{\"estate\":\"atlantis\"}")),
                text("I could not plan the migration: the call to migration__plan_migration was denied. "
                        + "The security checks failed too: atlantis is not an estate I know."));
        RecordingTurn turn = RecordingTurn.of("plan kulturio to aws", securityAndMigration(), dir, (tool, args) -> {
            if (tool.equals("migration__plan_migration")) {
                throw new CallDeniedException("the user denied migration__plan_migration");
            }
            return new ToolResult(tool, true, Map.of(), "Unknown estate 'atlantis'; use kulturio, tvfone or uniedu");
        });

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(turn);

        assertEquals(2, turn.calls.size());
        JsonNode messages = stub.requests().get(1).get("messages");
        Map<String, String> results = new java.util.HashMap<>();
        messages.forEach(m -> {
            if (m.get("role").asString().equals("tool")) {
                results.put(m.get("tool_call_id").asString(), m.get("content").asString());
            }
        });
        assertEquals("error: the user denied migration__plan_migration", results.get("call_plan1"));
        assertEquals("error: Unknown estate 'atlantis'; use kulturio, tvfone or uniedu", results.get("call_chk2"));
        assertTrue(outcome.answer().contains("denied"), outcome.answer());
        assertTrue(outcome.error().isEmpty(), "the model answered; the turn finished");
        assertEquals("aws", outcome.context().target());
    }

    @Test
    void answersMalformedArgumentsWithAnErrorWithoutCallingTheTool() {
        stub.answers(
                toolCalls(null, new ModelStub.Call("call_bad", "security__run_checks", "{\"estate\": ")),
                text("Sorry, I sent broken arguments."));
        RecordingTurn turn = RecordingTurn.of("check kulturio", securityAndMigration(), dir, (tool, args) -> {
            throw new AssertionError("no call expected");
        });

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(turn);

        assertTrue(turn.calls.isEmpty());
        JsonNode messages = stub.requests().get(1).get("messages");
        JsonNode result = messages.get(messages.size() - 1);
        assertEquals("call_bad", result.get("tool_call_id").asString());
        assertTrue(
                result.get("content").asString().startsWith("error: the arguments are not valid JSON"),
                result.toString());
        assertEquals("Sorry, I sent broken arguments.", outcome.answer());
    }

    @Test
    void preselectsTheToolsMostLikeTheMessageWhenTheCatalogIsLarge() {
        List<CatalogTool> tools = new ArrayList<>(unrelatedTools());
        CatalogTool exposure = RecordingTurn.tool(
                "security",
                "find_internet_exposure",
                "Finds the resources of an estate that are reachable from the internet: public IP addresses, "
                        + "security groups open to 0.0.0.0/0, public buckets and load balancers",
                "{\"type\":\"object\",\"properties\":{\"estate\":{\"type\":\"string\"}},\"required\":[\"estate\"]}",
                true);
        tools.add(150, exposure);
        assertEquals(301, tools.size());
        stub.answers(text("Two resources in kulturio are reachable from the internet."));
        RecordingTurn turn = RecordingTurn.of(
                "is anything exposed to the internet in kulturio", ToolCatalog.ofTools(tools), dir, (tool, args) -> {
                    throw new AssertionError("no call expected");
                });

        LlmReasoner.create(stub.config().topKTools(24).build()).reason(turn);

        JsonNode offered = stub.requests().getFirst().get("tools");
        assertEquals(24, offered.size());
        Set<String> names = StreamSupport.stream(offered.spliterator(), false)
                .map(t -> t.get("function").get("name").asString())
                .collect(Collectors.toSet());
        assertTrue(names.contains("security__find_internet_exposure"), names.toString());
    }

    /** 300 tools of ten servers that have nothing to do with clouds or security. */
    static List<CatalogTool> unrelatedTools() {
        Map<String, List<String>> servers = Map.of(
                "billing", List.of("invoice", "payment", "refund", "tax rate", "receipt"),
                "calendar", List.of("meeting", "reminder", "holiday", "room booking", "time zone"),
                "mail", List.of("email", "mailing list", "signature", "attachment", "draft"),
                "hr", List.of("employee", "vacation request", "payslip", "job opening", "performance review"),
                "shop", List.of("product", "shopping cart", "order", "discount code", "customer review"),
                "weather", List.of("forecast", "rainfall record", "storm alert", "temperature log", "pollen count"),
                "docs", List.of("document", "spreadsheet", "presentation", "comment", "template"),
                "music", List.of("playlist", "song", "album", "artist", "podcast episode"),
                "fleet", List.of("delivery van", "driver", "fuel receipt", "route", "tire change"),
                "kitchen", List.of("recipe", "ingredient", "meal plan", "grocery list", "oven timer"));
        List<String> verbs = List.of("list", "create", "update", "delete", "archive", "export");
        List<CatalogTool> tools = new ArrayList<>();
        servers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(server -> {
            for (String noun : server.getValue()) {
                for (String verb : verbs) {
                    String name = verb + "_" + noun.replace(' ', '_');
                    String description = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + "s a " + noun
                            + " in the " + server.getKey() + " application";
                    tools.add(RecordingTurn.tool(
                            server.getKey(),
                            name,
                            description,
                            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}",
                            verb.equals("list")));
                }
            }
        });
        return tools;
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(401, """
                        {"error":{"message":"Incorrect API key provided: sk-test-****-key. You can find your API key at \
                        https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,\
                        "code":"invalid_api_key"}}""", "refused the credentials (check the API key): Incorrect API key provided"),
                Arguments.of(500, """
                        {"error":{"message":"The server had an error while processing your request. Sorry about that!",\
                        "type":"server_error","param":null,"code":null}}""", "(a server error): The server had an error"),
                Arguments.of(
                        200,
                        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,",
                        "could not be read: Unexpected end-of-input"));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @MethodSource("failures")
    void turnsAModelFailureIntoAnOutcomeWithAClearError(int status, String body, String kind) {
        stub.fails(status, body);
        RecordingTurn turn = RecordingTurn.of("how secure is kulturio?", securityAndMigration(), dir, (tool, args) -> {
            throw new AssertionError("no call expected");
        });

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(turn);

        assertTrue(outcome.error().isPresent());
        String error = outcome.error().get();
        assertTrue(error.startsWith("the model openai:gpt-4o-mini failed: "), error);
        assertTrue(error.contains(kind), error);
        assertEquals("I could not finish: " + error, outcome.answer());
        assertTrue(turn.calls.isEmpty());
    }

    @Test
    void stopsAModelThatKeepsCallingToolsAtTheRoundCap() {
        stub.answers(
                toolCalls(null, new ModelStub.Call("call_again", "security__run_checks", "{\"estate\":\"tvfone\"}")));
        RecordingTurn turn = RecordingTurn.of(
                "how secure is tvfone?",
                securityAndMigration(),
                dir,
                (tool, args) -> RecordingTurn.structured(tool, FINDINGS));

        TurnOutcome outcome =
                LlmReasoner.create(stub.config().maxToolRounds(3).build()).reason(turn);

        assertEquals(3, turn.calls.size());
        // Three rounds of calls, then one more chance to answer, which the model spent on tools again.
        assertEquals(4, stub.requests().size());
        assertTrue(outcome.answer().startsWith("I stopped after 3 rounds of tool calls"), outcome.answer());
        assertTrue(outcome.answer().contains("security__run_checks"), outcome.answer());
        assertEquals(
                "stopped after 3 rounds of tool calls without an answer",
                outcome.error().orElseThrow());
    }

    @Test
    void cutsALargeToolResultWithANote() {
        String big = "{\"estate\":\"uniedu\",\"findings\":[" + "{\"check\":\"gcp-bucket-public\"},".repeat(2000)
                + "{\"check\":\"last\"}]}";
        stub.answers(
                toolCalls(null, new ModelStub.Call("call_big", "security__run_checks", "{\"estate\":\"uniedu\"}")),
                text("UniEdu has many public buckets."));
        RecordingTurn turn = RecordingTurn.of(
                "check uniedu", securityAndMigration(), dir, (tool, args) -> RecordingTurn.structured(tool, big));

        LlmReasoner.create(stub.config().build()).reason(turn);

        JsonNode messages = stub.requests().get(1).get("messages");
        String content = messages.get(messages.size() - 1).get("content").asString();
        assertTrue(big.length() > LlmReasoner.RESULT_LIMIT);
        assertTrue(content.startsWith("{\"estate\":\"uniedu\""), content.substring(0, 40));
        assertTrue(content.contains("\n[cut: the first 16384 of "), content.substring(LlmReasoner.RESULT_LIMIT));
        assertTrue(content.length() < LlmReasoner.RESULT_LIMIT + 200);
    }

    @Test
    void sendsTheHistoryOnceWithoutToolEntriesAndTheContextInTheSystemPrompt() {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        Session session = Session.create("s-2", t)
                .withMessage(new Session.Message("assistant", "Welcome to Sirsi.", t))
                .withMessage(new Session.Message("user", "how secure is kulturio?", t))
                .withMessage(new Session.Message("tool", "security__run_checks: 42 checks", t))
                .withMessage(new Session.Message("assistant", "Kulturio has 2 high findings.", t))
                .withMessage(new Session.Message("user", "and what would it cost on aws?", t))
                .withContext(new Session.Context("kulturio", "", Map.of()));
        stub.answers(text("About 1,200 USD a month."));
        RecordingTurn turn = new RecordingTurn(
                session, "and what would it cost on aws?", securityAndMigration(), dir, (tool, args) -> {
                    throw new AssertionError("no call expected");
                });

        LlmReasoner.create(stub.config().build()).reason(turn);

        JsonNode messages = stub.requests().getFirst().get("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").asString()));
        // The leading assistant greeting goes too: the window starts at a user message.
        assertEquals(List.of("system", "user", "assistant", "user"), roles);
        assertEquals(
                "and what would it cost on aws?", messages.get(3).get("content").asString());
        assertTrue(messages.get(0).get("content").asString().contains("the estate is kulturio"), messages.toString());
    }

    @Test
    void stopsAtTheNextStepWhenTheTurnIsCancelled() {
        stub.answers(
                toolCalls(
                        null,
                        new ModelStub.Call("call_1", "security__run_checks", "{\"estate\":\"kulturio\"}"),
                        new ModelStub.Call("call_2", "security__run_checks", "{\"estate\":\"tvfone\"}")),
                text("never read"));
        RecordingTurn[] holder = new RecordingTurn[1];
        holder[0] = RecordingTurn.of("check all estates", securityAndMigration(), dir, (tool, args) -> {
            holder[0].cancel = true;
            return RecordingTurn.structured(tool, FINDINGS);
        });

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(holder[0]);

        assertEquals(1, holder[0].calls.size());
        assertEquals(1, stub.requests().size());
        assertEquals("cancelled", outcome.error().orElseThrow());
    }

    @Test
    void aToolCallExceptionDoesNotEscapeTheTurn() {
        stub.answers(
                toolCalls(null, new ModelStub.Call("call_gone", "aws__list_instances", "{}")),
                text("The AWS server is not connected."));
        RecordingTurn turn = RecordingTurn.of("list my instances", securityAndMigration(), dir, (tool, args) -> {
            throw new ToolCallException("no tool aws__list_instances in the catalog");
        });

        TurnOutcome outcome = LlmReasoner.create(stub.config().build()).reason(turn);

        JsonNode messages = stub.requests().get(1).get("messages");
        assertEquals(
                "error: no tool aws__list_instances in the catalog",
                messages.get(messages.size() - 1).get("content").asString());
        assertEquals("The AWS server is not connected.", outcome.answer());
    }

    @Test
    void suggestsFromTheSessionContextWithoutAskingTheModel() {
        LlmReasoner reasoner = LlmReasoner.create(stub.config().build());
        Instant t = Instant.now();

        List<String> none = reasoner.suggestions(Session.create("a", t));
        List<String> estate =
                reasoner.suggestions(Session.create("b", t).withContext(new Session.Context("kulturio", "", Map.of())));
        List<String> both = reasoner.suggestions(
                Session.create("c", t).withContext(new Session.Context("kulturio", "azure", Map.of())));

        assertFalse(none.isEmpty());
        assertTrue(estate.contains("plan a migration of kulturio to aws"), estate.toString());
        assertEquals("plan a migration of kulturio to azure with terraform", both.getFirst());
        assertTrue(Stream.of(none, estate, both).allMatch(s -> s.size() <= 5));
        assertTrue(stub.requests().isEmpty());
        assertEquals("openai:gpt-4o-mini", reasoner.describe());
    }
}
