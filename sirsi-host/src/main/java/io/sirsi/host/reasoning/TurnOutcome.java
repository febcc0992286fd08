package io.sirsi.host.reasoning;

import io.sirsi.host.session.Session;
import java.util.Objects;
import java.util.Optional;

/**
 * What a turn came to.
 *
 * @param answer the text for the user
 * @param error why the turn could not finish, when it could not (the answer then says so too)
 * @param context the session's context after the turn (the estate and target it talked about)
 */
public record TurnOutcome(String answer, Optional<String> error, Session.Context context) {
    /** Checks that every field is present. */
    public TurnOutcome {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(context, "context");
    }

    /** A turn that finished, leaving the context as given. */
    public static TurnOutcome answered(String answer, Session.Context context) {
        return new TurnOutcome(answer, Optional.empty(), context);
    }
}
