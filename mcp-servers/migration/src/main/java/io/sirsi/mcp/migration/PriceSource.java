package io.sirsi.mcp.migration;

import java.time.LocalDate;
import java.util.Objects;

/** Where a price came from: the provider's public price list, and the date of the snapshot. */
public record PriceSource(Cloud cloud, String name, String url, LocalDate asOf) {
    /** Requires every field. */
    public PriceSource {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(asOf, "asOf");
    }
}
