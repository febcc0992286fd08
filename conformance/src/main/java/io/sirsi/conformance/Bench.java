package io.sirsi.conformance;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures a server: tools/call latency percentiles and throughput with N concurrent callers on one
 * session, after a warm-up; and, for stdio, the time from spawn to the initialize answer.
 */
public final class Bench {
    /** What to measure and how hard. */
    public record Settings(
            int concurrency, Duration warmup, Duration duration, String tool, JsonNode arguments, int spawns) {
        /** The defaults: 8 callers, 2 s warm-up, 10 s measured, the {@code echo} tool, 5 spawns. */
        public static Settings defaults() {
            return new Settings(
                    8,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    "echo",
                    Wire.object().put("text", "hello"),
                    5);
        }
    }

    /** The measured figures. */
    public record Result(
            String target,
            String tool,
            int concurrency,
            long calls,
            long errors,
            double seconds,
            double callsPerSecond,
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double maxMillis,
            Optional<Double> readyMedianMillis,
            Optional<Double> readyMaxMillis) {}

    private Bench() {}

    /** Runs the benchmark against {@code target}. */
    public static Result run(Target target, Settings settings) {
        Optional<double[]> ready = target instanceof Target.Stdio
                ? Optional.of(spawnToReady(target, settings.spawns()))
                : Optional.empty();
        ObjectNode params = Wire.object().put("name", settings.tool());
        params.set("arguments", settings.arguments());
        String request = Wire.request(1, "tools/call", params).toString();
        Load.Measured measured;
        try (McpConnection c = target.connect()) {
            Exchange init = c.initialize(Context.LATEST);
            if (init.isError()) {
                throw new ConformanceException("initialize failed: " + init.errorMessage());
            }
            Exchange probe = c.request("tools/call", params);
            if (probe.isError() || probe.result().path("isError").asBoolean(false)) {
                throw new ConformanceException(
                        "the benchmark call of " + settings.tool() + " fails: " + Wire.brief(probe.response()));
            }
            measured = switch (target) {
                case Target.Stdio stdio ->
                    Load.stdio(
                            stdio.command(), request, settings.concurrency(), settings.warmup(), settings.duration());
                case Target.Http http ->
                    Load.http(
                            http.url(),
                            ((HttpConnection) c).headers(true),
                            request,
                            settings.concurrency(),
                            settings.warmup(),
                            settings.duration());
            };
        }
        long[] latencies = measured.latencies();
        Arrays.sort(latencies);
        double seconds = measured.nanos() / 1e9;
        return new Result(
                target.describe(),
                settings.tool(),
                settings.concurrency(),
                latencies.length,
                measured.errors(),
                seconds,
                latencies.length / seconds,
                millis(percentile(latencies, 0.50)),
                millis(percentile(latencies, 0.90)),
                millis(percentile(latencies, 0.99)),
                millis(latencies.length == 0 ? 0 : latencies[latencies.length - 1]),
                ready.map(r -> r[0]),
                ready.map(r -> r[1]));
    }

    /** Median and maximum time from spawn to the initialize answer, in milliseconds. */
    private static double[] spawnToReady(Target target, int spawns) {
        double[] times = new double[spawns];
        for (int i = 0; i < spawns; i++) {
            try (StdioConnection c = (StdioConnection) target.connect()) {
                Exchange init = c.initialize(Context.LATEST);
                if (init.isError()) {
                    throw new ConformanceException("initialize failed: " + init.errorMessage());
                }
                times[i] = c.spawnToReady().toNanos() / 1e6;
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
