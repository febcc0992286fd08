package io.sirsi.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures one piece of heavy work rather than many small calls: a fresh server is started, one tool
 * is called once (cold) and then again (warm), every listed resource is read, and the server's peak
 * resident memory is taken from the kernel. This is how a discovery server is measured on a large
 * estate.
 */
public final class Once {
    /** What was measured; memory figures are present for stdio servers on Linux. */
    public record Result(
            String target,
            String tool,
            double readyMillis,
            double coldCallMillis,
            double warmCallMillis,
            int progressNotifications,
            int resourcesRead,
            long bytesRead,
            double readMillis,
            JsonNode structuredContent,
            Optional<Long> peakRssBytes) {
        /** The cold call plus reading every resource: the work as a user first meets it. */
        public double totalMillis() {
            return coldCallMillis + readMillis;
        }
    }

    private Once() {}

    /** Runs the measurement; the tool must succeed. */
    public static Result run(Target target, String tool, JsonNode arguments, int warmRuns) {
        long started = System.nanoTime();
        try (McpConnection c = target.connect()) {
            try {
                return measure(c, target, tool, arguments, warmRuns, started);
            } catch (ConformanceException e) {
                String stderr = c instanceof StdioConnection s ? s.stderr().strip() : "";
                throw stderr.isEmpty()
                        ? e
                        : new ConformanceException(e.getMessage() + "; the server said:\n" + stderr, e);
            }
        }
    }

    private static Result measure(
            McpConnection c, Target target, String tool, JsonNode arguments, int warmRuns, long started) {
        {
            Exchange init = c.initialize(Context.LATEST);
            if (init.isError()) {
                throw new ConformanceException("initialize failed: " + init.errorMessage());
            }
            double ready = millis(System.nanoTime() - started);
            AtomicInteger progress = new AtomicInteger();
            c.onNotification(n -> {
                if ("notifications/progress".equals(n.path("method").asString(""))) {
                    progress.incrementAndGet();
                }
            });
            long t0 = System.nanoTime();
            Exchange first = call(c, tool, arguments);
            double cold = millis(System.nanoTime() - t0);
            double warm = Double.NaN;
            for (int i = 0; i < warmRuns; i++) {
                long t = System.nanoTime();
                call(c, tool, arguments);
                double ms = millis(System.nanoTime() - t);
                warm = Double.isNaN(warm) ? ms : Math.min(warm, ms);
            }
            long r0 = System.nanoTime();
            List<String> uris = new ArrayList<>();
            String cursor = null;
            do {
                ObjectNode params = Wire.object();
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                Exchange page = c.request("resources/list", params, Duration.ofMinutes(2));
                if (page.isError() && page.errorCode() == -32601) {
                    break; // the server has no resources
                }
                if (page.isError()) {
                    throw new ConformanceException("resources/list failed: " + page.errorMessage());
                }
                page.result()
                        .path("resources")
                        .forEach(r -> uris.add(r.path("uri").asString("")));
                cursor = page.result().path("nextCursor").asString(null);
            } while (cursor != null && !cursor.isEmpty());
            long bytes = 0;
            for (String uri : uris) {
                Exchange read = c.request("resources/read", Wire.object().put("uri", uri), Duration.ofMinutes(2));
                if (read.isError()) {
                    throw new ConformanceException("resources/read " + uri + " failed: " + read.errorMessage());
                }
                for (JsonNode content : read.result().path("contents")) {
                    bytes += content.path("text").asString("").length()
                            + content.path("blob").asString("").length();
                }
            }
            double read = millis(System.nanoTime() - r0);
            Optional<Long> rss = c instanceof StdioConnection s ? peakRss(s.pid()) : Optional.empty();
            return new Result(
                    target.describe(),
                    tool,
                    ready,
                    cold,
                    warm,
                    progress.get(),
                    uris.size(),
                    bytes,
                    read,
                    first.result().path("structuredContent"),
                    rss);
        }
    }

    private static Exchange call(McpConnection c, String tool, JsonNode arguments) {
        ObjectNode params = Wire.object().put("name", tool);
        params.set("arguments", arguments);
        params.set("_meta", Wire.object().put("progressToken", "sirsi-once-" + System.nanoTime()));
        Exchange answer = c.request("tools/call", params, Duration.ofMinutes(5));
        if (answer.isError()) {
            throw new ConformanceException(tool + " failed: " + answer.errorMessage());
        }
        if (answer.result().path("isError").asBoolean(false)) {
            throw new ConformanceException(tool + " answered an error: "
                    + answer.result().path("content").path(0).path("text").asString(""));
        }
        return answer;
    }

    /** The peak resident set (VmHWM) of a process, from /proc; empty where /proc is not there. */
    static Optional<Long> peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
