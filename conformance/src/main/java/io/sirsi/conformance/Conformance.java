package io.sirsi.conformance;

import java.util.ArrayList;
import java.util.List;

/** Runs every check against a target and returns the results in a stable order. */
public final class Conformance {
    private Conformance() {}

    /** Runs the checks; never throws for a misbehaving server (that is a failed check). */
    public static List<CheckResult> run(Target target) {
        List<CheckResult> results = new ArrayList<>();
        try (var ctx = new Context(target)) {
            results.addAll(LifecycleChecks.run(ctx));
            if (results.get(0).outcome() == Outcome.FAIL) {
                results.add(new CheckResult(
                        "aborted",
                        "the remaining checks need a working initialize",
                        Outcome.SKIP,
                        results.get(0).detail()));
                return results;
            }
            results.addAll(ToolChecks.run(ctx));
            results.addAll(ResourceChecks.run(ctx));
            results.addAll(UtilityChecks.run(ctx));
            switch (target) {
                case Target.Http http -> results.addAll(HttpChecks.run(ctx, http));
                case Target.Stdio stdio -> results.addAll(StdioChecks.run(ctx));
            }
            List<String> violations = ctx.violations();
            if (target instanceof Target.Stdio) {
                List<String> stdout = violations.stream()
                        .filter(v -> v.startsWith("stdout carried"))
                        .toList();
                results.add(new CheckResult(
                        "stdio.stdout-clean",
                        "stdout carries only JSON-RPC",
                        stdout.isEmpty() ? Outcome.PASS : Outcome.FAIL,
                        stdout.isEmpty() ? "" : stdout.get(0)));
                violations = violations.stream()
                        .filter(v -> !v.startsWith("stdout carried"))
                        .toList();
            }
            results.add(new CheckResult(
                    "jsonrpc.valid",
                    "every message is valid JSON-RPC",
                    violations.isEmpty() ? Outcome.PASS : Outcome.FAIL,
                    violations.isEmpty()
                            ? ctx.messagesReceived() + " message(s) checked"
                            : violations.size() + " problem(s); first: " + violations.get(0)));
        }
        return results;
    }

    /** Whether no check failed. */
    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.outcome() == Outcome.FAIL);
    }
}
