package io.sirsi.host.api;

import io.sirsi.host.Caller;
import io.sirsi.host.RequestException;
import io.sirsi.host.Role;
import java.util.Map;
import java.util.Optional;

/** Fixed bearer tokens for an admin, an operator and a viewer, and one that is always over its rate. */
final class FixedTokens implements Authentication {
    static final String ADMIN = "admin-token";
    static final String OPERATOR = "operator-token";
    static final String VIEWER = "viewer-token";
    static final String SPENT = "spent-token";

    private static final Map<String, Caller> CALLERS = Map.of(
            ADMIN, new Caller("ada", Role.ADMIN),
            OPERATOR, new Caller("olga", Role.OPERATOR),
            VIEWER, new Caller("victor", Role.VIEWER));

    @Override
    public Caller authenticate(Optional<String> authorization) {
        String token = authorization
                .filter(h -> h.startsWith("Bearer "))
                .map(h -> h.substring("Bearer ".length()))
                .orElseThrow(() ->
                        new RequestException(RequestException.Kind.UNAUTHENTICATED, "a bearer token is required"));
        if (token.equals(SPENT)) {
            throw new RequestException(RequestException.Kind.RATE_LIMITED, "too many requests; retry later");
        }
        Caller caller = CALLERS.get(token);
        if (caller == null) {
            throw new RequestException(RequestException.Kind.UNAUTHENTICATED, "the token is not accepted");
        }
        return caller;
    }
}
