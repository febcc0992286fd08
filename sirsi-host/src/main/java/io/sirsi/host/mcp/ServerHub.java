package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's connections: every enabled server of a set of manifests, connected concurrently. A server that
 * fails is kept as a {@link ServerFailure} and does not stop the others. Closing the hub closes every session
 * and ends every server process it started.
 */
public final class ServerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHub.class);

    private final List<ServerConnection> connections;
    private final List<ServerFailure> failures;

    private ServerHub(List<ServerConnection> connections, List<ServerFailure> failures) {
        this.connections = List.copyOf(connections);
        this.failures = List.copyOf(failures);
    }

    /** Connects to every enabled server, each on its own virtual thread, and waits for all of them. */
    public static ServerHub connect(List<ServerManifest> manifests) {
        Objects.requireNonNull(manifests, "manifests");
        List<ServerManifest> enabled =
                manifests.stream().filter(ServerManifest::enabled).toList();
        List<ServerConnection> connections = new ArrayList<>();
        List<ServerFailure> failures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ServerConnection>> opening = enabled.stream()
                    .map(m -> executor.submit(() -> ServerConnection.open(m)))
                    .toList();
            for (int i = 0; i < opening.size(); i++) {
                try {
                    connections.add(opening.get(i).get());
                } catch (ExecutionException e) {
                    failures.add(failure(enabled.get(i), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(new ServerFailure(enabled.get(i).name(), "interrupted while connecting", List.of()));
                }
            }
        }
        failures.forEach(f -> LOG.debug("server {} failed: {}", f.server(), f.message()));
        return new ServerHub(connections, failures);
    }

    private static ServerFailure failure(ServerManifest manifest, Throwable cause) {
        if (cause instanceof ServerStartException e) {
            return e.failure();
        }
        return new ServerFailure(manifest.name(), String.valueOf(cause), List.of());
    }

    /** The servers connected, in manifest order. */
    public List<ServerConnection> connections() {
        return connections;
    }

    /** The servers that could not be connected, in manifest order. */
    public List<ServerFailure> failures() {
        return failures;
    }

    /** The catalog of the tools of every connected server, filtered by their manifests. */
    public ToolCatalog catalog() {
        return ToolCatalog.of(connections);
    }

    /**
     * Calls a tool by its catalog name ({@code server__tool}) on its server's session, within the server
     * manifest's timeout. A tool that is not read-only is refused: approvals come with the session API.
     *
     * @return the result, {@link ToolResult#error()} when the tool itself reported a failure
     * @throws ToolCallException when the tool is unknown, needs approval, or its server does not answer
     */
    public ToolResult call(String name, Map<String, Object> arguments) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        CatalogTool tool = catalog()
                .find(name)
                .orElseThrow(() -> new ToolCallException("no tool " + name + " among the connected servers"));
        if (!tool.readOnly()) {
            throw new ToolCallException(name + " is not read-only and needs approval; "
                    + "approvals come with the session API, so it was not run");
        }
        ServerConnection connection = connections.stream()
                .filter(c -> c.name().equals(tool.server()))
                .findFirst()
                .orElseThrow();
        var timeout = connection.manifest().timeout();
        McpSchema.CallToolResult result;
        try {
            result = connection
                    .client()
                    .callTool(new McpSchema.CallToolRequest(tool.tool().name(), arguments))
                    .block(timeout.plusSeconds(1));
        } catch (RuntimeException e) {
            throw new ToolCallException(
                    name + " failed: " + reactor.core.Exceptions.unwrap(e).getMessage(), e);
        }
        if (result == null) {
            throw new ToolCallException(name + " gave no result within " + timeout.toSeconds() + " s");
        }
        StringBuilder text = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                if (content instanceof McpSchema.TextContent t) {
                    text.append(text.isEmpty() ? "" : "\n").append(t.text());
                }
            }
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        if (result.structuredContent() instanceof Map<?, ?> map) {
            map.forEach((k, v) -> structured.put(String.valueOf(k), v));
        }
        return new ToolResult(name, Boolean.TRUE.equals(result.isError()), structured, text.toString());
    }

    /** Closes every connection concurrently. */
    @Override
    public void close() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.forEach(c -> executor.submit(c::close));
        }
    }
}
