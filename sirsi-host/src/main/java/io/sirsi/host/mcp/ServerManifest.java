package io.sirsi.host.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One server the host may start or reach, as a manifest in {@code tool-manifests/} declares it: how to reach
 * it, and Sirsi's options over it (whether it is enabled, whether only its read-only tools are exposed, the
 * tools allowed and denied, its timeout).
 *
 * @param name the server's name, the prefix of its tools in the catalog
 * @param transport how to start or reach it
 * @param enabled whether the host connects to it
 * @param readOnly whether only the tools annotated {@code readOnlyHint: true} are exposed
 * @param timeout for starting and initializing it, and for each request
 * @param allowTools when not empty, only the tools matching one of these globs are exposed
 * @param denyTools the tools matching one of these globs are never exposed
 * @param source the manifest file that declared it
 */
public record ServerManifest(
        String name,
        Transport transport,
        boolean enabled,
        boolean readOnly,
        Duration timeout,
        List<String> allowTools,
        List<String> denyTools,
        Path source) {

    /** The timeout when a manifest gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** How the host talks to a server. */
    public sealed interface Transport permits Stdio, Http {}

    /**
     * A child process speaking MCP over its stdin and stdout.
     *
     * @param command the program, absolute when the manifest gave a relative path
     * @param args its arguments
     * @param env variables added to the host's environment
     * @param directory the working directory (the repository root)
     */
    public record Stdio(String command, List<String> args, Map<String, String> env, Path directory)
            implements Transport {
        /** Checks and copies. */
        public Stdio {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(directory, "directory");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /**
     * A server reached over Streamable HTTP.
     *
     * @param url the MCP endpoint
     * @param headers sent with every request (for example {@code Authorization})
     */
    public record Http(URI url, Map<String, String> headers) implements Transport {
        /** Checks and copies. */
        public Http {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /** Checks and copies. */
    public ServerManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(source, "source");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A server name must not be blank");
        }
        allowTools = List.copyOf(allowTools);
        denyTools = List.copyOf(denyTools);
    }

    /** The filter this manifest's options make. */
    public ToolFilter filter() {
        return ToolFilter.of(readOnly, allowTools, denyTools);
    }
}
