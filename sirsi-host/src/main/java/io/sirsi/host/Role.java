package io.sirsi.host;

import java.util.Locale;

/** What a caller of the host's APIs may do; each role may do what the ones before it may. */
public enum Role {
    /** Chats, and runs read-only tools only. */
    VIEWER,
    /** Also approves tools that are not read-only. */
    OPERATOR,
    /** Also manages servers (attaches or starts agents). */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean atLeast(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role named {@code viewer}, {@code operator} or {@code admin}, in any case. */
    public static Role parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HostException("no role '" + name + "': the roles are viewer, operator and admin");
        }
    }

    /** The role's name in lower case, as configuration and the APIs spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
