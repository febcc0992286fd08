package io.sirsi.mcp.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls, errors and a latency histogram per tool, written in the Prometheus text format (0.0.4).
 * Kept here rather than in a metrics library so that a kit server's classpath stays small.
 */
final class ToolMetrics {
    /** Upper bounds of the latency buckets, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private static final class PerTool {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
        final LongAdder nanos = new LongAdder();
    }

    private final Map<String, PerTool> tools = new ConcurrentHashMap<>();

    void record(String tool, boolean error, long nanos) {
        PerTool t = tools.computeIfAbsent(tool, k -> new PerTool());
        t.calls.increment();
        if (error) {
            t.errors.increment();
        }
        t.nanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                t.buckets.incrementAndGet(i);
                break;
            }
        }
    }

    long calls(String tool) {
        PerTool t = tools.get(tool);
        return t == null ? 0 : t.calls.sum();
    }

    String prometheus(String server) {
        var out = new StringBuilder(1024);
        out.append("# HELP mcp_tool_calls_total Tool calls answered, by tool.\n");
        out.append("# TYPE mcp_tool_calls_total counter\n");
        tools.forEach((name, t) -> line(out, "mcp_tool_calls_total", server, name, null, t.calls.sum()));
        out.append("# HELP mcp_tool_errors_total Tool calls that ended in an error result, by tool.\n");
        out.append("# TYPE mcp_tool_errors_total counter\n");
        tools.forEach((name, t) -> line(out, "mcp_tool_errors_total", server, name, null, t.errors.sum()));
        out.append("# HELP mcp_tool_duration_seconds Time to answer a tool call, by tool.\n");
        out.append("# TYPE mcp_tool_duration_seconds histogram\n");
        tools.forEach((name, t) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += t.buckets.get(i);
                line(out, "mcp_tool_duration_seconds_bucket", server, name, Double.toString(BUCKETS[i]), cumulative);
            }
            long count = t.calls.sum();
            line(out, "mcp_tool_duration_seconds_bucket", server, name, "+Inf", count);
            out.append("mcp_tool_duration_seconds_sum{server=\"")
                    .append(escape(server))
                    .append("\",tool=\"")
                    .append(escape(name))
                    .append("\"} ")
                    .append(t.nanos.sum() / 1e9)
                    .append('\n');
            line(out, "mcp_tool_duration_seconds_count", server, name, null, count);
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String metric, String server, String tool, String le, long value) {
        out.append(metric)
                .append("{server=\"")
                .append(escape(server))
                .append("\",tool=\"")
                .append(escape(tool));
        if (le != null) {
            out.append("\",le=\"").append(le);
        }
        out.append("\"} ").append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
