package io.sirsi.mcp.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How bad a failed check is, from most to least severe, with its SARIF level and OCSF severity id. */
public enum Severity {
    CRITICAL("error", 5),
    HIGH("error", 4),
    MEDIUM("warning", 3),
    LOW("note", 2),
    INFO("note", 1);

    private final String sarifLevel;
    private final int ocsfId;

    Severity(String sarifLevel, int ocsfId) {
        this.sarifLevel = sarifLevel;
        this.ocsfId = ocsfId;
    }

    /** The lower-case name used in rule files and output. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SARIF {@code level} of a result at this severity. */
    public String sarifLevel() {
        return sarifLevel;
    }

    /** The OCSF {@code severity_id}. */
    public int ocsfId() {
        return ocsfId;
    }

    /** Whether this is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** The severity named {@code id}; the error lists the names. */
    public static Severity of(String id) {
        for (Severity s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new SecurityException("Unknown severity '" + id + "'; severities are "
                + Arrays.stream(values()).map(Severity::id).toList());
    }
}
