package io.sirsi.host;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A turn under way: its id, the final event when it ends, and a way to cancel it.
 *
 * @param sessionId the session
 * @param turnId the turn
 * @param done completes with the final event, after the session was saved
 * @param canceller what {@link #cancel()} runs
 */
public record TurnHandle(String sessionId, String turnId, CompletableFuture<TurnEvent.Final> done, Runnable canceller) {
    /** Checks. */
    public TurnHandle {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(canceller, "canceller");
    }

    /** Asks the turn to stop at its next step; pending approvals are cancelled. */
    public void cancel() {
        canceller.run();
    }
}
