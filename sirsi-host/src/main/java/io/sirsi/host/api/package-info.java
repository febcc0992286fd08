/**
 * The host's APIs: authentication and rate limiting ({@link io.sirsi.host.api.Authenticator}, opaque
 * {@link io.sirsi.host.api.AccessTokens}, {@link io.sirsi.host.api.Users} who log in for a
 * {@link io.sirsi.host.api.Jwt}, a {@link io.sirsi.host.api.RateLimiter} per caller), then gRPC, WebSocket and
 * HTTP on one Helidon SE port. The authentication here is plain Java: each API layer hands it the
 * {@code authorization} header and maps its {@link io.sirsi.host.RequestException} once.
 */
package io.sirsi.host.api;
