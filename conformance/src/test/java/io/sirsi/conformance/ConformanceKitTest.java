package io.sirsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The kit passes a correct third-party server, and fails deliberately broken ones with a line that
 * names the fault.
 */
class ConformanceKitTest {
    private static String stdioCommand(MiniServer.Fault fault) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " "
                + MiniServer.class.getName() + " " + fault.name();
    }

    private static Map<String, CheckResult> byId(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::id, r -> r, (a, b) -> a));
    }

    private static void assertNoFailures(List<CheckResult> results) {
        List<String> failed = results.stream()
                .filter(r -> r.outcome() == Outcome.FAIL)
                .map(CheckResult::line)
                .toList();
        assertTrue(failed.isEmpty(), "unexpected failures:\n" + String.join("\n", failed));
    }

    @Test
    void passesACorrectServerOverStdio() {
        List<CheckResult> results = Conformance.run(new Target.Stdio(stdioCommand(MiniServer.Fault.NONE)));
        assertNoFailures(results);
        Map<String, CheckResult> checks = byId(results);
        assertEquals(Outcome.PASS, checks.get("tools.call.missing-argument").outcome());
        assertEquals(Outcome.PASS, checks.get("stdio.stdout-clean").outcome());
        assertEquals(Outcome.SKIP, checks.get("resources").outcome(), "mini advertises no resources");
    }

    @Test
    void failsAServerThatPrintsToStdout() {
        Map<String, CheckResult> checks =
                byId(Conformance.run(new Target.Stdio(stdioCommand(MiniServer.Fault.STDOUT_NOISE))));
        CheckResult clean = checks.get("stdio.stdout-clean");
        assertEquals(Outcome.FAIL, clean.outcome());
        assertTrue(
                clean.line().contains("stdout carried a line that is not JSON-RPC: MiniServer 1.0 starting up"),
                clean.line());
    }

    @Test
    void failsAServerThatAnswersBadArgumentsWithAJsonRpcError() {
        Map<String, CheckResult> checks =
                byId(Conformance.run(new Target.Stdio(stdioCommand(MiniServer.Fault.RPC_ERROR_FOR_BAD_ARGUMENTS))));
        CheckResult missing = checks.get("tools.call.missing-argument");
        assertEquals(Outcome.FAIL, missing.outcome());
        assertTrue(missing.detail().contains("answered JSON-RPC error -32602"), missing.line());
        assertEquals(Outcome.FAIL, checks.get("tools.call.wrong-type").outcome());
    }

    @Test
    void passesACorrectServerOverHttp() throws Exception {
        HttpServer[] holder = new HttpServer[1];
        var uri = new MiniServer(MiniServer.Fault.NONE).startHttp(holder);
        try {
            List<CheckResult> results = Conformance.run(Target.Http.of(uri));
            assertNoFailures(results);
            Map<String, CheckResult> checks = byId(results);
            assertEquals(Outcome.PASS, checks.get("http.origin").outcome());
            assertEquals(Outcome.PASS, checks.get("http.host").outcome());
            assertEquals(Outcome.SKIP, checks.get("http.sse-resume").outcome(), "mini answers JSON only");
        } finally {
            holder[0].stop(0);
        }
    }

    @Test
    void failsAServerThatIgnoresOrigin() throws Exception {
        HttpServer[] holder = new HttpServer[1];
        var uri = new MiniServer(MiniServer.Fault.IGNORES_ORIGIN).startHttp(holder);
        try {
            Map<String, CheckResult> checks = byId(Conformance.run(Target.Http.of(uri)));
            CheckResult origin = checks.get("http.origin");
            assertEquals(Outcome.FAIL, origin.outcome());
            assertTrue(origin.line().contains("got HTTP 200"), origin.line());
            assertEquals(Outcome.PASS, checks.get("http.host").outcome(), "only the Origin check is broken");
        } finally {
            holder[0].stop(0);
        }
    }

    @Test
    void commandLinePrintsOneLinePerCheckAndExitsNonZeroOnFailure() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"conformance", "--stdio", stdioCommand(MiniServer.Fault.STDOUT_NOISE)},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("FAIL  stdio.stdout-clean")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("PASS  lifecycle.ping")), text);
    }

    @Test
    void commandLineJsonModeReportsEveryCheck() {
        var out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"conformance", "--stdio", stdioCommand(MiniServer.Fault.NONE), "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, code);
        JsonNode report = Wire.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(report.path("passed").asBoolean());
        assertTrue(report.path("checks").size() > 20, report.toString());
        assertFalse(report.path("checks")
                .valueStream()
                .anyMatch(c -> c.path("outcome").asString("").equals("FAIL")));
    }

    @Test
    void commandLineRejectsBadUsageWithExitCodeTwo() {
        var err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"conformance", "--url", "ftp://x"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("http:// or https://"));
        assertEquals(2, Main.run(new String[] {"conformance"}, System.out, new PrintStream(err)));
    }

    @Test
    void onceCallsAToolColdAndWarmAndReadsThePeakMemoryOfTheServer() {
        Once.Result r = Once.run(
                new Target.Stdio(stdioCommand(MiniServer.Fault.NONE)),
                "greet",
                Wire.object().put("name", "Ada"),
                2);
        assertEquals("Hello, Ada", r.structuredContent().path("greeting").asString(""));
        assertEquals(0, r.resourcesRead(), "the mini server has no resources");
        assertTrue(r.coldCallMillis() > 0 && r.warmCallMillis() > 0);
        assertTrue(r.peakRssBytes().orElseThrow() > 1 << 20, "a JVM uses more than 1 MB: " + r.peakRssBytes());
        var error = assertThrows(
                ConformanceException.class,
                () -> Once.run(new Target.Stdio(stdioCommand(MiniServer.Fault.NONE)), "greet", Wire.object(), 0));
        assertTrue(error.getMessage().contains("name must be a string"), error.getMessage());
    }
}
