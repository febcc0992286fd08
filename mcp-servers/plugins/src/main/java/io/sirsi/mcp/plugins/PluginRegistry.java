package io.sirsi.mcp.plugins;

import io.sirsi.mcp.kit.Catalog;
import io.sirsi.mcp.kit.KitTool;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The plugins of a folder ({@code *.json} manifests and the modules they name), loaded at start and
 * again whenever a manifest or module is added, changed or removed. A reload publishes a new tool list in
 * one step (clients get {@code notifications/tools/list_changed}); an unchanged plugin keeps its loaded
 * (and compiled) module. A plugin that fails to load is left out with its problem on stderr, and the
 * others serve on.
 */
public final class PluginRegistry implements AutoCloseable {
    private final Path folder;
    private final Sandbox sandbox;
    private final AtomicReference<Map<String, Plugin>> current = new AtomicReference<>(Map.of());
    private final Map<String, String> fingerprints = new LinkedHashMap<>();
    private volatile List<String> problems = List.of();
    private WatchService watcher;
    private Thread watch;

    PluginRegistry(Path folder, Sandbox sandbox) {
        this.folder = folder;
        this.sandbox = sandbox;
    }

    /** Loads every manifest in the folder; returns the tools to serve. */
    synchronized List<KitTool> reload() {
        Map<String, Plugin> before = current.get();
        Map<String, Plugin> next = new LinkedHashMap<>();
        Map<String, String> seenPrints = new LinkedHashMap<>();
        Set<String> toolNames = new HashSet<>();
        List<String> errors = new ArrayList<>();
        List<KitTool> broken = new ArrayList<>();
        List<Path> files;
        try {
            files = manifests();
        } catch (PluginException e) {
            errors.add(e.getMessage());
            System.err.println("sirsi plugins: " + e.getMessage());
            files = List.of();
        }
        for (Path file : files) {
            PluginManifest read = null;
            try {
                PluginManifest m = PluginManifest.read(file);
                read = m;
                String print = fingerprint(file, m.module());
                Plugin plugin = before.get(m.name());
                if (plugin == null || !print.equals(fingerprints.get(m.name()))) {
                    plugin = Plugin.load(m);
                }
                if (next.containsKey(m.name())) {
                    throw new PluginException(
                            file.getFileName() + ": a plugin named '" + m.name() + "' is already loaded from "
                                    + next.get(m.name()).manifest().source().getFileName());
                }
                for (PluginManifest.ToolSpec t : m.tools()) {
                    if (!toolNames.add(t.name())) {
                        throw new PluginException(file.getFileName() + ": tool name '" + t.name()
                                + "' is already served by another plugin");
                    }
                }
                next.put(m.name(), plugin);
                seenPrints.put(m.name(), print);
            } catch (PluginException | java.io.UncheckedIOException e) {
                errors.add(e.getMessage());
                System.err.println("sirsi plugins: " + e.getMessage());
                if (read != null) {
                    // The manifest is fine but the module is not: keep its tools listed, each answering
                    // with the problem, so the developer sees why their tool does not work.
                    for (PluginManifest.ToolSpec t : read.tools()) {
                        if (toolNames.add(t.name())) {
                            broken.add(PluginTools.failing(read, t, e.getMessage()));
                        }
                    }
                }
            }
        }
        fingerprints.clear();
        fingerprints.putAll(seenPrints);
        current.set(Map.copyOf(next));
        problems = List.copyOf(errors);
        List<KitTool> tools = new ArrayList<>();
        for (Plugin p : next.values()) {
            tools.addAll(PluginTools.of(p, sandbox, current));
        }
        tools.addAll(broken);
        return tools;
    }

    /** The plugins loaded now. */
    Map<String, Plugin> plugins() {
        return current.get();
    }

    /** The problems of the last load. */
    List<String> problems() {
        return problems;
    }

    private List<Path> manifests() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")
                            && !p.getFileName().toString().endsWith(".schema.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginException("cannot list " + folder + ": " + e.getMessage());
        }
    }

    private static String fingerprint(Path manifest, Path module) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(manifest));
            if (Files.exists(module)) {
                d.update(Files.readAllBytes(module));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable:" + System.nanoTime();
        }
    }

    /**
     * Watches the folder and its subfolders (where modules live) and reloads into {@code catalog} when
     * anything changes, after the changes settle (an editor or a build writes a file in several steps).
     */
    void watch(Catalog catalog) {
        try {
            watcher = folder.getFileSystem().newWatchService();
            Files.createDirectories(folder);
            register(folder);
        } catch (IOException e) {
            throw new PluginException("cannot watch " + folder + ": " + e.getMessage());
        }
        watch = Thread.ofPlatform().daemon(true).name("plugin-watch").start(() -> {
            while (true) {
                try {
                    WatchKey key = watcher.take();
                    key.pollEvents();
                    if (!key.reset() && key.watchable().equals(folder)) {
                        // The folder itself was removed (and perhaps made again): watch it afresh.
                        Files.createDirectories(folder);
                        register(folder);
                    }
                    // Settle: keep draining until 150 ms pass with no event.
                    WatchKey more;
                    while ((more = watcher.poll(150, TimeUnit.MILLISECONDS)) != null) {
                        more.pollEvents();
                        more.reset();
                    }
                    registerSubfolders();
                    catalog.setTools(reload());
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // A file that vanished mid-read, a folder replaced: report it and keep watching.
                    System.err.println("sirsi plugins: reload failed, still watching: " + e);
                }
            }
        });
    }

    private void register(Path dir) throws IOException {
        dir.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        registerSubfolders();
    }

    private void registerSubfolders() {
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(
                        watcher,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException e) {
            System.err.println("sirsi plugins: cannot watch the subfolders of " + folder + ": " + e.getMessage());
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (watch != null) {
            watch.interrupt();
        }
    }
}
