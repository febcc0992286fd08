package io.sirsi.host.mcp;

import java.util.ArrayList;
import java.util.List;
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

    /** Closes every connection concurrently. */
    @Override
    public void close() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.forEach(c -> executor.submit(c::close));
        }
    }
}
