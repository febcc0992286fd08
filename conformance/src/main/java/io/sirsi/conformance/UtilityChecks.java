package io.sirsi.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Logging, progress, cancellation and the handling of bad JSON-RPC. */
final class UtilityChecks {
    /** A tool call that reported progress: which tool, how, and how long it ran after the first report. */
    private record ProgressRun(JsonNode tool, JsonNode arguments, List<Double> values, long restNanos) {}

    private UtilityChecks() {}

    static List<CheckResult> run(Context ctx) {
        List<CheckResult> results = new ArrayList<>();
        results.add(ctx.check("logging.set-level", "logging/setLevel answers {} and rejects an unknown level", () -> {
            if (!ctx.advertises("logging")) {
                return Verdict.skip("the server does not advertise logging");
            }
            Exchange ok = ctx.main().request("logging/setLevel", Wire.object().put("level", "warning"));
            if (ok.isError() || !ok.result().isEmpty()) {
                return Verdict.fail("setLevel warning answered " + Wire.brief(ok.response()));
            }
            Exchange bad = ctx.main().request("logging/setLevel", Wire.object().put("level", "deafening"));
            ctx.main().request("logging/setLevel", Wire.object().put("level", "info"));
            return Verdict.require(
                    bad.isError() && bad.errorCode() == -32602,
                    "an unknown level was answered with " + ToolChecks.describe(bad) + " instead of error -32602");
        }));
        ProgressRun[] found = new ProgressRun[1];
        results.add(ctx.check("progress.monotonic", "progress notifications carry the token and increase", () -> {
            found[0] = findProgress(ctx);
            if (found[0] != null) {
                ctx.progress(found[0].tool(), found[0].arguments());
            }
            if (found[0] == null) {
                return Verdict.skip("no read-only tool reported progress for generated arguments");
            }
            List<Double> values = found[0].values();
            for (int i = 1; i < values.size(); i++) {
                if (!(values.get(i) > values.get(i - 1))) {
                    return Verdict.fail(found[0].tool().path("name").asString("") + " reported progress " + values
                            + ": not increasing");
                }
            }
            return Verdict.pass(found[0].tool().path("name").asString("") + " reported " + values.size() + " step(s)");
        }));
        results.add(ctx.check("cancellation", "a cancelled call gets no response and the server keeps serving", () -> {
            ProgressRun run = found[0];
            if (run == null || run.values().size() < 2) {
                return Verdict.skip(
                        "no read-only tool reports progress in several steps, so a cancellation cannot be observed");
            }
            if (run.restNanos() < TimeUnit.MILLISECONDS.toNanos(30)) {
                return Verdict.skip("the slowest progress-reporting tool finishes within "
                        + TimeUnit.NANOSECONDS.toMillis(run.restNanos())
                        + " ms of its first progress, too soon to tell a cancellation from completion");
            }
            return cancel(ctx, run);
        }));
        results.add(ctx.check("jsonrpc.unknown-method", "an unknown method gets -32601", () -> {
            Exchange answer = ctx.main().request("sirsi/no_such_method", null);
            return Verdict.require(
                    answer.isError() && answer.errorCode() == -32601,
                    "answered " + ToolChecks.describe(answer) + " instead of error -32601");
        }));
        return results;
    }

    private static ProgressRun findProgress(Context ctx) {
        List<JsonNode> candidates = ctx.readOnlyTools().stream()
                .sorted(Comparator.comparing(t -> progressish(t.path("name").asString("")) ? 0 : 1))
                .limit(6)
                .toList();
        for (JsonNode tool : candidates) {
            String token = "sirsi-progress-" + System.nanoTime();
            ObjectNode params = Wire.object().put("name", tool.path("name").asString(""));
            JsonNode args = SchemaSamples.valid(tool.path("inputSchema"), tool.path("inputSchema"));
            params.set("arguments", args);
            params.set("_meta", Wire.object().put("progressToken", token));
            long[] first = new long[1];
            ctx.main().onNotification(n -> {
                if (first[0] == 0 && isProgressFor(n, token)) {
                    first[0] = System.nanoTime();
                }
            });
            Exchange answer;
            try {
                answer = ctx.main().request("tools/call", params, Duration.ofSeconds(15));
            } catch (ConformanceException e) {
                continue;
            }
            long end = System.nanoTime();
            List<Double> values = answer.notifications().stream()
                    .filter(n -> isProgressFor(n, token))
                    .map(n -> n.path("params").path("progress").asDouble())
                    .toList();
            if (!values.isEmpty()) {
                return new ProgressRun(tool, args, values, first[0] == 0 ? 0 : end - first[0]);
            }
        }
        return null;
    }

    private static Verdict cancel(Context ctx, ProgressRun run) throws InterruptedException {
        McpConnection c = ctx.main();
        String token = "sirsi-cancel-" + System.nanoTime();
        long id = c.nextId();
        ObjectNode params = Wire.object().put("name", run.tool().path("name").asString(""));
        params.set("arguments", run.arguments());
        params.set("_meta", Wire.object().put("progressToken", token));
        var firstProgress = new CountDownLatch(1);
        c.onNotification(n -> {
            if (isProgressFor(n, token)) {
                firstProgress.countDown();
            }
        });
        CompletableFuture<Exchange> answer = c.send(Wire.request(id, "tools/call", params));
        if (!firstProgress.await(15, TimeUnit.SECONDS)) {
            return Verdict.skip("the tool reported no progress this time");
        }
        c.notify("notifications/cancelled", Wire.object().put("requestId", id).put("reason", "conformance check"));
        long cancelledAt = System.nanoTime();
        long wait = Math.max(1000, 3 * TimeUnit.NANOSECONDS.toMillis(run.restNanos()));
        try {
            answer.get(wait, TimeUnit.MILLISECONDS);
            long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
            // An answer soon after the cancellation may have crossed it on the wire; one that comes as
            // late as the rest of an uncancelled run did means the cancellation was ignored.
            long restMillis = TimeUnit.NANOSECONDS.toMillis(run.restNanos());
            if (lateMillis > Math.max(10, Math.min(50, restMillis / 3))) {
                return Verdict.fail(run.tool().path("name").asString("") + " answered " + lateMillis
                        + " ms after it was cancelled");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            // no response: the cancellation was honoured
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof StreamEndedException)) {
                return Verdict.fail("the connection failed after the cancellation: "
                        + e.getCause().getMessage());
            }
            // Over HTTP the call's stream closes without a response: the cancellation was honoured.
        }
        Exchange ping = c.request("ping", null);
        return Verdict.require(!ping.isError(), "the server did not answer ping after the cancellation");
    }

    static boolean isProgressFor(JsonNode notification, String token) {
        return "notifications/progress".equals(notification.path("method").asString(""))
                && token.equals(
                        notification.path("params").path("progressToken").asString(""));
    }

    private static boolean progressish(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("progress") || n.contains("slow") || n.contains("count") || n.contains("long");
    }
}
