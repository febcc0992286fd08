package io.sirsi.mcp.kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The tools, resources, resource templates and prompts a server offers. It may change while the server
 * runs; every change bumps an epoch (which invalidates list cursors) and tells the connected clients
 * through {@code notifications/*}{@code /list_changed}.
 */
public final class Catalog {
    /** The four lists a client can page through. */
    public enum Kind {
        TOOLS,
        RESOURCES,
        RESOURCE_TEMPLATES,
        PROMPTS
    }

    /** Hears of changes, to notify clients. */
    interface Listener {
        void listChanged(Kind kind);

        void resourceUpdated(String uri);
    }

    /** An immutable view of one list, with the epoch it was taken at. */
    record Snapshot<T>(List<T> items, Map<String, T> byKey, long epoch) {}

    private static final AtomicLong EPOCHS = new AtomicLong();

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile FutureTask<Void> pendingTools;
    private volatile Snapshot<KitTool> tools = snapshot(List.of(), KitTool::name);
    private volatile Snapshot<KitResource> resources = snapshot(List.of(), KitResource::uri);
    private volatile Snapshot<KitResourceTemplate> templates =
            snapshot(List.of(), t -> t.definition().uriTemplate());
    private volatile Snapshot<KitPrompt> prompts = snapshot(List.of(), KitPrompt::name);

    /** An empty catalog. */
    public Catalog() {}

    /**
     * Defers building the tools until they are first needed, or until {@link #startLoading()} builds
     * them in the background: building schemas costs a cold JVM tens of milliseconds that a client
     * waiting on initialize should not pay.
     */
    void deferTools(Callable<List<KitTool>> loader) {
        pendingTools = new FutureTask<>(() -> {
            List<KitTool> loaded = loader.call();
            // No monitor here: writers hold it while they wait for this task (awaitTools), so taking it
            // would deadlock. The field is volatile, and writers only change it after this task ends.
            tools = snapshot(unique(loaded, KitTool::name, "tool"), KitTool::name);
            return null;
        });
    }

    /** Starts building deferred tools on a background thread. */
    void startLoading() {
        FutureTask<Void> task = pendingTools;
        if (task != null) {
            Thread.ofPlatform().daemon().name("mcp-catalog").start(task);
        }
    }

    /** Whether tools are registered or on their way. */
    boolean declaresTools() {
        return pendingTools != null || !tools.items().isEmpty();
    }

    private void awaitTools() {
        FutureTask<Void> task = pendingTools;
        if (task == null) {
            return;
        }
        task.run(); // builds here if nobody started it; returns at once if it is running or done
        try {
            task.get();
        } catch (ExecutionException e) {
            throw new KitException("Building the tools failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("Interrupted while the tools were being built");
        }
        pendingTools = null;
    }

    /** Adds or replaces a tool by name. */
    public void putTool(KitTool tool) {
        Objects.requireNonNull(tool, "tool");
        awaitTools();
        synchronized (this) {
            tools = snapshot(upsert(tools.items(), tool, KitTool::name), KitTool::name);
        }
        fire(Kind.TOOLS);
    }

    /** Replaces every tool at once (one notification). */
    public void setTools(Collection<KitTool> all) {
        awaitTools();
        synchronized (this) {
            tools = snapshot(unique(all, KitTool::name, "tool"), KitTool::name);
        }
        fire(Kind.TOOLS);
    }

    /** Removes a tool; returns whether it was there. */
    public boolean removeTool(String name) {
        awaitTools();
        synchronized (this) {
            var left =
                    tools.items().stream().filter(t -> !t.name().equals(name)).toList();
            if (left.size() == tools.items().size()) {
                return false;
            }
            tools = snapshot(left, KitTool::name);
        }
        fire(Kind.TOOLS);
        return true;
    }

    /** Adds or replaces a resource by URI. */
    public void putResource(KitResource resource) {
        Objects.requireNonNull(resource, "resource");
        synchronized (this) {
            resources = snapshot(upsert(resources.items(), resource, KitResource::uri), KitResource::uri);
        }
        fire(Kind.RESOURCES);
    }

    /** Removes a resource by URI (clients are told through list_changed); returns whether it was there. */
    public boolean removeResource(String uri) {
        synchronized (this) {
            var left =
                    resources.items().stream().filter(r -> !r.uri().equals(uri)).toList();
            if (left.size() == resources.items().size()) {
                return false;
            }
            resources = snapshot(left, KitResource::uri);
        }
        fire(Kind.RESOURCES);
        return true;
    }

    /** Adds or replaces a resource template by its URI template. */
    public void putResourceTemplate(KitResourceTemplate template) {
        Objects.requireNonNull(template, "template");
        Function<KitResourceTemplate, String> key = t -> t.definition().uriTemplate();
        synchronized (this) {
            templates = snapshot(upsert(templates.items(), template, key), key);
        }
        fire(Kind.RESOURCE_TEMPLATES);
    }

    /** Adds or replaces a prompt by name. */
    public void putPrompt(KitPrompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        synchronized (this) {
            prompts = snapshot(upsert(prompts.items(), prompt, KitPrompt::name), KitPrompt::name);
        }
        fire(Kind.PROMPTS);
    }

    /** Tells subscribed clients that a resource's contents changed. */
    public void resourceUpdated(String uri) {
        for (Listener l : listeners) {
            l.resourceUpdated(uri);
        }
    }

    /** A tool by name. */
    public Optional<KitTool> tool(String name) {
        awaitTools();
        return Optional.ofNullable(tools.byKey().get(name));
    }

    /** Every tool, in registration order. */
    public List<KitTool> tools() {
        awaitTools();
        return tools.items();
    }

    Snapshot<KitTool> toolSnapshot() {
        awaitTools();
        return tools;
    }

    Snapshot<KitResource> resourceSnapshot() {
        return resources;
    }

    Snapshot<KitResourceTemplate> templateSnapshot() {
        return templates;
    }

    Snapshot<KitPrompt> promptSnapshot() {
        return prompts;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Tells the listeners, outside the monitor: a listener may write to a slow client. */
    private void fire(Kind kind) {
        for (Listener l : listeners) {
            l.listChanged(kind);
        }
    }

    private static <T> List<T> upsert(List<T> items, T item, Function<T, String> key) {
        var out = new ArrayList<T>(items.size() + 1);
        boolean replaced = false;
        for (T existing : items) {
            if (key.apply(existing).equals(key.apply(item))) {
                out.add(item);
                replaced = true;
            } else {
                out.add(existing);
            }
        }
        if (!replaced) {
            out.add(item);
        }
        return out;
    }

    private static <T> List<T> unique(Collection<T> items, Function<T, String> key, String what) {
        var seen = new LinkedHashMap<String, T>();
        for (T item : items) {
            if (seen.put(key.apply(item), item) != null) {
                throw new KitException("Duplicate " + what + " name: " + key.apply(item));
            }
        }
        return List.copyOf(seen.values());
    }

    private static <T> Snapshot<T> snapshot(List<T> items, Function<T, String> key) {
        var byKey = new LinkedHashMap<String, T>();
        for (T item : items) {
            byKey.put(key.apply(item), item);
        }
        return new Snapshot<>(List.copyOf(items), Map.copyOf(byKey), EPOCHS.incrementAndGet());
    }
}
