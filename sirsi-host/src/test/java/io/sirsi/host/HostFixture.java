package io.sirsi.host;

import io.sirsi.graph.AuditMain;
import io.sirsi.graph.KnowledgeGraph;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.planner.PlaybookPlanner;
import io.sirsi.host.reasoning.PlaybookReasoner;
import io.sirsi.host.session.FileSessionStore;
import io.sirsi.host.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A host over real servers of this repository, started as child processes from the test classpath: the
 * fixture (for servers' questions), the plugins server with a {@code stamp} plugin that is not read-only (for
 * approvals), security and migration; with test playbooks that call them, an embedded session store and a
 * local knowledge graph, all in one folder.
 */
public final class HostFixture {
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Test playbooks: one calls the stamp plugin (needs approval), one the fixture's question. */
    static final String PLAYBOOKS = """
            {"slots": {},
             "playbooks": [
              {"id": "stamp", "description": "stamp a note with the stamp plugin",
               "examples": ["stamp the note", "put a stamp on my note", "please stamp this note for me"],
               "steps": [{"id": "stamp", "tool": "plugins__stamp", "arguments": {"text": "stamped"}}],
               "answer": "generic"},
              {"id": "question", "description": "let the fixture server ask me a question",
               "examples": ["let the fixture ask me a question", "run the fixture's question", "ask me for my user name"],
               "steps": [{"id": "ask", "tool": "fixture__test_elicitation", "arguments": {"message": "Who are you?"}}],
               "answer": "generic"},
              {"id": "count", "description": "count slowly with the fixture server",
               "examples": ["count slowly to two hundred", "do the slow count", "count to 200 step by step"],
               "steps": [{"id": "count", "tool": "fixture__count_slowly", "arguments": {"steps": 200, "delay_ms": 100}}],
               "answer": "generic"}
             ]}
            """;

    private static PlaybookPlanner planner;

    private HostFixture() {}

    /** The planner of the bundled and test playbooks, loaded once per test JVM (the embedding model takes ~1 s). */
    public static synchronized PlaybookPlanner planner(Path root) {
        if (planner == null) {
            planner = PlaybookPlanner.create(List.of(playbooks(root)));
        }
        return planner;
    }

    /** Writes the manifests and test playbooks under {@code root}; returns the manifests folder. */
    public static Path prepare(Path root) {
        try {
            Path folder = Files.createDirectories(root.resolve("tool-manifests"));
            manifest(folder, "fixture", List.of("io.sirsi.mcp.fixture.Main"));
            manifest(folder, "security", List.of("io.sirsi.mcp.security.Main"));
            manifest(folder, "migration", List.of("io.sirsi.mcp.migration.Main"));
            Path plugins = Files.createDirectories(root.resolve("plugins"));
            Path examples = Path.of(System.getProperty("sirsi.root")).resolve("tool-manifests/plugins");
            Files.copy(examples.resolve("echo.wat"), plugins.resolve("echo.wat"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    examples.resolve("echo.json"), plugins.resolve("echo.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(plugins.resolve("stamp.json"), """
                    {"name": "stamp", "module": "echo.wat",
                     "tools": [{"name": "stamp", "export": "echo", "description": "Stamps its text. Writes it.",
                                "inputSchema": {"type": "object"},
                                "annotations": {"readOnlyHint": false, "destructiveHint": true}}]}
                    """);
            manifest(folder, "plugins", List.of("io.sirsi.mcp.plugins.Main", "--plugins", plugins.toString()));
            playbooks(root);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path playbooks(Path root) {
        try {
            Path file = root.resolve("playbooks/test-playbooks.json");
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, PLAYBOOKS);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host over the servers prepared under {@code root}, its sessions and graph there too. */
    public static Host start(Path root, ApprovalPolicy policy) {
        return start(root, policy, FileSessionStore.open(root.resolve("sessions"), Duration.ofHours(1)));
    }

    /** A host as {@link #start(Path, ApprovalPolicy)} gives, with its sessions in {@code store}. */
    public static Host start(Path root, ApprovalPolicy policy, SessionStore store) {
        Path folder = prepare(root);
        Manifests manifests = ManifestLoader.create(root).load(folder);
        if (!manifests.problems().isEmpty()) {
            throw new IllegalStateException(String.valueOf(manifests.problems()));
        }
        ServerHub hub = ServerHub.connect(manifests.enabled());
        if (!hub.failures().isEmpty()) {
            hub.close();
            throw new IllegalStateException("servers failed: " + hub.failures());
        }
        KnowledgeGraph graph = AuditMain.openLocalOrCreate(root.resolve("graph"), 1000);
        return Host.builder(hub, store, PlaybookReasoner.create(planner(root)))
                .policy(policy)
                .graph(graph)
                .artifacts(root.resolve("artifacts"))
                .approvalTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Writes a manifest that runs {@code mainAndArgs} in a JVM with the test classpath. */
    static void manifest(Path folder, String name, List<String> mainAndArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path")));
        args.addAll(mainAndArgs);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("command", JAVA);
        entry.put("args", args);
        entry.put("timeoutSeconds", 60);
        Files.writeString(folder.resolve(name + ".json"), JSON.writeValueAsString(entry));
    }
}
