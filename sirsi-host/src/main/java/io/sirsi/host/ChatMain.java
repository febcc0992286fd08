package io.sirsi.host;

import io.sirsi.proto.agent.v1.ApprovalNeeded;
import io.sirsi.proto.agent.v1.Decision;
import io.sirsi.proto.agent.v1.FinalEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./sirsi chat [--url URL] [--token TOKEN] [--session ID]}: a terminal chat with a running host. Each
 * line is a turn; tool calls and progress show as they happen; approvals and servers' questions are asked here.
 * {@code /quit} or end of input leaves; the session stays on the host, and {@code --session} continues it.
 */
public final class ChatMain {
    private static final String USAGE = """
            Usage: sirsi chat [--url URL] [--token TOKEN] [--session ID]
              Chats with a running host (./sirsi up). Without --url, the host that ./sirsi up started on this
              machine ($SIRSI_HOME/host.json); without --token, its local token, or SIRSI_TOKEN.
              --session ID  continue a session (its id is printed when a chat starts)
            """;

    private ChatMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(
                args,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out,
                System.err));
    }

    /** Runs a chat over these streams and returns the exit code. */
    public static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                err.print("sirsi chat: " + args[i] + (args[i].startsWith("--") ? " needs a value" : " is not an option")
                        + "\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        Optional<Target> target = target(options, err);
        if (target.isEmpty()) {
            return 1;
        }
        try (RemoteChat chat =
                RemoteChat.connect(target.get().url(), target.get().token())) {
            String session = chat.session(options.getOrDefault("session", ""));
            out.println("Connected to " + target.get().url() + ", session " + session + ". Ask away; /quit leaves.");
            Prompter prompter = new Prompter(in, out);
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/quit")) {
                    out.println("Session " + session + " stays on the host (./sirsi chat --session " + session + ").");
                    return 0;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    FinalEvent answer = chat.send(line, prompter, out);
                    out.println(answer.getAnswer());
                } catch (HostException e) {
                    err.println("sirsi chat: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HostException e) {
            err.println("sirsi chat: " + e.getMessage());
            return 1;
        }
    }

    /** The host to reach and the token to use. */
    record Target(URI url, String token) {}

    static Optional<Target> target(Map<String, String> options, PrintStream err) {
        Optional<HostRuntime> local = HostRuntime.find(home().resolve("host.json"));
        Optional<URI> url =
                Optional.ofNullable(options.get("url")).map(URI::create).or(() -> local.map(HostRuntime::url));
        if (url.isEmpty()) {
            err.println("sirsi chat: no host is running on this machine; start one with ./sirsi up, or give --url");
            return Optional.empty();
        }
        Optional<String> token = Optional.ofNullable(options.get("token"))
                .or(() -> Optional.ofNullable(System.getenv("SIRSI_TOKEN")))
                .or(() -> local.filter(l -> l.url().equals(url.get())).map(HostRuntime::token));
        if (token.isEmpty()) {
            err.println("sirsi chat: no token for " + url.get() + "; give --token or set SIRSI_TOKEN");
            return Optional.empty();
        }
        return Optional.of(new Target(url.get(), token.get()));
    }

    /** Where the local host's files are: $SIRSI_HOME (or the sirsi.home property), default ~/.sirsi. */
    static Path home() {
        return Path.of(System.getProperty(
                "sirsi.home", System.getenv().getOrDefault("SIRSI_HOME", System.getProperty("user.home") + "/.sirsi")));
    }

    /** Asks the questions of a turn on the terminal. */
    static final class Prompter implements RemoteChat.Prompter {
        private final BufferedReader in;
        private final PrintStream out;

        Prompter(BufferedReader in, PrintStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public Answer answer(ApprovalNeeded q) {
            try {
                if (q.getKind() == ApprovalNeeded.Kind.ELICITATION) {
                    return elicit(q);
                }
                out.println("  " + q.getMessage());
                out.println("  " + q.getTool() + " " + q.getArgumentsJson());
                while (true) {
                    out.print("  approve [o]nce, [a]lways in this session, or [d]eny? ");
                    out.flush();
                    String a = line();
                    switch (a) {
                        case "o", "once", "y", "yes" -> {
                            return new Answer(Decision.APPROVE, "");
                        }
                        case "a", "always" -> {
                            return new Answer(Decision.APPROVE_ALWAYS, "");
                        }
                        case "d", "deny", "n", "no", "" -> {
                            return new Answer(Decision.DENY, "");
                        }
                        default -> out.println("  answer o, a or d");
                    }
                }
            } catch (IOException e) {
                return new Answer(Decision.CANCEL, "");
            }
        }

        private Answer elicit(ApprovalNeeded q) throws IOException {
            out.println("  " + q.getTool() + " asks: " + q.getMessage());
            JsonNode schema = HostRuntime.JSON.readTree(q.getSchemaJson().isEmpty() ? "{}" : q.getSchemaJson());
            Map<String, Object> content = new LinkedHashMap<>();
            for (var field : schema.path("properties").properties()) {
                String description = field.getValue().path("description").asString("");
                out.print("  " + field.getKey() + (description.isEmpty() ? "" : " (" + description + ")") + ": ");
                out.flush();
                String value = in.readLine();
                if (value == null) {
                    return new Answer(Decision.CANCEL, "");
                }
                String type = field.getValue().path("type").asString("string");
                content.put(
                        field.getKey(),
                        switch (type) {
                            case "integer" -> parse(value, Long::parseLong, value);
                            case "number" -> parse(value, Double::parseDouble, value);
                            case "boolean" ->
                                value.strip().toLowerCase(Locale.ROOT).startsWith("y")
                                        || value.strip().equalsIgnoreCase("true");
                            default -> value;
                        });
            }
            out.print("  send this answer? [y]es, [n]o (decline), [c]ancel: ");
            out.flush();
            return switch (line()) {
                case "y", "yes", "" -> new Answer(Decision.APPROVE, HostRuntime.JSON.writeValueAsString(content));
                case "c", "cancel" -> new Answer(Decision.CANCEL, "");
                default -> new Answer(Decision.DENY, "");
            };
        }

        private static Object parse(String value, java.util.function.Function<String, Object> parser, Object fallback) {
            try {
                return parser.apply(value.strip());
            } catch (RuntimeException e) {
                return fallback;
            }
        }

        private String line() throws IOException {
            String a = in.readLine();
            return a == null ? "d" : a.strip().toLowerCase(Locale.ROOT);
        }
    }
}
