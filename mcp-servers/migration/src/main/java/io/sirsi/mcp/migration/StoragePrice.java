package io.sirsi.mcp.migration;

import java.util.Objects;

/** A storage price in USD per GB-month. */
public record StoragePrice(double perGbMonth, PriceSource source) {
    /** Requires a non-negative price and a source. */
    public StoragePrice {
        Objects.requireNonNull(source, "source");
        if (perGbMonth < 0) {
            throw new IllegalArgumentException("a price is not negative");
        }
    }
}
