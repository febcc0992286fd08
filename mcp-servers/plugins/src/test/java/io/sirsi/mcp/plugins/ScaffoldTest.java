package io.sirsi.mcp.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool developer's first step: {@code ./sirsi new plugin NAME} writes a plugin that loads and answers. */
class ScaffoldTest {
    @TempDir
    Path folder;

    @Test
    void aScaffoldedPluginLoadsAndAnswers() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("sirsi").toString(), "new", "plugin", "cost-note");
        pb.environment().put("SIRSI_PLUGINS_DIR", folder.toString());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(
                Files.exists(folder.resolve("cost-note.json")) && Files.exists(folder.resolve("cost-note.wat")), out);
        PluginManifest.read(folder.resolve("cost-note.json"));
        try (Main.Running running = Main.start(folder);
                RunningServer http = running.server().startHttp(ServerOptions.httpOnFreePort());
                HttpConnection c = HttpConnection.open(http.endpoint())) {
            c.initialize("2025-11-25");
            assertEquals(
                    "hi",
                    PluginServerTest.call(c, "cost_note", "{\"text\":\"hi\"}")
                            .path("structuredContent")
                            .path("echo")
                            .path("text")
                            .asString());
        }
        Process again = new ProcessBuilder(root.resolve("sirsi").toString(), "new", "plugin", "Bad Name")
                .redirectErrorStream(true)
                .start();
        String refused = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, again.exitValue());
        assertTrue(refused.contains("a plugin name is lower-case letters"), refused);
    }
}
