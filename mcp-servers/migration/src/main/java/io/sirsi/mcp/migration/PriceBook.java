package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Optional;

/**
 * Prices and sizes of the three clouds, from bundled, dated snapshots of the providers' public price
 * lists (kept in those lists' own shapes). Every price carries its {@link PriceSource}.
 */
public interface PriceBook {
    /** The sizes of virtual machines on {@code cloud}, smallest first. */
    List<ComputeSku> computeSkus(Cloud cloud);

    /** The sizes of managed databases on {@code cloud}, smallest first. */
    List<DatabaseSku> databaseSkus(Cloud cloud);

    /** The regions the snapshot covers on {@code cloud}. */
    List<String> regions(Cloud cloud);

    /** A VM's price, for {@code os} linux or windows (Windows includes the licence). */
    Optional<Price> compute(Cloud cloud, String region, String sku, String os);

    /** A managed database's price, for {@code engine} postgres, mysql or sqlserver (single zone). */
    Optional<Price> database(Cloud cloud, String region, String engine, String sku);

    /** Block storage (general-purpose SSD: gp3, Premium SSD v2 / Standard SSD, pd-balanced) per GB-month. */
    Optional<StoragePrice> blockStorage(Cloud cloud, String region);

    /** Object storage (standard tier, first tier of volume) per GB-month. */
    Optional<StoragePrice> objectStorage(Cloud cloud, String region);

    /** Where the snapshots came from and their dates. */
    List<PriceSource> sources();

    /**
     * The size named {@code name} on {@code cloud}, including sizes an estate may run but the snapshot does
     * not price (previous generations): what sizing needs to know about a source.
     */
    default Optional<ComputeSku> computeSize(Cloud cloud, String name) {
        return computeSkus(cloud).stream()
                .filter(s -> s.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The database size named {@code name} on {@code cloud}, priced or not. */
    default Optional<DatabaseSku> databaseSize(Cloud cloud, String name) {
        return databaseSkus(cloud).stream()
                .filter(s -> s.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The database sizes sold for {@code engine} (postgres, mysql, sqlserver), smallest first. */
    default List<DatabaseSku> databaseSkus(Cloud cloud, String engine) {
        return databaseSkus(cloud);
    }
}
