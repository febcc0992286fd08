package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sirsi tools}: the catalog as lines or JSON, the failures on stderr, and the exit code. */
class ToolsMainTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    Path folder;

    @BeforeEach
    void manifests() throws IOException {
        folder = Files.createDirectories(dir.resolve("tool-manifests"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(
                folder.resolve("fixture.json"),
                JSON.writeValueAsString(Map.of(
                        "command",
                        java,
                        "args",
                        List.of(
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "io.sirsi.mcp.fixture.Main"),
                        "allowTools",
                        List.of("echo", "add"))));
        Files.writeString(folder.resolve("gone.json"), "{\"command\": \"./no-such-server\"}");
    }

    @Test
    void printsOneLinePerToolThenASummaryAndFailsWhenAServerFailed() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = ToolsMain.run(new String[] {folder.toString()}, print(out), print(err));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, code);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(
                lines.get(0).matches("fixture__echo +read-only +Returns its text argument unchanged.*"), lines.get(0));
        assertTrue(lines.get(1).matches("fixture__add +read-only +Adds two numbers"), lines.get(1));
        assertEquals("2 tools (2 read-only) from 1 server: fixture 2/17; failed: gone", lines.get(2));
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("server 'gone' failed: command not found: " + dir.resolve("no-such-server")),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheCatalogAsJson() {
        var out = new ByteArrayOutputStream();

        int code = ToolsMain.run(
                new String[] {"--json", folder.toString()}, print(out), print(new ByteArrayOutputStream()));

        JsonNode json = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertEquals(2, json.get("tools").size());
        JsonNode echo = json.get("tools").get(0);
        assertEquals("fixture__echo", echo.get("name").asString());
        assertEquals("echo", echo.get("tool").asString());
        assertTrue(echo.get("readOnly").asBoolean());
        assertTrue(echo.at("/definition/annotations/readOnlyHint").asBoolean());
        assertEquals("object", echo.at("/definition/inputSchema/type").asString());
        assertEquals("failed", json.at("/servers/1/status").asString());
        assertEquals("gone", json.at("/servers/1/name").asString());
    }

    @Test
    void rejectsUnknownOptions() {
        var err = new ByteArrayOutputStream();
        assertEquals(2, ToolsMain.run(new String[] {"--jsn"}, print(new ByteArrayOutputStream()), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sirsi tools: unknown option --jsn"));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
