package io.sirsi.mcp.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * An hourly price in USD: on demand, and the effective hourly rate with a 1-year and a 3-year
 * commitment (reserved instances, reservations, committed use discounts; no upfront payment where the
 * provider offers that choice) where the provider sells one.
 */
public record Price(
        double onDemandHourly, Optional<Double> oneYearHourly, Optional<Double> threeYearHourly, PriceSource source) {
    /** Requires a non-negative price and a source. */
    public Price {
        Objects.requireNonNull(oneYearHourly, "oneYearHourly");
        Objects.requireNonNull(threeYearHourly, "threeYearHourly");
        Objects.requireNonNull(source, "source");
        if (onDemandHourly < 0) {
            throw new IllegalArgumentException("a price is not negative");
        }
    }

    /** Hours in an average month, as the providers' calculators count them. */
    public static final double HOURS_PER_MONTH = 730;
}
