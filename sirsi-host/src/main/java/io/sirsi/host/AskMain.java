package io.sirsi.host;

import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerFailure;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ServerManifest;
import io.sirsi.host.planner.Plan;
import io.sirsi.host.planner.PlaybookPlanner;
import io.sirsi.host.planner.TurnResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./sirsi ask [--root DIR] [--artifacts DIR] QUESTION}: one turn, offline, through the playbook planner.
 * It matches the question to a playbook, starts only the servers that playbook calls (from the manifests of
 * {@code tool-manifests/}), runs its steps, prints the answer and the artifacts' paths, and exits 0; 1 when a
 * step or a server failed; 2 on a usage error.
 */
public final class AskMain {
    private static final String USAGE = "Usage: sirsi ask [--root DIR] [--artifacts DIR] QUESTION\n"
            + "  Answers one question offline with the playbook planner: it starts the servers the matched\n"
            + "  playbook needs from DIR/tool-manifests (default: the current folder), runs it, and prints the\n"
            + "  answer and the artifacts written. There is no running host to reach yet: each ask is one turn\n"
            + "  on its own, with no session.\n"
            + "  --artifacts DIR  where each turn's files go, in DIR/TURN-ID/ (default ~/.sirsi/artifacts)\n"
            + "  Example: sirsi ask \"what is exposed to the internet in the Kulturio estate?\"\n";

    private AskMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with these streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Optional.empty());
    }

    /** Runs the command with a planner already loaded (tests share one), and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Optional<PlaybookPlanner> loaded) {
        Path root = Path.of("");
        Path artifacts = Path.of(System.getProperty("user.home"), ".sirsi", "artifacts");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root", "--artifacts" -> {
                    if (i + 1 == args.length) {
                        err.print("sirsi ask: " + args[i] + " needs a folder\n" + USAGE);
                        return 2;
                    }
                    Path value = Path.of(args[i + 1]);
                    if (args[i].equals("--root")) {
                        root = value;
                    } else {
                        artifacts = value;
                    }
                    i++;
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        err.print("sirsi ask: unknown option " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    words.add(args[i]);
                }
            }
        }
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            err.print("sirsi ask: no question\n" + USAGE);
            return 2;
        }
        PlaybookPlanner planner = loaded.orElseGet(PlaybookPlanner::create);
        Plan plan = planner.plan(question);
        if (!(plan instanceof Plan.Run run)) {
            out.println(plan.text());
            return 0;
        }
        Path rootDir = root.toAbsolutePath().normalize();
        Manifests manifests;
        try {
            manifests = ManifestLoader.create(rootDir).load(rootDir.resolve("tool-manifests"));
        } catch (HostException e) {
            err.println("sirsi ask: " + e.getMessage());
            return 2;
        }
        List<ServerManifest> needed = manifests.enabled().stream()
                .filter(m -> run.servers().contains(m.name()))
                .toList();
        List<String> missing = run.servers().stream()
                .filter(s -> needed.stream().noneMatch(m -> m.name().equals(s)))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            err.println("sirsi ask: playbook " + run.playbook() + " needs servers with no enabled manifest in "
                    + rootDir.resolve("tool-manifests") + ": " + String.join(", ", missing));
            manifests.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
        try (ServerHub hub = ServerHub.connect(needed)) {
            if (!hub.failures().isEmpty()) {
                for (ServerFailure f : hub.failures()) {
                    err.println("sirsi ask: server " + f.server() + " failed: " + f.message());
                    f.stderrTail().forEach(l -> err.println("  | " + l));
                }
                return 1;
            }
            TurnResult result = planner.run(run, hub, artifacts);
            out.println(result.answer());
            if (result.failed()) {
                err.println("sirsi ask: " + result.error().orElseThrow());
                return 1;
            }
            return 0;
        } catch (HostException e) {
            err.println("sirsi ask: " + e.getMessage());
            return 1;
        }
    }
}
