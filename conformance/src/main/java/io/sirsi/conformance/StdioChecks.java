package io.sirsi.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** stdio: clean stdout, an answer to bad JSON, requests before initialize, exit on EOF. */
final class StdioChecks {
    private StdioChecks() {}

    static List<CheckResult> run(Context ctx) {
        List<CheckResult> results = new ArrayList<>();
        results.add(
                ctx.check("stdio.malformed", "malformed JSON gets a -32700 error and the server keeps serving", () -> {
                    StdioConnection c = (StdioConnection) ctx.fresh();
                    c.initialize(Context.LATEST);
                    c.sendRaw("{\"jsonrpc\": \"2.0\", \"id\": 1, ");
                    Exchange ping = c.request("ping", null);
                    if (ping.isError()) {
                        return Verdict.fail("ping after malformed JSON failed: " + ping.errorMessage());
                    }
                    boolean answered = c.unaddressedErrors().stream()
                            .anyMatch(e -> e.path("error").path("code").asInt() == -32700);
                    return Verdict.require(answered, "no -32700 error with a null id was sent for the malformed line");
                }));
        results.add(ctx.check(
                "stdio.before-initialize", "a request before initialize gets an error, then initialize works", () -> {
                    StdioConnection c = (StdioConnection) ctx.fresh();
                    Exchange early = c.request("tools/list", null);
                    if (!early.isError()) {
                        return Verdict.fail("tools/list before initialize was answered with a result");
                    }
                    Exchange init = c.initialize(Context.LATEST);
                    return Verdict.require(
                            !init.isError(), "initialize after the early request failed: " + init.errorMessage());
                }));
        results.add(ctx.check("stdio.eof", "the server exits when stdin ends", () -> {
            StdioConnection c = (StdioConnection) ctx.fresh();
            c.initialize(Context.LATEST);
            c.closeStdin();
            Optional<Integer> code = c.awaitExit(Duration.ofSeconds(10));
            if (code.isEmpty()) {
                return Verdict.fail("still running 10 s after stdin closed");
            }
            return code.get() == 0 ? Verdict.pass() : Verdict.pass("exit code " + code.get());
        }));
        return results;
    }
}
