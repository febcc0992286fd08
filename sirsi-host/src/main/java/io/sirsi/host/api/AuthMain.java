package io.sirsi.host.api;

import io.sirsi.host.HostException;
import io.sirsi.host.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./sirsi user ...} and {@code ./sirsi token ...}: manage who may call the host, in the files of
 * {@code SIRSI_HOME} (default {@code ~/.sirsi}). A running host sees the change on its next request. A password
 * is read from the terminal without echo (asked twice), or as one line from standard input when that is not a
 * terminal or {@code --password-stdin} is given; it is never printed, nor taken as an argument.
 */
public final class AuthMain {
    private static final String USAGE = "Usage:\n"
            + "  sirsi user add NAME --role viewer|operator|admin [--password-stdin]\n"
            + "  sirsi user remove NAME\n"
            + "  sirsi user list\n"
            + "  sirsi token create NAME --role viewer|operator|admin   prints the token, once\n"
            + "  sirsi token revoke NAME\n"
            + "  sirsi token list\n"
            + "  Files live in $SIRSI_HOME (default ~/.sirsi): users.json, tokens.json (hashes only).\n";

    private AuthMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(
                args,
                System.in,
                System.out,
                System.err,
                Optional.ofNullable(System.console()),
                AuthConfig.fromEnvironment()));
    }

    /**
     * Runs the command, reading a password from {@code in}, and returns the exit code: 0, 1 on a refused change,
     * 2 on a usage error.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, AuthConfig config) {
        return run(args, in, out, err, Optional.empty(), config);
    }

    static int run(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            Optional<Console> console,
            AuthConfig config) {
        List<String> words = new ArrayList<>();
        Optional<Role> role = Optional.empty();
        boolean passwordStdin = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--role" -> {
                        if (++i == args.length) {
                            return usage(err, "--role needs viewer, operator or admin");
                        }
                        role = Optional.of(Role.parse(args[i]));
                    }
                    case "--password-stdin" -> passwordStdin = true;
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            return usage(err, "unknown option " + args[i]);
                        }
                        words.add(args[i]);
                    }
                }
            }
            String command = String.join(" ", words.subList(0, Math.min(2, words.size())));
            Optional<String> name = words.size() == 3 ? Optional.of(words.get(2)) : Optional.empty();
            boolean needsName = !command.endsWith(" list");
            if (words.size() != (needsName ? 3 : 2)) {
                return usage(err, words.isEmpty() ? "no command" : "wrong number of arguments for '" + command + "'");
            }
            switch (command) {
                case "user add" -> {
                    Role r = role.orElseThrow(() -> new HostException("user add needs --role viewer|operator|admin"));
                    char[] password = readPassword(in, passwordStdin ? Optional.empty() : console, name.get());
                    try {
                        Users.open(config).add(name.get(), r, password);
                    } finally {
                        Arrays.fill(password, '\0');
                    }
                    out.println("added user " + name.get() + " (" + r.label() + ") to " + config.usersFile());
                }
                case "user remove" -> {
                    if (!Users.open(config).remove(name.get())) {
                        throw new HostException("no user named '" + name.get() + "' in " + config.usersFile());
                    }
                    out.println("removed user " + name.get());
                }
                case "user list" ->
                    Users.open(config)
                            .list()
                            .forEach(u -> out.println(u.name() + "\t" + u.role().label()));
                case "token create" -> {
                    Role r = role.orElseThrow(
                            () -> new HostException("token create needs --role viewer|operator|admin"));
                    out.println(AccessTokens.open(config).create(name.get(), r));
                    err.println("token " + name.get() + " (" + r.label() + ") created; it is shown only this once");
                }
                case "token revoke" -> {
                    if (!AccessTokens.open(config).revoke(name.get())) {
                        throw new HostException("no token named '" + name.get() + "' in " + config.tokensFile());
                    }
                    out.println("revoked token " + name.get());
                }
                case "token list" ->
                    AccessTokens.open(config)
                            .list()
                            .forEach(t -> out.println(t.name() + "\t" + t.role().label() + "\t" + t.created()));
                default -> {
                    return usage(err, "unknown command '" + command + "'");
                }
            }
            return 0;
        } catch (HostException e) {
            err.println("sirsi: " + e.getMessage());
            return 1;
        }
    }

    private static char[] readPassword(InputStream in, Optional<Console> console, String user) {
        if (console.isPresent()) {
            char[] first = console.get().readPassword("password for %s: ", user);
            char[] again = console.get().readPassword("again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new HostException("the two passwords differ (or none was typed); nothing changed");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        try {
            // Not closed: it wraps the caller's stream (System.in).
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new HostException("no password on standard input; pipe one line, or run in a terminal");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new HostException("cannot read the password from standard input: " + e.getMessage(), e);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.print("sirsi: " + problem + "\n" + USAGE);
        return 2;
    }
}
