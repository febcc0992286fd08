package io.sirsi.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a run of checks shares: the target, its connections, and what was learnt about the server. */
final class Context implements AutoCloseable {
    static final String LATEST = "2025-11-25";
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");

    final Target target;
    private final List<McpConnection> opened = new ArrayList<>();
    private McpConnection main;
    private JsonNode initResult;
    private List<JsonNode> tools;
    private JsonNode progressTool;
    private JsonNode progressArguments;

    Context(Target target) {
        this.target = target;
    }

    /** A new, uninitialized connection, closed with the context. */
    McpConnection fresh() {
        McpConnection connection = target.connect();
        synchronized (opened) {
            opened.add(connection);
        }
        return connection;
    }

    /** The shared session, initialized at the latest version. */
    McpConnection main() {
        if (main == null) {
            McpConnection connection = fresh();
            Exchange init = connection.initialize(LATEST);
            if (init.isError()) {
                throw new ConformanceException("initialize failed: " + init.errorMessage());
            }
            initResult = init.result();
            main = connection;
        }
        return main;
    }

    JsonNode capabilities() {
        main();
        return initResult.path("capabilities");
    }

    boolean advertises(String capability) {
        return capabilities().has(capability);
    }

    /** Every tool, across all pages (at most 1000 pages). */
    List<JsonNode> tools() {
        if (tools == null) {
            tools = listAll("tools/list", "tools");
        }
        return tools;
    }

    /** Every item of a paginated list; fails on a cursor loop or a page that is not a list. */
    List<JsonNode> listAll(String method, String field) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> cursors = new LinkedHashSet<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            ObjectNode params = Wire.object();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Exchange answer = main().request(method, cursor == null ? null : params);
            if (answer.isError()) {
                throw new ConformanceException(method + " failed: " + answer.errorCode() + " " + answer.errorMessage());
            }
            JsonNode list = answer.result().get(field);
            if (list == null || !list.isArray()) {
                throw new ConformanceException(method + " returned no \"" + field + "\" array");
            }
            list.forEach(items::add);
            JsonNode next = answer.result().get("nextCursor");
            if (next == null || next.isNull()) {
                return items;
            }
            if (!next.isString() || !cursors.add(next.stringValue())) {
                throw new ConformanceException(method + " returned a cursor it had already returned: pagination loops");
            }
            cursor = next.stringValue();
        }
        throw new ConformanceException(method + " did not end after 1000 pages");
    }

    /** Remembers a read-only tool that reports progress for these arguments. */
    void progress(JsonNode tool, JsonNode arguments) {
        this.progressTool = tool;
        this.progressArguments = arguments;
    }

    /** A read-only tool that reports progress, once the progress check found one. */
    java.util.Optional<JsonNode> progressTool() {
        return java.util.Optional.ofNullable(progressTool);
    }

    JsonNode progressArguments() {
        return progressArguments;
    }

    /** The tools that declare themselves read-only: the only ones the checks call. */
    List<JsonNode> readOnlyTools() {
        return tools().stream()
                .filter(t -> t.path("annotations").path("readOnlyHint").asBoolean(false))
                .toList();
    }

    /** Runs one check, turning exceptions into a failure that says what went wrong. */
    CheckResult check(String id, String title, Callable<Verdict> body) {
        Verdict verdict;
        try {
            verdict = body.call();
        } catch (ConformanceException e) {
            verdict = Verdict.fail(e.getMessage());
        } catch (Exception e) {
            verdict = Verdict.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new CheckResult(id, title, verdict.outcome(), verdict.detail());
    }

    /** JSON-RPC and transport violations seen on every connection so far. */
    List<String> violations() {
        List<String> all = new ArrayList<>();
        synchronized (opened) {
            opened.forEach(c -> all.addAll(c.violations()));
        }
        return all;
    }

    int messagesReceived() {
        synchronized (opened) {
            return opened.stream().mapToInt(McpConnection::messagesReceived).sum();
        }
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(McpConnection::close);
            opened.clear();
        }
    }
}
