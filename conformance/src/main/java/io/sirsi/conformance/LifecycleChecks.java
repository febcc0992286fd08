package io.sirsi.conformance;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Initialization, version negotiation, honest capabilities, ping. */
final class LifecycleChecks {
    private LifecycleChecks() {}

    static List<CheckResult> run(Context ctx) {
        List<CheckResult> results = new ArrayList<>();
        results.add(ctx.check(
                "lifecycle.initialize", "initialize answers with version, capabilities and serverInfo", () -> {
                    try (McpConnection c = ctx.fresh()) {
                        Exchange init = c.initialize(Context.LATEST);
                        if (init.isError()) {
                            return Verdict.fail("initialize failed: " + init.errorMessage());
                        }
                        JsonNode info = init.result().path("serverInfo");
                        if (!init.result().path("protocolVersion").isString()) {
                            return Verdict.fail("no protocolVersion in the result");
                        }
                        if (!init.result().path("capabilities").isObject()) {
                            return Verdict.fail("capabilities is not an object");
                        }
                        return Verdict.require(
                                info.path("name").isString()
                                        && info.path("version").isString(),
                                "serverInfo needs a name and a version, got " + Wire.brief(info));
                    }
                }));
        for (String version : Context.VERSIONS) {
            results.add(ctx.check("lifecycle.version." + version, "negotiates protocol version " + version, () -> {
                try (McpConnection c = ctx.fresh()) {
                    Exchange init = c.initialize(version);
                    if (init.isError()) {
                        return Verdict.fail("initialize failed: " + init.errorMessage());
                    }
                    String chosen = init.result().path("protocolVersion").asString("");
                    if (chosen.equals(version)) {
                        return Verdict.pass();
                    }
                    return Context.VERSIONS.contains(chosen)
                            ? Verdict.pass("the server prefers " + chosen)
                            : Verdict.fail("answered " + chosen + ", which is not a published version");
                }
            }));
        }
        results.add(ctx.check("lifecycle.version.unknown", "answers an unknown version with one it supports", () -> {
            try (McpConnection c = ctx.fresh()) {
                Exchange init = c.initialize("1999-01-01");
                if (init.isError()) {
                    return Verdict.fail(
                            "refused to initialize instead of offering its own version: " + init.errorMessage());
                }
                String chosen = init.result().path("protocolVersion").asString("");
                return Verdict.require(
                        Context.VERSIONS.contains(chosen) || "2024-11-05".equals(chosen),
                        "answered " + chosen + " instead of a version it supports");
            }
        }));
        results.add(ctx.check("lifecycle.capabilities", "every advertised capability works", () -> {
            List<String> broken = new ArrayList<>();
            JsonNode caps = ctx.capabilities();
            probe(ctx, caps, "tools", "tools/list", null, broken);
            probe(ctx, caps, "resources", "resources/list", null, broken);
            probe(ctx, caps, "prompts", "prompts/list", null, broken);
            probe(ctx, caps, "logging", "logging/setLevel", Wire.object().put("level", "info"), broken);
            return Verdict.require(broken.isEmpty(), "advertised but failing: " + String.join("; ", broken));
        }));
        results.add(ctx.check("lifecycle.ping", "ping answers with an empty result", () -> {
            Exchange ping = ctx.main().request("ping", null);
            if (ping.isError()) {
                return Verdict.fail("ping failed: " + ping.errorMessage());
            }
            return Verdict.require(
                    ping.result().isObject() && ping.result().isEmpty(),
                    "ping answered " + Wire.brief(ping.result()) + ", not {}");
        }));
        return results;
    }

    private static void probe(
            Context ctx, JsonNode caps, String capability, String method, JsonNode params, List<String> broken) {
        if (caps.has(capability)) {
            Exchange answer = ctx.main().request(method, params);
            if (answer.isError()) {
                broken.add(capability + " (" + method + ": " + answer.errorCode() + " " + answer.errorMessage() + ")");
            }
        }
    }
}
