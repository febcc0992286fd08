package io.sirsi.mcp.kit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The command line every kit server shares: {@code --transport stdio|http --port N --bind ADDR} and the
 * HTTP safety settings. Secrets never come from the command line (other users can read it): the bearer
 * token and the JWT secret are read from environment variables or files.
 */
public record ServerOptions(
        Transport transport,
        String bind,
        int port,
        String path,
        int maxMessageBytes,
        int pageSize,
        Duration sessionIdle,
        Duration clientTimeout,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        Optional<BearerAuth> auth,
        Map<String, String> extras) {

    /** How the server talks to its client. */
    public enum Transport {
        STDIO,
        HTTP
    }

    /** Default upper bound of one JSON-RPC message, in bytes. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Validates the values. */
    public ServerOptions {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(path, "path");
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, not " + port);
        }
        if (!path.startsWith("/")) {
            throw new UsageException("--path must start with '/', not " + path);
        }
        if (maxMessageBytes < 1024) {
            throw new UsageException("--max-message-bytes must be at least 1024, not " + maxMessageBytes);
        }
        if (pageSize < 1) {
            throw new UsageException("--page-size must be at least 1, not " + pageSize);
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        Objects.requireNonNull(auth, "auth");
        extras = Map.copyOf(extras);
    }

    /** Defaults: stdio; for HTTP, loopback port 8080 at {@code /mcp}, no auth. */
    public static ServerOptions defaults() {
        return parse(new String[0]);
    }

    /** Defaults for an HTTP server on loopback, on a free port chosen by the system. */
    public static ServerOptions httpOnFreePort() {
        return parse(new String[] {"--transport", "http", "--port", "0"});
    }

    /** The value of a server-specific option, such as {@code --estate}. */
    public Optional<String> extra(String name) {
        return Optional.ofNullable(extras.get(name));
    }

    /** Whether the bind address is a loopback address. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A copy with a different auth setting. */
    public ServerOptions withAuth(BearerAuth bearer) {
        return new ServerOptions(
                transport,
                bind,
                port,
                path,
                maxMessageBytes,
                pageSize,
                sessionIdle,
                clientTimeout,
                allowedOrigins,
                allowedHosts,
                Optional.of(bearer),
                extras);
    }

    /** A copy with a different message limit. */
    public ServerOptions withMaxMessageBytes(int bytes) {
        return new ServerOptions(
                transport,
                bind,
                port,
                path,
                bytes,
                pageSize,
                sessionIdle,
                clientTimeout,
                allowedOrigins,
                allowedHosts,
                auth,
                extras);
    }

    /** A copy with a different page size for the list methods. */
    public ServerOptions withPageSize(int size) {
        return new ServerOptions(
                transport,
                bind,
                port,
                path,
                maxMessageBytes,
                size,
                sessionIdle,
                clientTimeout,
                allowedOrigins,
                allowedHosts,
                auth,
                extras);
    }

    /**
     * Parses a command line. {@code serverOptions} names the options a server adds (without the
     * dashes); each takes one value.
     *
     * @throws UsageException naming the bad or unknown option
     */
    public static ServerOptions parse(String[] args, String... serverOptions) {
        return parse(args, System.getenv(), serverOptions);
    }

    static ServerOptions parse(String[] args, Map<String, String> env, String... serverOptions) {
        Set<String> known = new LinkedHashSet<>(List.of(serverOptions));
        Transport transport = Transport.STDIO;
        String bind = "127.0.0.1";
        int port = 8080;
        String path = "/mcp";
        int maxBytes = DEFAULT_MAX_MESSAGE_BYTES;
        int pageSize = 100;
        Duration idle = Duration.ofMinutes(30);
        Duration clientTimeout = Duration.ofSeconds(120);
        List<String> origins = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        String tokenEnv = null;
        Path tokenFile = null;
        String jwtAudience = null;
        String jwtIssuer = null;
        String jwtSecretEnv = null;
        Path jwtKey = null;
        String authServer = null;
        Map<String, String> extras = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("Option --" + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "transport" ->
                    transport = switch (value) {
                        case "stdio" -> Transport.STDIO;
                        case "http" -> Transport.HTTP;
                        default -> throw new UsageException("--transport must be stdio or http, not '" + value + "'");
                    };
                case "bind" -> bind = value;
                case "port" -> port = integer(name, value);
                case "path" -> path = value;
                case "max-message-bytes" -> maxBytes = integer(name, value);
                case "page-size" -> pageSize = integer(name, value);
                case "session-idle-seconds" -> idle = Duration.ofSeconds(integer(name, value));
                case "client-timeout-seconds" -> clientTimeout = Duration.ofSeconds(integer(name, value));
                case "allowed-origins" -> origins.addAll(list(value));
                case "allowed-hosts" -> hosts.addAll(list(value));
                case "token-env" -> tokenEnv = value;
                case "token-file" -> tokenFile = Path.of(value);
                case "jwt-audience" -> jwtAudience = value;
                case "jwt-issuer" -> jwtIssuer = value;
                case "jwt-secret-env" -> jwtSecretEnv = value;
                case "jwt-public-key" -> jwtKey = Path.of(value);
                case "authorization-server" -> authServer = value;
                default -> {
                    if (!known.contains(name)) {
                        throw new UsageException("Unknown option --" + name);
                    }
                    extras.put(name, value);
                }
            }
        }
        Optional<BearerAuth> auth = BearerAuth.fromOptions(
                env, tokenEnv, tokenFile, jwtAudience, jwtIssuer, jwtSecretEnv, jwtKey, authServer);
        return new ServerOptions(
                transport, bind, port, path, maxBytes, pageSize, idle, clientTimeout, origins, hosts, auth, extras);
    }

    /**
     * Parses a server's command line, or prints the usage and exits: with 0 for {@code --help}, with 2
     * and a line naming the problem for a bad option. {@code serverOptions} maps each option the server
     * adds (without dashes) to its one-line description.
     */
    public static ServerOptions parseOrExit(String command, String[] args, Map<String, String> serverOptions) {
        var lines = new ArrayList<String>();
        new java.util.TreeMap<>(serverOptions)
                .forEach((name, help) -> lines.add(String.format("--%-24s %s", name + " V", help)));
        String usage = usage(command, lines.toArray(String[]::new));
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(usage);
                System.exit(0);
            }
        }
        try {
            return parse(args, serverOptions.keySet().toArray(String[]::new));
        } catch (UsageException e) {
            System.err.println(command + ": " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
            throw e;
        }
    }

    /** The usage text for the shared options. */
    public static String usage(String server, String... serverOptionLines) {
        var text = new StringBuilder();
        text.append("Usage: ").append(server).append(" [options]\n\n");
        text.append("  --transport stdio|http     how to talk to the client (default stdio)\n");
        text.append("  --port N                   HTTP port; 0 picks a free one (default 8080)\n");
        text.append("  --bind ADDR                HTTP bind address (default 127.0.0.1, loopback only)\n");
        text.append("  --path PATH                HTTP endpoint path (default /mcp)\n");
        text.append("  --max-message-bytes N      largest accepted message (default 4194304)\n");
        text.append("  --page-size N              items per page of tools/list and friends (default 100)\n");
        text.append("  --allowed-origins A,B      Origins accepted besides loopback ones\n");
        text.append("  --allowed-hosts A,B        Host names accepted besides loopback ones\n");
        text.append("  --token-env NAME           require this bearer token, read from env NAME\n");
        text.append("  --token-file FILE          require the bearer token stored in FILE\n");
        text.append("  --jwt-audience AUD         require a JWT for this audience, signed with:\n");
        text.append("    --jwt-secret-env NAME      an HS256 secret from env NAME, or\n");
        text.append("    --jwt-public-key FILE      an RS256/ES256 public key (PEM)\n");
        text.append("  --jwt-issuer ISS           and from this issuer\n");
        text.append("  --authorization-server URL advertised in the protected-resource metadata\n");
        for (String line : serverOptionLines) {
            text.append("  ").append(line).append('\n');
        }
        return text.toString();
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not '" + value + "'");
        }
    }

    private static List<String> list(String value) {
        return List.of(value.split(",")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A bad command line; the message names the option. */
    public static final class UsageException extends KitException {
        private static final long serialVersionUID = 1L;

        /** A usage error with a message naming the option. */
        public UsageException(String message) {
            super(message);
        }
    }
}
