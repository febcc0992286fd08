package io.sirsi.mcp.migration;

import java.util.Locale;
import java.util.Optional;

/**
 * A bucket's storage class in each cloud's terms. A plan may use a neutral tier (standard, infrequent,
 * archive) or a cloud's own name; S3 reaches a class by a lifecycle transition, Google sets it on the
 * bucket, Azure sets the account's access tier.
 */
enum IacStorageClass {
    STANDARD,
    INFREQUENT,
    COLD,
    ARCHIVE;

    /** An S3 lifecycle transition: after {@code days}, to {@code storageClass}. */
    record Transition(int days, String storageClass) {}

    static IacStorageClass of(IacProps props) {
        String value = props.optionalText("storageClass")
                .orElse("standard")
                .toLowerCase(Locale.ROOT)
                .replace('-', '_');
        return switch (value) {
            case "standard", "hot" -> STANDARD;
            case "infrequent", "standard_ia", "onezone_ia", "cool", "nearline" -> INFREQUENT;
            case "cold", "coldline", "glacier_ir" -> COLD;
            case "archive", "glacier", "deep_archive" -> ARCHIVE;
            default ->
                throw new MigrationException(
                        "Storage class '" + value + "' is not known; use standard, infrequent, cold or archive");
        };
    }

    /** The S3 transition, none for standard (S3's minimum age for Standard-IA is 30 days). */
    Optional<Transition> aws() {
        return switch (this) {
            case STANDARD -> Optional.empty();
            case INFREQUENT -> Optional.of(new Transition(30, "STANDARD_IA"));
            case COLD -> Optional.of(new Transition(0, "GLACIER_IR"));
            case ARCHIVE -> Optional.of(new Transition(0, "GLACIER"));
        };
    }

    /** The Google Cloud Storage class. */
    String gcp() {
        return switch (this) {
            case STANDARD -> "STANDARD";
            case INFREQUENT -> "NEARLINE";
            case COLD -> "COLDLINE";
            case ARCHIVE -> "ARCHIVE";
        };
    }

    /** The Azure account access tier; Archive exists only per blob, so colder tiers start as Cool. */
    String azure() {
        return this == STANDARD ? "Hot" : "Cool";
    }
}
