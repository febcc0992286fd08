package io.sirsi.mcp.plugins;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plugin's manifest ({@code tool-manifests/plugins/NAME.json}), checked against
 * {@code plugin-manifest.schema.json}: the module (a {@code .wasm} file, or {@code .wat} text compiled at
 * load), whether to compile it to JVM bytecode ({@code hot}), its limits per call, the WASI directories it
 * may use, and its tools with their schemas and annotations.
 */
public record PluginManifest(
        String name,
        String version,
        String description,
        Path module,
        boolean hot,
        Limits limits,
        List<Grant> directories,
        List<ToolSpec> tools,
        Path source) {

    /** Per-call limits: memory in 64 KiB pages, interpreted instructions, and wall-clock time. */
    public record Limits(int memoryPages, long instructions, long timeoutMillis) {}

    /** A host directory the plugin may see at {@code guest}, read-only unless {@code writable}. */
    public record Grant(String guest, Path host, boolean writable) {}

    /** One tool: its MCP name, the export it calls, and what MCP clients are told about it. */
    public record ToolSpec(
            String name,
            String export,
            Optional<String> title,
            String description,
            JsonNode inputSchema,
            Optional<JsonNode> outputSchema,
            JsonNode annotations) {}

    /** Copies the lists. */
    public PluginManifest {
        Objects.requireNonNull(name, "name");
        directories = List.copyOf(directories);
        tools = List.copyOf(tools);
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final class SchemaHolder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            try (InputStream in = PluginManifest.class.getResourceAsStream("plugin-manifest.schema.json")) {
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads and checks the manifest at {@code file}; the error names the file and every problem found. */
    public static PluginManifest read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new PluginException(file.getFileName() + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        List<Error> errors = SchemaHolder.SCHEMA.validate(n);
        if (!errors.isEmpty()) {
            throw new PluginException(file.getFileName() + " does not match the plugin manifest schema: "
                    + String.join(
                            "; ", errors.stream().limit(5).map(Error::toString).toList()));
        }
        Path dir = file.toAbsolutePath().getParent();
        JsonNode l = n.path("limits");
        Limits limits = new Limits(
                l.path("memoryPages").asInt(16),
                l.path("instructions").asLong(100_000_000L),
                l.path("timeoutMillis").asLong(2_000));
        List<Grant> grants = new ArrayList<>();
        for (JsonNode d : n.path("wasi").path("directories")) {
            grants.add(new Grant(
                    d.path("guest").asString(),
                    dir.resolve(d.path("host").asString()).normalize(),
                    d.path("writable").asBoolean(false)));
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode t : n.path("tools")) {
            tools.add(new ToolSpec(
                    t.path("name").asString(),
                    t.path("export").asString(t.path("name").asString()),
                    Optional.ofNullable(t.path("title").asString(null)),
                    t.path("description").asString(),
                    t.path("inputSchema"),
                    t.has("outputSchema") ? Optional.of(t.get("outputSchema")) : Optional.empty(),
                    t.path("annotations")));
        }
        return new PluginManifest(
                n.path("name").asString(),
                n.path("version").asString("0.0.0"),
                n.path("description").asString(""),
                dir.resolve(n.path("module").asString()).normalize(),
                n.path("hot").asBoolean(false),
                limits,
                grants,
                tools,
                file.toAbsolutePath());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
