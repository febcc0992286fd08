package io.sirsi.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** tools/list and tools/call: names, schemas, pagination, the split between errors, structured output. */
final class ToolChecks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ToolChecks() {}

    static List<CheckResult> run(Context ctx) {
        List<CheckResult> results = new ArrayList<>();
        if (!ctx.advertises("tools")) {
            results.add(new CheckResult("tools", "tools", Outcome.SKIP, "the server does not advertise tools"));
            return results;
        }
        results.add(ctx.check(
                "tools.list.pagination",
                "tools/list pages through to the end",
                () -> Verdict.pass(ctx.tools().size() + " tool(s)")));
        results.add(ctx.check("tools.list.names", "tool names are 1-128 of [A-Za-z0-9_.-]", () -> {
            List<String> bad = ctx.tools().stream()
                    .map(t -> t.path("name").asString("<missing>"))
                    .filter(n -> !NAME.matcher(n).matches())
                    .toList();
            return Verdict.require(bad.isEmpty(), "bad names: " + bad);
        }));
        results.add(ctx.check("tools.list.unique", "tool names are unique", () -> {
            Set<String> seen = new HashSet<>();
            List<String> dupes = ctx.tools().stream()
                    .map(t -> t.path("name").asString(""))
                    .filter(n -> !seen.add(n))
                    .toList();
            return Verdict.require(dupes.isEmpty(), "listed more than once: " + dupes);
        }));
        results.add(ctx.check("tools.list.schemas", "input and output schemas are object schemas", () -> {
            List<String> bad = new ArrayList<>();
            for (JsonNode tool : ctx.tools()) {
                String name = tool.path("name").asString("");
                if (!"object".equals(tool.path("inputSchema").path("type").asString(""))) {
                    bad.add(name + ".inputSchema");
                }
                if (tool.has("outputSchema")
                        && !"object"
                                .equals(tool.path("outputSchema").path("type").asString(""))) {
                    bad.add(name + ".outputSchema");
                }
            }
            return Verdict.require(bad.isEmpty(), "not {\"type\":\"object\"}: " + bad);
        }));
        results.add(ctx.check(
                "tools.list.annotations", "tool annotations are consistent (and declare readOnlyHint)", () -> {
                    List<String> contradictory = ctx.tools().stream()
                            .filter(t ->
                                    t.path("annotations").path("readOnlyHint").asBoolean(false)
                                            && t.path("annotations")
                                                    .path("destructiveHint")
                                                    .asBoolean(false))
                            .map(t -> t.path("name").asString(""))
                            .toList();
                    if (!contradictory.isEmpty()) {
                        return Verdict.fail("both readOnlyHint and destructiveHint are true: " + contradictory);
                    }
                    List<String> silent = ctx.tools().stream()
                            .filter(t ->
                                    !t.path("annotations").path("readOnlyHint").isBoolean())
                            .map(t -> t.path("name").asString(""))
                            .toList();
                    return silent.isEmpty()
                            ? Verdict.pass()
                            : Verdict.pass("no readOnlyHint, so clients must treat them as mutating: " + silent);
                }));
        results.add(ctx.check("tools.list.bogus-cursor", "a bogus cursor gets -32602", () -> {
            Exchange answer =
                    ctx.main().request("tools/list", Wire.object().put("cursor", "sirsi-conformance-bogus-cursor"));
            return Verdict.require(
                    answer.isError() && answer.errorCode() == -32602,
                    "answered " + describe(answer) + " instead of error -32602");
        }));
        results.add(ctx.check("tools.call.unknown-tool", "an unknown tool gets a JSON-RPC error -32602", () -> {
            ObjectNode params = Wire.object().put("name", "sirsi_conformance_no_such_tool");
            params.set("arguments", Wire.object());
            Exchange answer = ctx.main().request("tools/call", params);
            return Verdict.require(
                    answer.isError() && answer.errorCode() == -32602,
                    "answered " + describe(answer) + " instead of error -32602");
        }));
        results.add(
                ctx.check("tools.call.missing-argument", "a missing required argument gets an isError result", () -> {
                    Optional<JsonNode> tool = ctx.readOnlyTools().stream()
                            .filter(t -> t.path("inputSchema").path("required").size() > 0)
                            .findFirst();
                    if (tool.isEmpty()) {
                        return Verdict.skip("no read-only tool has a required argument");
                    }
                    ObjectNode params =
                            Wire.object().put("name", tool.get().path("name").asString(""));
                    params.set("arguments", Wire.object());
                    return expectToolError(ctx.main().request("tools/call", params), tool.get(), "with no arguments");
                }));
        results.add(ctx.check("tools.call.wrong-type", "an argument of the wrong type gets an isError result", () -> {
            for (JsonNode tool : ctx.readOnlyTools()) {
                Optional<SchemaSamples.Mismatch> mismatch = SchemaSamples.wrongType(tool.path("inputSchema"));
                if (mismatch.isPresent()) {
                    ObjectNode params =
                            Wire.object().put("name", tool.path("name").asString(""));
                    params.set("arguments", mismatch.get().arguments());
                    return expectToolError(
                            ctx.main().request("tools/call", params),
                            tool,
                            "with '" + mismatch.get().property() + "' of the wrong type");
                }
            }
            return Verdict.skip("no read-only tool has a required argument with a simple type");
        }));
        results.add(ctx.check(
                "tools.call.structured-output", "structuredContent matches outputSchema, with a text mirror", () -> {
                    List<JsonNode> candidates = ctx.readOnlyTools().stream()
                            .filter(t -> t.has("outputSchema"))
                            .limit(8)
                            .toList();
                    if (candidates.isEmpty()) {
                        return Verdict.skip("no read-only tool declares an outputSchema");
                    }
                    int checked = 0;
                    for (JsonNode tool : candidates) {
                        String name = tool.path("name").asString("");
                        ObjectNode params = Wire.object().put("name", name);
                        params.set(
                                "arguments", SchemaSamples.valid(tool.path("inputSchema"), tool.path("inputSchema")));
                        Exchange answer = ctx.main().request("tools/call", params);
                        if (answer.isError()) {
                            return Verdict.fail(name + " answered a JSON-RPC error to valid-looking arguments: "
                                    + answer.errorMessage());
                        }
                        if (answer.result().path("isError").asBoolean(false)) {
                            continue;
                        }
                        JsonNode structured = answer.result().get("structuredContent");
                        if (structured == null) {
                            return Verdict.fail(name + " declares an outputSchema but returned no structuredContent");
                        }
                        List<Error> errors = SCHEMAS.getSchema(
                                        tool.path("outputSchema").toString())
                                .validate(structured);
                        if (!errors.isEmpty()) {
                            return Verdict.fail(name + ": structuredContent violates outputSchema: "
                                    + errors.get(0).getMessage());
                        }
                        if (!answer.result().path("content").isArray()
                                || answer.result().path("content").isEmpty()) {
                            return Verdict.fail(name + ": no content mirror of the structured result");
                        }
                        checked++;
                    }
                    return checked == 0
                            ? Verdict.skip("every candidate tool returned isError to generated arguments")
                            : Verdict.pass(checked + " tool(s) checked");
                }));
        return results;
    }

    private static Verdict expectToolError(Exchange answer, JsonNode tool, String how) {
        String name = tool.path("name").asString("");
        if (answer.isError()) {
            return Verdict.fail(name + " " + how + ": answered JSON-RPC error " + answer.errorCode()
                    + " (bad arguments must be a tool result with isError: true)");
        }
        if (!answer.result().path("isError").asBoolean(false)) {
            return Verdict.fail(name + " " + how + ": the result is not marked isError");
        }
        JsonNode first = answer.result().path("content").path(0);
        return Verdict.require(
                "text".equals(first.path("type").asString(""))
                        && !first.path("text").asString("").isBlank(),
                name + " " + how + ": the error result has no text saying what was wrong");
    }

    static String describe(Exchange answer) {
        return answer.isError() ? "error " + answer.errorCode() + " (" + answer.errorMessage() + ")" : "a result";
    }
}
