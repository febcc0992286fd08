package io.sirsi.mcp.plugins;

import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * The MCP tools of the loaded plugins. Each call looks up the plugin as it is at that moment, so a call in
 * flight during a reload finishes on the version it started with. A plugin's output must be a JSON object:
 * {@code {"error": "..."}} becomes an {@code isError} result with that message, anything that is not JSON
 * an {@code isError} result that says so.
 */
final class PluginTools {
    private PluginTools() {}

    static List<KitTool> of(Plugin plugin, Sandbox sandbox, AtomicReference<java.util.Map<String, Plugin>> current) {
        List<KitTool> tools = new ArrayList<>();
        PluginManifest m = plugin.manifest();
        for (PluginManifest.ToolSpec spec : m.tools()) {
            JsonNode a = spec.annotations();
            var b = KitTool.builder(spec.name())
                    .description(spec.description() + " (plugin " + m.name() + " " + m.version() + ")")
                    .inputSchema(PluginManifest.JSON.writeValueAsString(spec.inputSchema()))
                    .idempotent(a.path("idempotentHint").asBoolean(false))
                    .handler(call -> {
                        // The plugin as it is now: a reload replaces the map, not the plugin a call holds.
                        Plugin now = current.get().get(m.name());
                        if (now == null) {
                            throw new ToolException("Plugin '" + m.name() + "' was removed");
                        }
                        PluginManifest.ToolSpec tool = now.manifest().tools().stream()
                                .filter(t -> t.name().equals(spec.name()))
                                .findFirst()
                                .orElseThrow(() -> new ToolException(
                                        "Plugin '" + m.name() + "' no longer has the tool '" + spec.name() + "'"));
                        byte[] input = PluginManifest.JSON.writeValueAsBytes(call.arguments());
                        byte[] output;
                        try {
                            output = sandbox.call(now, tool, input);
                        } catch (PluginException e) {
                            throw new ToolException(e.getMessage());
                        }
                        return result(m.name(), tool.name(), output);
                    });
            spec.title().ifPresent(b::title);
            spec.outputSchema().ifPresent(o -> b.outputSchema(PluginManifest.JSON.writeValueAsString(o)));
            if (!a.path("readOnlyHint").asBoolean(false)) {
                b.mutating();
            }
            if (a.path("destructiveHint").asBoolean(false)) {
                b.destructive(true);
            }
            if (a.path("openWorldHint").asBoolean(false)) {
                b.openWorld();
            }
            tools.add(b.build());
        }
        return tools;
    }

    /** A tool of a plugin that did not load: every call answers with why. */
    static KitTool failing(PluginManifest m, PluginManifest.ToolSpec spec, String problem) {
        return KitTool.builder(spec.name())
                .description(spec.description() + " (plugin " + m.name() + ", which did not load)")
                .inputSchema(PluginManifest.JSON.writeValueAsString(spec.inputSchema()))
                .handler(call -> {
                    throw new ToolException("Plugin '" + m.name() + "' cannot run: " + problem);
                })
                .build();
    }

    private static JsonNode result(String plugin, String tool, byte[] output) {
        JsonNode node;
        try {
            node = PluginManifest.JSON.readTree(new String(output, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ToolException(
                    "Plugin '" + plugin + "' tool '" + tool + "' returned output that is not JSON: " + preview(output));
        }
        if (node == null || !node.isObject()) {
            throw new ToolException(
                    "Plugin '" + plugin + "' tool '" + tool + "' returned " + preview(output) + ", not a JSON object");
        }
        if (node.has("error") && node.size() == 1) {
            throw new ToolException(node.path("error").asString());
        }
        return node;
    }

    private static String preview(byte[] output) {
        String s = new String(output, 0, Math.min(output.length, 60), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return "\"" + s + (output.length > 60 ? "..." : "") + "\" (" + output.length + " bytes)";
    }
}
