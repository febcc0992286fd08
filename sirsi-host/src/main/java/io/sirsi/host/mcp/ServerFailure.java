package io.sirsi.host.mcp;

import java.util.List;
import java.util.Objects;

/**
 * A server the host could not connect to.
 *
 * @param server its name
 * @param message what went wrong, for people
 * @param stderrTail the last lines it wrote to stderr, oldest first (empty for HTTP servers)
 */
public record ServerFailure(String server, String message, List<String> stderrTail) {
    /** Checks and copies. */
    public ServerFailure {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(message, "message");
        stderrTail = List.copyOf(stderrTail);
    }
}
