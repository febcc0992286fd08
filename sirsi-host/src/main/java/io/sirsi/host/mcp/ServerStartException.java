package io.sirsi.host.mcp;

import io.sirsi.host.HostException;
import java.util.Objects;

/** A server did not start, initialize or list its tools; {@link #failure()} says why, with its stderr. */
public final class ServerStartException extends HostException {
    private static final long serialVersionUID = 1L;

    private final transient ServerFailure failure;

    ServerStartException(ServerFailure failure, Throwable cause) {
        super("server '" + failure.server() + "': " + failure.message(), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The failure, as the catalog reports it. */
    public ServerFailure failure() {
        return failure;
    }
}
