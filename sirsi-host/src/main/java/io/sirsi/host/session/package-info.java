/**
 * The host's sessions: a {@link io.sirsi.host.session.Session} (owner, history, context, approvals, pending
 * calls) and the {@link io.sirsi.host.session.SessionStore} that keeps it, embedded on disk
 * ({@link io.sirsi.host.session.FileSessionStore}), in Redis ({@link io.sirsi.host.session.RedisSessionStore})
 * or in a Coherence CE cluster ({@link io.sirsi.host.session.CoherenceSessionStore}).
 */
package io.sirsi.host.session;
