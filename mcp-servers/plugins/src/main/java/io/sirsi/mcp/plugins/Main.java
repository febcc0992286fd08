package io.sirsi.mcp.plugins;

import io.sirsi.mcp.kit.KitResource;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The plugin server: {@code ./sirsi server plugins [--plugins DIR]}. */
public final class Main {
    /** The version reported to clients. */
    public static final String VERSION = "0.1.0";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = ServerOptions.parseOrExit(
                "sirsi server plugins",
                args,
                Map.of("plugins", "the folder of plugin manifests (default: tool-manifests/plugins of this checkout)"));
        Path folder = options.extra("plugins").map(Path::of).orElseGet(Main::defaultFolder);
        Running running = start(folder);
        running.server().run(options);
    }

    /** A server, its registry and its sandbox, watching {@code folder}. */
    public record Running(KitServer server, PluginRegistry registry, Sandbox sandbox) implements AutoCloseable {
        @Override
        public void close() {
            registry.close();
            sandbox.close();
        }
    }

    /** Loads the plugins of {@code folder} into a server that reloads them when the folder changes. */
    public static Running start(Path folder) {
        Sandbox sandbox = new Sandbox();
        PluginRegistry registry = new PluginRegistry(folder, sandbox);
        var tools = registry.reload();
        KitServer server = KitServer.builder("sirsi-plugins", VERSION)
                .title("Sirsi WebAssembly plugins")
                .instructions("Serves the tools of the WebAssembly plugins declared in " + folder + ", each call in a "
                        + "fresh sandboxed instance with a memory cap, an instruction budget and a time limit. The tool "
                        + "list follows the folder: adding, changing or removing a plugin sends list_changed.")
                .listChanged(true)
                .resource(KitResource.text(
                        "plugins://loaded", "Loaded plugins", "application/json", () -> describe(registry)))
                .build();
        server.catalog().setTools(tools);
        registry.watch(server.catalog());
        return new Running(server, registry, sandbox);
    }

    private static String describe(PluginRegistry registry) {
        var out = PluginManifest.JSON.createObjectNode();
        var list = out.putArray("plugins");
        registry.plugins().values().forEach(p -> list.addObject()
                .put("name", p.manifest().name())
                .put("version", p.manifest().version())
                .put("module", p.manifest().module().getFileName().toString())
                .put("digest", p.digest())
                .put("mode", p.manifest().hot() ? "compiled" : "interpreted")
                .put("memoryPages", p.manifest().limits().memoryPages())
                .put("instructions", p.manifest().limits().instructions())
                .put("timeoutMillis", p.manifest().limits().timeoutMillis()));
        var problems = out.putArray("problems");
        registry.problems().forEach(problems::add);
        return PluginManifest.JSON.writeValueAsString(out);
    }

    /** tool-manifests/plugins of the checkout this jar was built in, else of the working directory. */
    static Path defaultFolder() {
        String env = System.getenv("SIRSI_PLUGINS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path at = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path p = at; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("tool-manifests"))) {
                    return p.resolve("tool-manifests").resolve("plugins");
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall back to the working directory
        }
        return Path.of("tool-manifests", "plugins");
    }
}
