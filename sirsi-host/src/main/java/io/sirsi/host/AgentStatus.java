package io.sirsi.host;

import java.util.Objects;

/**
 * One agent server as the host sees it.
 *
 * @param name the server's name ({@code security})
 * @param state {@code connected}, {@code restarting} (it died and is being started again), {@code failed}
 *     (it could not be started) or {@code disabled}
 * @param transport {@code stdio} or {@code http}
 * @param tools how many of its tools the host exposes
 * @param version what the server said it is ({@code sirsi-security 0.1.0}), or empty
 * @param error why it is not connected, or empty
 * @param calls tool calls sent to it since the host started
 * @param failedCalls those that failed (the server died, timed out, or the tool reported an error)
 */
public record AgentStatus(
        String name,
        String state,
        String transport,
        int tools,
        String version,
        String error,
        long calls,
        long failedCalls) {
    /** Checks. */
    public AgentStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(error, "error");
    }
}
