package io.sirsi.conformance;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Resources and prompts, when the server advertises them. */
final class ResourceChecks {
    private ResourceChecks() {}

    static List<CheckResult> run(Context ctx) {
        List<CheckResult> results = new ArrayList<>();
        if (!ctx.advertises("resources")) {
            results.add(
                    new CheckResult("resources", "resources", Outcome.SKIP, "the server does not advertise resources"));
        } else {
            resources(ctx, results);
        }
        if (!ctx.advertises("prompts")) {
            results.add(new CheckResult("prompts", "prompts", Outcome.SKIP, "the server does not advertise prompts"));
        } else {
            prompts(ctx, results);
        }
        return results;
    }

    private static void resources(Context ctx, List<CheckResult> results) {
        results.add(ctx.check("resources.list", "resources/list pages through; each has a uri and a name", () -> {
            List<JsonNode> all = ctx.listAll("resources/list", "resources");
            List<String> bad = all.stream()
                    .filter(r -> !r.path("uri").isString() || !r.path("name").isString())
                    .map(Wire::brief)
                    .toList();
            return Verdict.require(bad.isEmpty(), "without uri or name: " + bad);
        }));
        results.add(ctx.check("resources.read", "listed resources can be read", () -> {
            List<JsonNode> all = ctx.listAll("resources/list", "resources");
            if (all.isEmpty()) {
                return Verdict.skip("no resources are listed");
            }
            for (JsonNode resource : all.subList(0, Math.min(3, all.size()))) {
                String uri = resource.path("uri").asString("");
                Exchange answer =
                        ctx.main().request("resources/read", Wire.object().put("uri", uri));
                if (answer.isError()) {
                    return Verdict.fail("reading " + uri + " failed: " + answer.errorMessage());
                }
                JsonNode contents = answer.result().path("contents");
                if (!contents.isArray() || contents.isEmpty()) {
                    return Verdict.fail("reading " + uri + " returned no contents");
                }
                for (JsonNode c : contents) {
                    if (!c.path("uri").isString()
                            || !(c.path("text").isString() || c.path("blob").isString())) {
                        return Verdict.fail("contents of " + uri + " need a uri and text or blob: " + Wire.brief(c));
                    }
                }
            }
            return Verdict.pass();
        }));
        results.add(ctx.check(
                "resources.templates", "resources/templates/list answers; each has a uriTemplate and a name", () -> {
                    List<JsonNode> all = ctx.listAll("resources/templates/list", "resourceTemplates");
                    List<String> bad = all.stream()
                            .filter(t -> !t.path("uriTemplate").isString()
                                    || !t.path("name").isString())
                            .map(Wire::brief)
                            .toList();
                    return Verdict.require(bad.isEmpty(), "without uriTemplate or name: " + bad);
                }));
        results.add(ctx.check("resources.missing", "reading a missing resource gets -32002", () -> {
            Exchange answer = ctx.main()
                    .request(
                            "resources/read",
                            Wire.object().put("uri", "sirsi-conformance://missing/" + System.nanoTime()));
            return Verdict.require(
                    answer.isError() && answer.errorCode() == -32002,
                    "answered " + ToolChecks.describe(answer) + " instead of error -32002");
        }));
    }

    private static void prompts(Context ctx, List<CheckResult> results) {
        results.add(ctx.check("prompts.list", "prompts/list pages through; each has a name", () -> {
            List<JsonNode> all = ctx.listAll("prompts/list", "prompts");
            List<String> bad = all.stream()
                    .filter(p -> !p.path("name").isString())
                    .map(Wire::brief)
                    .toList();
            return Verdict.require(bad.isEmpty(), "without a name: " + bad);
        }));
        results.add(ctx.check("prompts.get", "prompts/get returns messages", () -> {
            List<JsonNode> all = ctx.listAll("prompts/list", "prompts");
            if (all.isEmpty()) {
                return Verdict.skip("no prompts are listed");
            }
            JsonNode prompt = all.get(0);
            ObjectNode params = Wire.object().put("name", prompt.path("name").asString(""));
            ObjectNode args = Wire.object();
            for (JsonNode argument : prompt.path("arguments")) {
                args.put(argument.path("name").asString(""), "test");
            }
            params.set("arguments", args);
            Exchange answer = ctx.main().request("prompts/get", params);
            if (answer.isError()) {
                return Verdict.fail("prompts/get failed: " + answer.errorMessage());
            }
            JsonNode messages = answer.result().path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                return Verdict.fail("no messages");
            }
            for (JsonNode m : messages) {
                if (!m.path("role").isString() || !m.path("content").isObject()) {
                    return Verdict.fail("a message needs a role and one content block: " + Wire.brief(m));
                }
            }
            return Verdict.pass();
        }));
        results.add(ctx.check("prompts.missing-argument", "a missing required prompt argument gets -32602", () -> {
            for (JsonNode prompt : ctx.listAll("prompts/list", "prompts")) {
                for (JsonNode argument : prompt.path("arguments")) {
                    if (argument.path("required").asBoolean(false)) {
                        Exchange answer = ctx.main()
                                .request(
                                        "prompts/get",
                                        Wire.object()
                                                .put("name", prompt.path("name").asString("")));
                        return Verdict.require(
                                answer.isError() && answer.errorCode() == -32602,
                                prompt.path("name").asString("") + " without its arguments: answered "
                                        + ToolChecks.describe(answer) + " instead of error -32602");
                    }
                }
            }
            return Verdict.skip("no prompt has a required argument");
        }));
        results.add(ctx.check("prompts.unknown", "an unknown prompt gets -32602", () -> {
            Exchange answer =
                    ctx.main().request("prompts/get", Wire.object().put("name", "sirsi_conformance_no_such_prompt"));
            return Verdict.require(
                    answer.isError() && answer.errorCode() == -32602,
                    "answered " + ToolChecks.describe(answer) + " instead of error -32602");
        }));
    }
}
