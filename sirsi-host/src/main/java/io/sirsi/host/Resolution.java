package io.sirsi.host;

import java.util.Map;
import java.util.Objects;

/**
 * The user's answer to a {@link TurnEvent.ApprovalNeeded}.
 *
 * @param decision what the user decided
 * @param content for an accepted elicitation, the answer the server asked for (checked against its schema);
 *     else empty
 */
public record Resolution(Decision decision, Map<String, Object> content) {
    /** Checks and copies. */
    public Resolution {
        Objects.requireNonNull(decision, "decision");
        content = Map.copyOf(content);
    }

    /** A decision with no content. */
    public static Resolution of(Decision decision) {
        return new Resolution(decision, Map.of());
    }

    /** The decisions. For an elicitation, approving accepts (with content), denying declines. */
    public enum Decision {
        /** Run this call once (accept the elicitation). */
        APPROVE,
        /** Run this call, and calls of the same tool for the rest of the session without asking. */
        APPROVE_ALWAYS,
        /** Do not run it (decline the elicitation). */
        DENY,
        /** Stop asking: the call is not run and the elicitation is cancelled. */
        CANCEL;

        /** The decision named {@code approve}, {@code approve_always}, {@code deny} or {@code cancel}. */
        public static Decision parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new RequestException(
                        RequestException.Kind.INVALID,
                        "no decision '" + name + "': use approve, approve_always, deny or cancel");
            }
        }

        /** The decision's name as the APIs spell it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
