package io.sirsi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ToolCallException;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.planner.PlaybookPlanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn end to end through {@code AskMain}: the playbook planner against the real security and migration
 * servers of this repository, started as child processes from the test classpath with manifests in a temporary
 * folder.
 */
class AskMainTest {
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    static Path artifacts;
    static PlaybookPlanner planner;

    record Outcome(int code, String out, String err, long millis) {}

    @BeforeAll
    static void setUp() throws IOException {
        Path folder = Files.createDirectories(root.resolve("tool-manifests"));
        manifest(folder, "security", List.of("io.sirsi.mcp.security.Main"));
        manifest(folder, "migration", List.of("io.sirsi.mcp.migration.Main"));
        // A server the exposure turn must not start: it would fail, and fail the turn.
        Files.writeString(folder.resolve("aws.json"), "{\"command\": \"no-such-sirsi-server\"}");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path examples = Path.of(System.getProperty("sirsi.root")).resolve("tool-manifests/plugins");
        Files.copy(examples.resolve("echo.wat"), plugins.resolve("echo.wat"));
        Files.copy(examples.resolve("echo.json"), plugins.resolve("echo.json"));
        Files.writeString(plugins.resolve("stamp.json"), """
                {"name": "stamp", "module": "echo.wat",
                 "tools": [{"name": "stamp", "export": "echo", "description": "Stamps its text. Writes it.",
                            "inputSchema": {"type": "object"},
                            "annotations": {"readOnlyHint": false, "destructiveHint": true}}]}
                """);
        manifest(folder, "plugins", List.of("io.sirsi.mcp.plugins.Main", "--plugins", plugins.toString()));
        artifacts = root.resolve("artifacts");
        planner = PlaybookPlanner.create();
    }

    @Test
    void answersWhatIsExposedInKulturioWithTheRealExposedResources() {
        Outcome ask = ask("what is exposed to the internet in the Kulturio estate?");
        assertEquals(0, ask.code(), ask.err());
        for (String name :
                List.of("kulturio-bastion-1", "kulturio-reporting-legacy", "kulturio-bastion", "launch-wizard-3")) {
            assertTrue(ask.out().contains(name), name + " missing from:\n" + ask.out());
        }
        // Every network-exposure finding the security server itself reports is named, and nothing it does not.
        Set<String> exposed = new TreeSet<>();
        try (ServerHub hub = securityHub()) {
            ToolResult checks = hub.call("security__run_checks", Map.of("estate", "kulturio"));
            for (Object f : (List<?>) checks.structured().get("findings")) {
                Map<?, ?> finding = (Map<?, ?>) f;
                if ("network-exposure".equals(finding.get("category"))) {
                    exposed.add(String.valueOf(finding.get("resourceName")));
                }
            }
        }
        assertTrue(exposed.containsAll(Set.of("kulturio-bastion-1", "launch-wizard-3")), exposed.toString());
        exposed.forEach(name -> assertTrue(ask.out().contains("  - " + name + " ("), name + " missing"));
        assertFalse(ask.out().contains("kulturio-phi-pg ("), "an unencrypted database is not an exposure");
        assertTrue(ask.out().contains("Proposed: "), ask.out());
        System.out.printf("exposure turn: %d ms%n%s%n", ask.millis(), ask.out());
    }

    @Test
    void plansUniEduToAwsAndWritesTheTerraform() throws IOException {
        Outcome ask = ask("plan a migration of UniEdu to AWS with Terraform");
        assertEquals(0, ask.code(), ask.err());
        assertTrue(ask.out().startsWith("Migration plan for uniedu (gcp) to aws"), ask.out());
        assertTrue(ask.out().contains("Cost per month: today USD "), ask.out());
        assertTrue(ask.out().contains("Terraform for aws: "), ask.out());

        List<Path> files;
        try (Stream<Path> walk = Files.walk(artifacts)) {
            files = walk.filter(p -> p.toString().endsWith(".tf")).toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("main.tf")), files.toString());
        String hcl = "";
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
            assertTrue(ask.out().contains(f + " (" + Files.size(f) + " bytes)"), f + " not listed:\n" + ask.out());
            hcl += Files.readString(f);
        }
        assertTrue(hcl.contains("resource \"aws_"), "no AWS resource in the Terraform");
        System.out.printf("migration turn: %d ms%n%s%n", ask.millis(), ask.out());
    }

    @Test
    void asksWhichEstateWithoutStartingAnyServer() {
        Outcome ask = ask("what is exposed to the internet?");
        assertEquals(0, ask.code(), ask.err());
        assertEquals("Which estate: kulturio, tvfone or uniedu?", ask.out().strip());
    }

    @Test
    void declinesAnUnrelatedQuestion() {
        Outcome ask = ask("what is the weather like in Lisbon tomorrow?");
        assertEquals(0, ask.code(), ask.err());
        assertTrue(ask.out().startsWith("I can help with: "), ask.out());
    }

    @Test
    void failsWhenAServerTheTurnNeedsCannotStart() throws IOException {
        Path broken = Files.createDirectories(root.resolve("broken/tool-manifests"));
        Files.writeString(broken.resolve("security.json"), "{\"command\": \"no-such-sirsi-server\"}");
        Outcome ask = ask("--root", broken.getParent().toString(), "what is exposed in kulturio to the internet?");
        assertEquals(1, ask.code(), ask.out());
        assertTrue(ask.err().contains("server security failed: command not found on PATH"), ask.err());
    }

    @Test
    void refusesAToolThatIsNotReadOnly() throws IOException {
        var loaded = ManifestLoader.create(root).load(root.resolve("tool-manifests/plugins.json"));
        try (ServerHub hub = ServerHub.connect(loaded.servers())) {
            assertEquals(List.of(), hub.failures());
            ToolCallException refused =
                    assertThrows(ToolCallException.class, () -> hub.call("plugins__stamp", Map.of("text", "hi")));
            assertEquals(
                    "plugins__stamp is not read-only and needs approval, which only a session of the host can "
                            + "give (./sirsi up, then chat); it was not run",
                    refused.getMessage());
            ToolResult echo = hub.call("plugins__echo", Map.of("text", "hi"));
            assertFalse(echo.error(), echo.text());
            assertTrue(echo.text().contains("hi"), echo.text());
            assertThrows(ToolCallException.class, () -> hub.call("plugins__nope", Map.of()));
        }
    }

    @Test
    void rejectsAMissingQuestion() {
        Outcome ask = ask();
        assertEquals(2, ask.code());
        assertTrue(ask.err().startsWith("sirsi ask: no question\nUsage: sirsi ask"), ask.err());
    }

    private static ServerHub securityHub() {
        var loaded = ManifestLoader.create(root).load(root.resolve("tool-manifests/security.json"));
        return ServerHub.connect(loaded.servers());
    }

    private static Outcome ask(String... words) {
        List<String> args =
                new ArrayList<>(List.of("--offline", "--root", root.toString(), "--artifacts", artifacts.toString()));
        args.addAll(List.of(words));
        if (words.length > 0 && words[0].equals("--root")) {
            args = new ArrayList<>(List.of("--offline", "--artifacts", artifacts.toString()));
            args.addAll(List.of(words));
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = AskMain.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.of(planner));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    private static void manifest(Path folder, String name, List<String> mainAndArgs) throws IOException {
        HostFixture.manifest(folder, name, mainAndArgs);
    }
}
