package io.sirsi.host;

import java.util.Objects;

/**
 * A request to the host that cannot be served as asked, with the kind of problem so each API maps it once:
 * gRPC to a {@code Status}, WebSocket to an error message with a {@code code}, HTTP to a status.
 */
public final class RequestException extends HostException {
    private static final long serialVersionUID = 1L;

    /** The kinds of problem, each with its gRPC status name and HTTP status. */
    public enum Kind {
        /** An unknown or expired session, an unknown approval request, agent or tool. */
        NOT_FOUND("NOT_FOUND", 404),
        /** The caller's role may not do this. */
        FORBIDDEN("PERMISSION_DENIED", 403),
        /** The request is malformed or an argument is wrong. */
        INVALID("INVALID_ARGUMENT", 400),
        /** The session is busy with another turn, or the request was already answered. */
        CONFLICT("FAILED_PRECONDITION", 409),
        /** The host is stopping or a backend it needs is down. */
        UNAVAILABLE("UNAVAILABLE", 503),
        /** No credentials, or credentials the host does not accept. */
        UNAUTHENTICATED("UNAUTHENTICATED", 401),
        /** The caller's token sent more requests than its rate limit allows; retry later. */
        RATE_LIMITED("RESOURCE_EXHAUSTED", 429),
        /** The message is larger than the host accepts. */
        TOO_LARGE("RESOURCE_EXHAUSTED", 413);

        private final String grpc;
        private final int http;

        Kind(String grpc, int http) {
            this.grpc = grpc;
            this.http = http;
        }

        /** The name of the gRPC status code. */
        public String grpc() {
            return grpc;
        }

        /** The HTTP status. */
        public int http() {
            return http;
        }

        /** The code a WebSocket error message carries: {@code not_found}, {@code forbidden}, ... */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;

    /** A problem of this kind, with a message meant for people. */
    public RequestException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The kind of problem. */
    public Kind kind() {
        return kind;
    }

    /** The session {@code id} is unknown or expired. */
    public static RequestException unknownSession(String id) {
        return new RequestException(Kind.NOT_FOUND, "no session '" + id + "': it is unknown, closed or expired");
    }
}
