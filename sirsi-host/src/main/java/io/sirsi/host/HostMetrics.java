package io.sirsi.host;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The host's counters and latency histograms, written in the Prometheus text format (version 0.0.4): turns,
 * tool calls per server, their latencies, the host's own overhead per turn, and approvals. Lock-free on the
 * paths a turn takes.
 */
public final class HostMetrics {
    /** Bucket bounds in seconds: from 0.5 ms (host overhead) to 2 minutes (long tool calls). */
    private static final double[] BOUNDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
    };

    /** How many of the latest turns' overheads are kept for percentiles. */
    private static final int SAMPLES = 1 << 17;

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final long[] overheads = new long[SAMPLES];
    private final AtomicLong overheadCount = new AtomicLong();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    /** Counts one turn that ended with {@code outcome}: {@code answered}, {@code failed} or {@code cancelled}. */
    public void turn(String outcome, long nanos, long overheadNanos) {
        count("sirsi_turns_total", "outcome", outcome);
        observe("sirsi_turn_seconds", "", "", nanos);
        observe("sirsi_turn_overhead_seconds", "", "", overheadNanos);
        overheads[(int) (overheadCount.getAndIncrement() & (SAMPLES - 1))] = overheadNanos;
    }

    /** How many turns' overheads were recorded since the host started. */
    public long overheadCount() {
        return overheadCount.get();
    }

    /**
     * The host's own time (neither tool, model nor the user's) of the turns recorded after the first {@code from}
     * turns, in nanoseconds, for percentiles; at most the latest 131,072.
     */
    public long[] overheadsSince(long from) {
        long to = overheadCount.get();
        long first = Math.max(from, to - SAMPLES);
        long[] out = new long[(int) Math.max(0, to - first)];
        for (int i = 0; i < out.length; i++) {
            out[i] = overheads[(int) ((first + i) & (SAMPLES - 1))];
        }
        return out;
    }

    /** Counts one tool call to {@code server} that ended with {@code status} ({@code ok}, {@code error}, ...). */
    public void toolCall(String server, String status, long nanos) {
        count("sirsi_tool_calls_total", "server", server, "status", status);
        observe("sirsi_tool_call_seconds", "server", server, nanos);
    }

    /** Counts one decision on an approval or elicitation, and how long the user took. */
    public void approval(String kind, String decision) {
        count("sirsi_approvals_total", "kind", kind, "decision", decision);
    }

    /** Counts a request refused by an API, by why ({@code unauthenticated}, {@code rate_limited}, ...). */
    public void refused(String api, String code) {
        count("sirsi_requests_refused_total", "api", api, "code", code);
    }

    /** Publishes a value read when the metrics are scraped. */
    public void gauge(String name, Supplier<Number> value) {
        gauges.put(name, value);
    }

    private void count(String name, String... labels) {
        counters.computeIfAbsent(series(name, labels), k -> new LongAdder()).increment();
    }

    private void observe(String name, String label, String value, long nanos) {
        String key = label.isEmpty() ? name : name + "{" + label + "=\"" + escape(value) + "\"}";
        histograms.computeIfAbsent(key, k -> new Histogram()).observe(nanos / 1e9);
    }

    /** The value of a counter series, for tests and health: {@code sirsi_turns_total{outcome="answered"}}. */
    public long counter(String series) {
        LongAdder a = counters.get(series);
        return a == null ? 0 : a.sum();
    }

    /** Everything, in the Prometheus text format. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        Map<String, TreeMap<String, Long>> byName = new TreeMap<>();
        counters.forEach((series, adder) ->
                byName.computeIfAbsent(base(series), k -> new TreeMap<>()).put(series, adder.sum()));
        byName.forEach((name, series) -> {
            out.append("# TYPE ").append(name).append(" counter\n");
            series.forEach((s, v) -> out.append(s).append(' ').append(v).append('\n'));
        });
        Map<String, TreeMap<String, Histogram>> hist = new TreeMap<>();
        histograms.forEach((series, h) ->
                hist.computeIfAbsent(base(series), k -> new TreeMap<>()).put(series, h));
        hist.forEach((name, series) -> {
            out.append("# TYPE ").append(name).append(" histogram\n");
            series.forEach((s, h) -> h.write(out, name, labels(s)));
        });
        new TreeMap<>(gauges).forEach((name, value) -> out.append("# TYPE ")
                .append(name)
                .append(" gauge\n")
                .append(name)
                .append(' ')
                .append(value.get())
                .append('\n'));
        return out.toString();
    }

    private static String series(String name, String... labels) {
        if (labels.length == 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            s.append(i == 0 ? "" : ",")
                    .append(labels[i])
                    .append("=\"")
                    .append(escape(labels[i + 1]))
                    .append('"');
        }
        return s.append('}').toString();
    }

    private static String base(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static String labels(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? "" : series.substring(brace + 1, series.length() - 1);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A cumulative histogram over {@link #BOUNDS}. */
    private static final class Histogram {
        private final AtomicLong[] buckets = new AtomicLong[BOUNDS.length];
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new AtomicLong();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BOUNDS.length; i++) {
                if (seconds <= BOUNDS[i]) {
                    buckets[i].incrementAndGet();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        void write(StringBuilder out, String name, String labels) {
            String prefix = labels.isEmpty() ? "" : labels + ",";
            long cumulative = 0;
            for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += buckets[i].get();
                out.append(name)
                        .append("_bucket{")
                        .append(prefix)
                        .append("le=\"")
                        .append(BOUNDS[i])
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            String suffix = labels.isEmpty() ? "" : "{" + labels + "}";
            out.append(name)
                    .append("_bucket{")
                    .append(prefix)
                    .append("le=\"+Inf\"} ")
                    .append(count.sum())
                    .append('\n');
            out.append(name)
                    .append("_sum")
                    .append(suffix)
                    .append(' ')
                    .append(sum.sum())
                    .append('\n');
            out.append(name)
                    .append("_count")
                    .append(suffix)
                    .append(' ')
                    .append(count.sum())
                    .append('\n');
        }
    }
}
