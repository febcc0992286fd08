package io.sirsi.mcp.migration;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The price book read from dated snapshots of the providers' public price lists, kept in those lists' own
 * shapes: AWS Price List API offer files, Azure Retail Prices API pages with the Resource SKUs API's VM sizes,
 * and Cloud Billing Catalog API SKUs with Compute Engine machine types and Cloud SQL tiers. Snapshots are
 * bundled in the jar (see {@code prices/README.md} beside them) and refreshed by {@link PriceUpdater}.
 *
 * <p>{@link #load()} prefers, cloud by cloud, a refreshed snapshot in the user folder ({@code
 * $SIRSI_PRICES_DIR}, else {@code ~/.sirsi/prices}) when its date is later than the bundled one's.
 */
public final class BundledPriceBook implements PriceBook {
    private final Map<Cloud, PriceTable> tables;

    private BundledPriceBook(Map<Cloud, PriceTable> tables) {
        this.tables = tables;
    }

    /**
     * The bundled snapshots, each replaced by the user folder's snapshot of the same cloud when that one is
     * newer. The bundled files are parsed once per process.
     *
     * @throws MigrationException naming the file and the problem when a snapshot is malformed
     */
    public static BundledPriceBook load() {
        return preferNewer(PriceSnapshots.userDirectory());
    }

    /**
     * The snapshots in {@code dir} (as {@link PriceUpdater} writes them: {@code dir/aws/}, {@code
     * dir/azure/}, {@code dir/gcp/}), whatever their dates; a cloud without a folder there is read from the
     * bundle.
     *
     * @throws MigrationException naming the file and the problem when a snapshot is malformed
     */
    public static BundledPriceBook load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Map<Cloud, PriceTable> tables = new EnumMap<>(bundledTables());
        for (Cloud cloud : Cloud.values()) {
            PriceSnapshot.inDirectory(dir, cloud).ifPresent(s -> tables.put(cloud, read(s)));
        }
        return new BundledPriceBook(tables);
    }

    /** The bundled snapshots only. */
    static BundledPriceBook bundled() {
        return new BundledPriceBook(bundledTables());
    }

    /** The bundled snapshots, each replaced by {@code userDir}'s snapshot of that cloud when it is newer. */
    static BundledPriceBook preferNewer(Path userDir) {
        Map<Cloud, PriceTable> tables = new EnumMap<>(bundledTables());
        for (Cloud cloud : Cloud.values()) {
            Optional<PriceSnapshot> user = PriceSnapshot.inDirectory(userDir, cloud);
            if (user.isPresent() && user.get().asOf().isAfter(bundledDate(cloud))) {
                tables.put(cloud, read(user.get()));
            }
        }
        return new BundledPriceBook(tables);
    }

    static PriceTable read(PriceSnapshot snapshot) {
        return switch (snapshot.cloud()) {
            case AWS -> PriceListAws.read(snapshot);
            case AZURE -> PriceListAzure.read(snapshot);
            case GCP -> PriceListGcp.read(snapshot);
        };
    }

    private static Map<Cloud, LocalDate> bundledDates;
    private static Map<Cloud, PriceTable> bundledTables;

    /** The bundle, parsed once on first use and shared: it cannot change while the process runs. */
    private static synchronized Map<Cloud, PriceTable> bundledTables() {
        if (bundledTables == null) {
            Map<Cloud, PriceSnapshot> snapshots = new EnumMap<>(Cloud.class);
            Map<Cloud, LocalDate> dates = new EnumMap<>(Cloud.class);
            for (Cloud cloud : Cloud.values()) {
                snapshots.put(cloud, PriceSnapshot.bundled(cloud));
                dates.put(cloud, snapshots.get(cloud).asOf());
            }
            // the clouds are independent: reading them side by side shortens a cold start
            Map<Cloud, PriceTable> tables = new EnumMap<>(Cloud.class);
            snapshots.values().parallelStream()
                    .map(BundledPriceBook::read)
                    .toList()
                    .forEach(t -> tables.put(t.cloud, t));
            bundledDates = Collections.unmodifiableMap(dates);
            bundledTables = Collections.unmodifiableMap(tables);
        }
        return bundledTables;
    }

    private static synchronized LocalDate bundledDate(Cloud cloud) {
        bundledTables();
        return bundledDates.get(cloud);
    }

    @Override
    public List<ComputeSku> computeSkus(Cloud cloud) {
        return table(cloud).computeSkus;
    }

    @Override
    public List<DatabaseSku> databaseSkus(Cloud cloud) {
        return table(cloud).databaseSkus;
    }

    /**
     * The sizes of managed databases on {@code cloud} that run {@code engine} (postgres, mysql or sqlserver),
     * smallest first; empty for an engine the snapshot does not price. (Azure sells SQL Server as SQL
     * Database, sized {@code GP_Gen5_N}, and PostgreSQL and MySQL as flexible servers.)
     */
    public List<DatabaseSku> databaseSkus(Cloud cloud, String engine) {
        return table(cloud)
                .databaseSkusByEngine
                .getOrDefault(engine.toLowerCase(Locale.ROOT).trim(), List.of());
    }

    /**
     * The VM size {@code name} on {@code cloud}, whether the snapshot prices it or only describes it (older
     * generations a source estate may run: m5.2xlarge, Standard_D4s_v3, n1-standard-8), from the snapshot's
     * size lists (EC2 DescribeInstanceTypes, Azure Resource SKUs, Compute Engine machine types). Names match
     * whatever their case.
     */
    public Optional<ComputeSku> computeSize(Cloud cloud, String name) {
        return table(cloud).computeSize(Objects.requireNonNull(name, "name"));
    }

    /**
     * The managed database size {@code name} on {@code cloud}, priced or not: RDS classes have the shape of
     * their EC2 type ({@code db.r5.large}), Azure flexible servers that of their VM size and SQL Database
     * {@code GP_Gen5_8} its vCores, Cloud SQL tiers come from {@code tiers.list} ({@code db-n1-standard-8}).
     */
    public Optional<DatabaseSku> databaseSize(Cloud cloud, String name) {
        return table(cloud).databaseSize(Objects.requireNonNull(name, "name"));
    }

    @Override
    public List<String> regions(Cloud cloud) {
        return table(cloud).regions;
    }

    @Override
    public Optional<Price> compute(Cloud cloud, String region, String sku, String os) {
        return table(cloud).compute(region, sku, os);
    }

    @Override
    public Optional<Price> database(Cloud cloud, String region, String engine, String sku) {
        return table(cloud).database(region, engine, sku);
    }

    @Override
    public Optional<StoragePrice> blockStorage(Cloud cloud, String region) {
        return table(cloud).blockStorage(region);
    }

    @Override
    public Optional<StoragePrice> objectStorage(Cloud cloud, String region) {
        return table(cloud).objectStorage(region);
    }

    @Override
    public List<PriceSource> sources() {
        return tables.values().stream().flatMap(t -> t.sources.stream()).toList();
    }

    private PriceTable table(Cloud cloud) {
        return tables.get(Objects.requireNonNull(cloud, "cloud"));
    }
}
