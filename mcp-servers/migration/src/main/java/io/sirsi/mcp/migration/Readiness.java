package io.sirsi.mcp.migration;

import java.util.Locale;

/** Whether a workload can move now, in Azure Migrate's terms. */
public enum Readiness {
    /** Nothing stands in the way. */
    READY,
    /** It can move once the plan's pre-steps are done or the target's settings applied. */
    READY_WITH_CONDITIONS,
    /** Something must change first (an out-of-support OS, a size no target offers). */
    NOT_READY,
    /** The data to decide is missing (no utilization, an unknown size). */
    UNKNOWN;

    /** The lower-case, dashed name used on the wire. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
