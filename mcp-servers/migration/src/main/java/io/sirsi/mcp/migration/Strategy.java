package io.sirsi.mcp.migration;

import java.util.Locale;

/** The seven Rs of migration. */
public enum Strategy {
    /** Move as is to the target's virtual machines. */
    REHOST,
    /** Move to a managed service with small changes (a managed database, an engine upgrade). */
    REPLATFORM,
    /** Re-architect for the target (functions, code changes). */
    REFACTOR,
    /** Replace with a managed product or SaaS (monitoring, bastion access). */
    REPURCHASE,
    /** Switch off: nothing uses it. */
    RETIRE,
    /** Keep where it is for now, with the reason. */
    RETAIN,
    /** Move the hypervisor estate as is (VMware to a VMware service on the target). */
    RELOCATE;

    /** The lower-case name used on the wire. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The strategy named {@code text}.
     *
     * @throws MigrationException naming the strategies
     */
    public static Strategy of(String text) {
        for (Strategy s : values()) {
            if (s.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new MigrationException("Unknown strategy '" + text
                + "'; use rehost, replatform, refactor, repurchase, retire, retain or relocate");
    }

    /** Whether resources of a workload with this strategy are built on the target. */
    public boolean buildsOnTarget() {
        return this == REHOST || this == REPLATFORM || this == REFACTOR;
    }
}
