package io.sirsi.host;

import java.util.Objects;

/**
 * Who is calling the host, as its API's authentication established it.
 *
 * @param subject the user or token name, as recorded with approvals
 * @param role what the caller may do
 */
public record Caller(String subject, Role role) {
    /** Checks that every field is present. */
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
    }
}
