package io.sirsi.mcp.migration;

import java.util.Locale;

/** A cloud a plan can target. */
public enum Cloud {
    /** Amazon Web Services. */
    AWS("aws", "AWS"),
    /** Microsoft Azure. */
    AZURE("azure", "Azure"),
    /** Google Cloud. */
    GCP("gcp", "Google Cloud");

    private final String id;
    private final String displayName;

    Cloud(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The lower-case id, as in inventory types ({@code aws}, {@code azure}, {@code gcp}). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return id;
    }

    /** The name people use. */
    public String displayName() {
        return displayName;
    }

    /**
     * The cloud named {@code text} (its id, any case).
     *
     * @throws MigrationException naming the clouds there are
     */
    public static Cloud of(String text) {
        for (Cloud c : values()) {
            if (c.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new MigrationException("Unknown target cloud '" + text + "'; use aws, azure or gcp");
    }
}
