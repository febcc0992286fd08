package io.sirsi.host;

import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ServerManifest;
import io.sirsi.host.mcp.ServerStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up a changed manifest folder without a restart: every second it compares the folder's files (names,
 * sizes, modification times) with what it saw, and on a change loads the manifests again, disconnects the
 * servers that were removed, disabled or changed, and connects the new and changed ones. A file that does not
 * load is reported and leaves its server as it was.
 */
public final class ManifestWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestWatcher.class);

    private final Path folder;
    private final ManifestLoader loader;
    private final ServerHub hub;
    private final Duration interval;
    private final Thread thread;
    private volatile String seen;

    private ManifestWatcher(Path folder, ManifestLoader loader, ServerHub hub, Duration interval) {
        this.folder = folder;
        this.loader = loader;
        this.hub = hub;
        this.interval = interval;
        this.seen = fingerprint();
        this.thread = Thread.ofVirtual().name("manifest-watcher").start(this::loop);
    }

    /** Starts watching {@code folder}, whose manifests the hub was connected from, every {@code interval}. */
    public static ManifestWatcher start(Path folder, ManifestLoader loader, ServerHub hub, Duration interval) {
        return new ManifestWatcher(
                Objects.requireNonNull(folder, "folder"),
                Objects.requireNonNull(loader, "loader"),
                Objects.requireNonNull(hub, "hub"),
                Objects.requireNonNull(interval, "interval"));
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                String now = fingerprint();
                if (!now.equals(seen)) {
                    seen = now;
                    reload();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies the folder's manifests to the hub now. */
    void reload() {
        Manifests manifests;
        try {
            manifests = loader.load(folder);
        } catch (HostException e) {
            LOG.warn("the manifests in {} did not load: {}", folder, e.getMessage());
            return;
        }
        manifests.problems().forEach(p -> LOG.warn("manifest problem: {}", p));
        Map<String, ServerManifest> wanted =
                manifests.enabled().stream().collect(Collectors.toMap(ServerManifest::name, Function.identity()));
        List<String> broken = manifests.problems();
        for (ServerManifest current : hub.manifests()) {
            ServerManifest next = wanted.get(current.name());
            boolean fileBroken = broken.stream()
                    .anyMatch(p -> p.startsWith(current.source().getFileName().toString()));
            if (fileBroken) {
                continue; // keep a server whose file is being edited into shape
            }
            if (next == null || !next.equals(current)) {
                LOG.info(
                        "server {} {}; disconnecting it",
                        current.name(),
                        next == null ? "was removed or disabled" : "changed");
                hub.detach(current.name());
            }
        }
        for (ServerManifest m : wanted.values()) {
            if (hub.manifests().stream().noneMatch(e -> e.name().equals(m.name()))) {
                Thread.ofVirtual().name("attach-" + m.name()).start(() -> {
                    try {
                        hub.attach(m);
                        LOG.info(
                                "server {} connected from {}",
                                m.name(),
                                m.source().getFileName());
                    } catch (ServerStartException e) {
                        LOG.warn(
                                "server {} did not start: {}",
                                m.name(),
                                e.failure().message());
                    }
                });
            }
        }
    }

    private String fingerprint() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> {
                        try {
                            return p.getFileName() + ":" + Files.size(p) + ":"
                                    + Files.getLastModifiedTime(p).toMillis();
                        } catch (IOException e) {
                            return p.getFileName() + ":gone";
                        }
                    })
                    .collect(Collectors.joining("|"));
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
