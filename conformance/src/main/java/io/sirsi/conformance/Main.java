package io.sirsi.conformance;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The command line: {@code conformance} runs the checks, {@code bench} measures.
 *
 * <pre>
 * conformance (--stdio "CMD" | --url URL) [--json] [--bearer-env NAME]
 * bench (--stdio "CMD" | --url URL) [--vs-stdio "CMD" | --vs-url URL] [--concurrency N] [--seconds S]
 *       [--warmup S] [--tool NAME] [--args JSON] [--spawns N] [--json]
 * once (--stdio "CMD" | --url URL) --tool NAME [--args JSON] [--warm N] [--max-millis N] [--max-rss-mb N] [--json]
 * </pre>
 */
public final class Main {
    private Main() {}

    /** Entry point; exits 0 on success, 1 on a failed check, 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(usage());
            return 2;
        }
        try {
            return switch (args[0]) {
                case "conformance" -> conformance(options, out);
                case "bench" -> bench(options, out);
                case "once" -> once(options, out);
                default -> {
                    err.println("Unknown command '" + args[0] + "'");
                    err.print(usage());
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ConformanceException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int conformance(Map<String, String> options, PrintStream out) {
        Target target = target(options, "stdio", "url");
        List<CheckResult> results = Conformance.run(target);
        boolean passed = Conformance.passed(results);
        if (options.containsKey("json")) {
            ObjectNode report = Wire.object().put("target", target.describe()).put("passed", passed);
            ArrayNode checks = report.putArray("checks");
            for (CheckResult r : results) {
                checks.addObject()
                        .put("id", r.id())
                        .put("title", r.title())
                        .put("outcome", r.outcome().name())
                        .put("detail", r.detail());
            }
            out.println(report.toPrettyString());
        } else {
            out.println("MCP conformance: " + target.describe());
            results.forEach(r -> out.println(r.line()));
            long failed =
                    results.stream().filter(r -> r.outcome() == Outcome.FAIL).count();
            long skipped =
                    results.stream().filter(r -> r.outcome() == Outcome.SKIP).count();
            out.printf(
                    "%d checks: %d passed, %d failed, %d skipped%n",
                    results.size(), results.size() - failed - skipped, failed, skipped);
        }
        return passed ? 0 : 1;
    }

    private static int bench(Map<String, String> options, PrintStream out) {
        Bench.Settings defaults = Bench.Settings.defaults();
        JsonNode arguments =
                options.containsKey("args") ? Wire.JSON.readTree(options.get("args")) : defaults.arguments();
        var settings = new Bench.Settings(
                integer(options, "concurrency", defaults.concurrency()),
                Duration.ofSeconds(
                        integer(options, "warmup", (int) defaults.warmup().toSeconds())),
                Duration.ofSeconds(
                        integer(options, "seconds", (int) defaults.duration().toSeconds())),
                options.getOrDefault("tool", defaults.tool()),
                arguments,
                integer(options, "spawns", defaults.spawns()));
        List<Bench.Result> results = new ArrayList<>();
        results.add(Bench.run(target(options, "stdio", "url"), settings));
        Optional<Target> peer = options.containsKey("vs-stdio") || options.containsKey("vs-url")
                ? Optional.of(target(options, "vs-stdio", "vs-url"))
                : Optional.empty();
        peer.ifPresent(p -> results.add(Bench.run(p, settings)));
        if (options.containsKey("json")) {
            out.println(Wire.JSON.valueToTree(results).toPrettyString());
            return 0;
        }
        out.printf(
                "tools/call %s, %d concurrent callers, %d s measured after %d s warm-up%n",
                settings.tool(),
                settings.concurrency(),
                settings.duration().toSeconds(),
                settings.warmup().toSeconds());
        out.printf(
                "%-10s %10s %8s %9s %9s %9s %9s %13s  %s%n",
                "", "calls/s", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "ready ms", "target");
        String[] labels = {"server", "peer"};
        for (int i = 0; i < results.size(); i++) {
            Bench.Result r = results.get(i);
            out.printf(
                    Locale.ROOT,
                    "%-10s %10.0f %8d %9.3f %9.3f %9.3f %9.3f %13s  %s%n",
                    labels[i],
                    r.callsPerSecond(),
                    r.errors(),
                    r.p50Millis(),
                    r.p90Millis(),
                    r.p99Millis(),
                    r.maxMillis(),
                    r.readyMedianMillis()
                            .map(m -> String.format(
                                    Locale.ROOT,
                                    "%.0f (max %.0f)",
                                    m,
                                    r.readyMaxMillis().orElse(m)))
                            .orElse("-"),
                    r.target());
        }
        if (results.size() == 2) {
            Bench.Result a = results.get(0);
            Bench.Result b = results.get(1);
            out.printf(
                    Locale.ROOT,
                    "ratio      throughput %.2fx, p50 %.2fx, p99 %.2fx (server/peer; latency below 1 is better)%n",
                    a.callsPerSecond() / b.callsPerSecond(),
                    a.p50Millis() / b.p50Millis(),
                    a.p99Millis() / b.p99Millis());
        }
        return 0;
    }

    private static int once(Map<String, String> options, PrintStream out) {
        if (!options.containsKey("tool")) {
            throw new IllegalArgumentException("once needs --tool NAME");
        }
        JsonNode arguments = options.containsKey("args") ? Wire.JSON.readTree(options.get("args")) : Wire.object();
        Once.Result r =
                Once.run(target(options, "stdio", "url"), options.get("tool"), arguments, integer(options, "warm", 3));
        if (options.containsKey("json")) {
            out.println(Wire.JSON.valueToTree(r).toPrettyString());
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "%s: ready %.0f ms; %s cold %.0f ms, warm %.0f ms (%d progress notifications); "
                        + "read %d resources (%.1f MB) in %.0f ms; cold call + read %.0f ms; peak RSS %s%n",
                r.target(),
                r.readyMillis(),
                r.tool(),
                r.coldCallMillis(),
                r.warmCallMillis(),
                r.progressNotifications(),
                r.resourcesRead(),
                r.bytesRead() / 1e6,
                r.readMillis(),
                r.totalMillis(),
                r.peakRssBytes()
                        .map(b -> String.format(Locale.ROOT, "%.0f MB", b / 1048576.0))
                        .orElse("-"));
        List<String> missed = new ArrayList<>();
        if (options.containsKey("max-millis") && r.totalMillis() > integer(options, "max-millis", 0)) {
            missed.add(String.format(
                    Locale.ROOT,
                    "cold call + read took %.0f ms, over %s ms",
                    r.totalMillis(),
                    options.get("max-millis")));
        }
        if (options.containsKey("max-rss-mb")
                && r.peakRssBytes().orElse(0L) > integer(options, "max-rss-mb", 0) * 1048576L) {
            missed.add(String.format(
                    Locale.ROOT,
                    "peak RSS %.0f MB, over %s MB",
                    r.peakRssBytes().get() / 1048576.0,
                    options.get("max-rss-mb")));
        }
        if (!missed.isEmpty()) {
            out.println("  TARGET MISSED: " + String.join("; ", missed));
            return 1;
        }
        return 0;
    }

    private static Target target(Map<String, String> options, String stdioKey, String urlKey) {
        boolean stdio = options.containsKey(stdioKey);
        boolean http = options.containsKey(urlKey);
        if (stdio == http) {
            throw new IllegalArgumentException(
                    "Give exactly one of --" + stdioKey + " \"CMD\" and --" + urlKey + " URL");
        }
        if (stdio) {
            return new Target.Stdio(options.get(stdioKey));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.containsKey("bearer-env")) {
            String token = System.getenv(options.get("bearer-env"));
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException(
                        "--bearer-env " + options.get("bearer-env") + ": the variable is not set");
            }
            headers.put("Authorization", "Bearer " + token);
        }
        URI url;
        try {
            url = URI.create(options.get(urlKey));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + urlKey + ": not a URL: " + options.get(urlKey));
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("--" + urlKey + ": use an http:// or https:// URL");
        }
        return new Target.Http(url, headers);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (name.equals("json")) {
                options.put(name, "true");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        if (!options.containsKey(name)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(options.get(name));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, not '" + options.get(name) + "'");
        }
    }

    static String usage() {
        return """
                Usage:
                  conformance (--stdio "CMD" | --url URL) [--json] [--bearer-env NAME]
                      Runs the MCP conformance checks; one line per check; exit 1 if any fails.
                  bench (--stdio "CMD" | --url URL) [--vs-stdio "CMD" | --vs-url URL]
                        [--concurrency N] [--seconds S] [--warmup S] [--tool NAME] [--args JSON] [--spawns N] [--json]
                      Measures tools/call latency (p50, p90, p99) and throughput with N concurrent callers,
                      and spawn-to-ready time over stdio; with --vs-*, measures a peer too and prints ratios.
                  once (--stdio "CMD" | --url URL) --tool NAME [--args JSON] [--warm N]
                       [--max-millis N] [--max-rss-mb N] [--json]
                      Calls one tool once cold and N times warm, reads every listed resource, and prints
                      the times and (over stdio) the server's peak resident memory; exits 1 if the cold
                      call plus the reads take longer than --max-millis or the RSS exceeds --max-rss-mb.
                """;
    }
}
