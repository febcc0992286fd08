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
import java.nio.charset.StandardCharsets;
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
    private static final String USAGE =
            "Usage: sirsi ask [--session ID] [--offline] [--root DIR] [--artifacts DIR] QUESTION\n"
                    + "  Answers one question. When a host runs on this machine (./sirsi up), the question is a turn there,\n"
                    + "  in a new session or the one given, with its tool calls shown on stderr; a call that needs\n"
                    + "  approval is asked on the terminal, or denied when there is none. Otherwise (or with --offline)\n"
                    + "  it starts the servers the matched playbook needs from DIR/tool-manifests (default: the current\n"
                    + "  folder), runs the turn on its own with no session, and prints the answer and the artifacts.\n"
                    + "  --artifacts DIR  offline: where each turn's files go, in DIR/TURN-ID/ (default ~/.sirsi/artifacts)\n"
                    + "  Example: sirsi ask \"what is exposed to the internet in the Kulturio estate?\"\n";

    private AskMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** One turn on a running host; its progress goes to {@code err}, the answer to {@code out}. */
    private static int remote(HostRuntime host, String session, String question, PrintStream out, PrintStream err) {
        String token = Optional.ofNullable(System.getenv("SIRSI_TOKEN")).orElse(host.token());
        try (RemoteChat chat = RemoteChat.connect(host.url(), token)) {
            String id = chat.session(session);
            RemoteChat.Prompter prompter = System.console() != null
                    ? new ChatMain.Prompter(
                            new java.io.BufferedReader(
                                    new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
                            err)
                    : q -> {
                        err.println("sirsi ask: " + q.getTool() + " needs approval and there is no terminal to ask;"
                                + " denied (use ./sirsi chat --session " + id + " to approve it)");
                        return new RemoteChat.Prompter.Answer(io.sirsi.proto.agent.v1.Decision.DENY, "");
                    };
            err.println("sirsi ask: on " + host.url() + ", session " + id);
            var answer = chat.send(question, prompter, err);
            out.println(answer.getAnswer());
            if (answer.hasError()) {
                err.println("sirsi ask: " + answer.getError());
                return 1;
            }
            return 0;
        } catch (HostException e) {
            err.println("sirsi ask: " + e.getMessage());
            return 1;
        }
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
        boolean offline = false;
        String session = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--offline" -> offline = true;
                case "--session" -> {
                    if (i + 1 == args.length) {
                        err.print("sirsi ask: --session needs a session id\n" + USAGE);
                        return 2;
                    }
                    session = args[++i];
                }
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
        if (!offline) {
            Optional<HostRuntime> host = HostRuntime.find(ChatMain.home().resolve("host.json"));
            if (host.isPresent()) {
                return remote(host.get(), session, question, out, err);
            }
            if (!session.isEmpty()) {
                err.println("sirsi ask: --session needs a running host (./sirsi up), and none runs on this machine");
                return 1;
            }
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
