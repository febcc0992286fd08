package io.sirsi.host.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server manifests: the bundled ones, imported Claude Desktop and .mcp.json files, and bad files. */
class ManifestsTest {
    static final Path ROOT =
            Path.of(System.getProperty("sirsi.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void bundledManifestsValidateAndStartTheRepositoryLauncher() {
        Manifests loaded = ManifestLoader.create(ROOT).load(ROOT.resolve("tool-manifests"));

        assertEquals(List.of(), loaded.problems());
        assertEquals(List.of(), loaded.warnings());
        assertEquals(
                Set.of("aws", "azure", "gcp", "migration", "security", "reporting", "plugins"),
                loaded.servers().stream().map(ServerManifest::name).collect(Collectors.toSet()));
        for (ServerManifest server : loaded.servers()) {
            var stdio = assertInstanceOf(ServerManifest.Stdio.class, server.transport());
            assertEquals(ROOT.resolve("sirsi").toString(), stdio.command(), server.name());
            assertEquals(List.of("server", server.name()), stdio.args().subList(0, 2));
            assertEquals(ROOT, stdio.directory());
            assertTrue(server.enabled());
            assertFalse(server.readOnly());
        }
        var estates = loaded.servers().stream()
                .filter(s -> ((ServerManifest.Stdio) s.transport()).args().contains("--estate"))
                .collect(Collectors.toMap(
                        ServerManifest::name,
                        s -> ((ServerManifest.Stdio) s.transport()).args().get(3)));
        assertEquals(Map.of("aws", "kulturio", "azure", "tvfone", "gcp", "uniedu"), estates);
    }

    @Test
    void importsAClaudeDesktopConfigAsItIs() throws IOException {
        Path file = write("claude_desktop_config.json", """
                {
                  "globalShortcut": "Ctrl+Space",
                  "mcpServers": {
                    "filesystem": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"]
                    },
                    "sirsi-plugins": {
                      "command": "./sirsi",
                      "args": ["server", "plugins"],
                      "env": {"SIRSI_PLUGINS_DIR": "/opt/plugins"}
                    }
                  }
                }
                """);

        Manifests loaded = ManifestLoader.create(dir).load(file);

        assertEquals(List.of(), loaded.problems());
        assertEquals(2, loaded.servers().size());
        var filesystem = (ServerManifest.Stdio) loaded.servers().get(0).transport();
        assertEquals("filesystem", loaded.servers().get(0).name());
        assertEquals("npx", filesystem.command(), "a bare command is looked up on PATH, not in the root");
        assertEquals(List.of("-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"), filesystem.args());
        var plugins = (ServerManifest.Stdio) loaded.servers().get(1).transport();
        assertEquals(dir.resolve("sirsi").toString(), plugins.command());
        assertEquals(Map.of("SIRSI_PLUGINS_DIR", "/opt/plugins"), plugins.env());
        assertEquals(ServerManifest.DEFAULT_TIMEOUT, loaded.servers().get(1).timeout());
    }

    @Test
    void importsAnMcpJsonWithHttpServersAndVariables() throws IOException {
        Path file = write(".mcp.json", """
                {"mcpServers": {
                  "remote": {"type": "http", "url": "https://mcp.example.com/mcp?v=1",
                             "headers": {"Authorization": "Bearer ${API_TOKEN}"}},
                  "local": {"type": "stdio", "command": "${TOOLS:-/usr/local/bin}/server", "args": ["--port", "${PORT:-0}"]}
                }}
                """);

        Manifests loaded =
                ManifestLoader.create(dir, Map.of("API_TOKEN", "s3cret")).load(file);

        assertEquals(List.of(), loaded.problems());
        var remote = assertInstanceOf(
                ServerManifest.Http.class, loaded.servers().get(0).transport());
        assertEquals(URI.create("https://mcp.example.com/mcp?v=1"), remote.url());
        assertEquals(Map.of("Authorization", "Bearer s3cret"), remote.headers());
        var local = (ServerManifest.Stdio) loaded.servers().get(1).transport();
        assertEquals("/usr/local/bin/server", local.command());
        assertEquals(List.of("--port", "0"), local.args());
    }

    @Test
    void readsSirsiOptionsAndWarnsAboutUnknownKeys() throws IOException {
        write("guarded.json", """
                {"command": "/bin/true", "enabled": false, "readOnly": true, "timeoutSeconds": 5,
                 "allowTools": ["list_*"], "denyTools": ["list_secrets"], "autoApprove": ["x"]}
                """);

        Manifests loaded = ManifestLoader.create(dir).load(dir);

        ServerManifest guarded = loaded.servers().getFirst();
        assertEquals("guarded", guarded.name(), "a one-server file is named after the file");
        assertFalse(guarded.enabled());
        assertEquals(List.of(), loaded.enabled());
        assertTrue(guarded.readOnly());
        assertEquals(Duration.ofSeconds(5), guarded.timeout());
        assertEquals(List.of("list_*"), guarded.allowTools());
        assertEquals(List.of("list_secrets"), guarded.denyTools());
        assertEquals(
                List.of("guarded.json: server 'guarded': 'autoApprove' is not a Sirsi option and is ignored"),
                loaded.warnings());
    }

    @Test
    void namesTheFileAndTheProblemOfEveryBadManifestAndLoadsTheGoodOnes() throws IOException {
        write("good.json", """
                {"command": "/bin/true"}
                """);
        write("broken.json", "{\"command\": ");
        write("both.json", """
                {"command": "/bin/true", "url": "http://localhost:1/mcp"}
                """);
        write("slow.json", """
                {"command": "/bin/true", "timeoutSeconds": "ten"}
                """);
        write("nothing.json", """
                {"args": ["--verbose"]}
                """);
        write("legacy.json", """
                {"mcpServers": {"old": {"type": "sse", "url": "http://localhost:1/sse"}}}
                """);
        write("secret.json", """
                {"url": "http://localhost:1/mcp", "headers": {"Authorization": "Bearer ${NO_SUCH_TOKEN}"}}
                """);
        write("twice.json", """
                {"mcpServers": {"good": {"command": "/bin/false"}}}
                """);
        Files.writeString(dir.resolve("notes.schema.json"), "not a manifest");

        Manifests loaded = ManifestLoader.create(dir, Map.of()).load(dir);

        assertEquals(
                List.of("good"),
                loaded.servers().stream().map(ServerManifest::name).toList());
        List<String> problems = loaded.problems();
        assertEquals(7, problems.size(), String.join("\n", problems));
        assertProblem(problems, "broken.json: not valid JSON");
        assertProblem(problems, "both.json: give either command (stdio) or url (Streamable HTTP), not both");
        assertProblem(problems, "slow.json does not match the server manifest schema: /timeoutSeconds");
        assertProblem(problems, "nothing.json: gives neither command (stdio) nor url (Streamable HTTP)");
        assertProblem(problems, "legacy.json: server 'old': the legacy SSE transport is not supported");
        assertProblem(problems, "secret.json: server 'secret': headers.Authorization uses ${NO_SUCH_TOKEN}");
        assertProblem(problems, "twice.json: server 'good' has the name of a server declared in good.json");
    }

    @Test
    void globsMatchWholeToolNames() {
        var filter = ToolFilter.of(false, List.of("list_*", "get_?"), List.of("list_secrets"));

        assertTrue(filter.admits(tool("list_buckets", true)));
        assertTrue(filter.admits(tool("get_x", true)));
        assertFalse(filter.admits(tool("get_xy", true)), "? is one character");
        assertFalse(filter.admits(tool("list_secrets", true)), "deny wins over allow");
        assertFalse(filter.admits(tool("delete_bucket", true)), "not allowed");
        assertFalse(filter.admits(tool("listAx", true)), "the rest of a glob is literal");
        assertFalse(ToolFilter.of(true, List.of(), List.of()).admits(tool("write", false)));
        assertFalse(
                ToolFilter.of(true, List.of(), List.of())
                        .admits(McpSchema.Tool.builder().name("unannotated").build()),
                "a tool without annotations is not read-only");
    }

    private static McpSchema.Tool tool(String name, boolean readOnly) {
        return McpSchema.Tool.builder()
                .name(name)
                .annotations(new McpSchema.ToolAnnotations(null, readOnly, !readOnly, readOnly, false, null))
                .build();
    }

    private static void assertProblem(List<String> problems, String start) {
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith(start)),
                "no problem starts with '" + start + "' in:\n" + String.join("\n", problems));
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }
}
