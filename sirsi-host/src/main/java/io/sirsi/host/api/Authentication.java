package io.sirsi.host.api;

import io.sirsi.host.Caller;
import java.util.Optional;

/** Who sends a request, from its {@code authorization} header (HTTP, WebSocket upgrade) or metadata (gRPC). */
@FunctionalInterface
public interface Authentication {
    /**
     * The caller of a request, after its rate limit.
     *
     * @param authorization the header's value ({@code Bearer TOKEN}), empty when the request has none
     * @throws io.sirsi.host.RequestException UNAUTHENTICATED when the header is missing or not accepted (the
     *     message never repeats the token), RATE_LIMITED when the caller is over its rate
     */
    Caller authenticate(Optional<String> authorization);
}
