package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one cloud's snapshot says, indexed for lookups: sizes, prices per region, storage, sources. The
 * provider parsers fill a {@link Builder}; nothing here knows a price of its own.
 */
final class PriceTable {
    private static final Comparator<ComputeSku> COMPUTE_ORDER = Comparator.comparingInt(ComputeSku::vcpus)
            .thenComparingDouble(ComputeSku::memoryGib)
            .thenComparing(ComputeSku::name);
    private static final Comparator<DatabaseSku> DATABASE_ORDER = Comparator.comparingInt(DatabaseSku::vcpus)
            .thenComparingDouble(DatabaseSku::memoryGib)
            .thenComparing(DatabaseSku::name);

    private record Key(String region, String variant, String sku) {
        static Key of(String region, String variant, String sku) {
            return new Key(region.toLowerCase(Locale.ROOT), variant, sku.toLowerCase(Locale.ROOT));
        }
    }

    final Cloud cloud;
    final List<ComputeSku> computeSkus;
    final List<DatabaseSku> databaseSkus;
    final Map<String, List<DatabaseSku>> databaseSkusByEngine;
    final List<String> regions;
    final List<PriceSource> sources;
    private final Map<Key, Price> prices;
    private final Map<Key, StoragePrice> storage;
    private final Map<String, ComputeSku> computeSizes;
    private final Map<String, DatabaseSku> databaseSizes;
    private final Function<String, Optional<DatabaseSku>> databaseNames;

    private PriceTable(Builder b) {
        cloud = b.cloud;
        computeSkus = b.computeSkus.values().stream().sorted(COMPUTE_ORDER).toList();
        Map<String, DatabaseSku> all = new TreeMap<>();
        Map<String, List<DatabaseSku>> byEngine = new TreeMap<>();
        b.databaseSkus.forEach((engine, skus) -> {
            skus.values().forEach(s -> all.put(s.name(), s));
            byEngine.put(engine, skus.values().stream().sorted(DATABASE_ORDER).toList());
        });
        databaseSkus = all.values().stream().sorted(DATABASE_ORDER).toList();
        databaseSkusByEngine = Map.copyOf(byEngine);
        regions = List.copyOf(b.regions);
        sources = List.copyOf(b.sources);
        prices = Map.copyOf(b.prices);
        storage = Map.copyOf(b.storage);
        computeSizes = Map.copyOf(b.computeSizes);
        databaseSizes = Map.copyOf(b.databaseSizes);
        databaseNames = b.databaseNames;
    }

    static Builder builder(Cloud cloud) {
        return new Builder(cloud);
    }

    Optional<Price> compute(String region, String sku, String os) {
        return Optional.ofNullable(
                prices.get(Key.of(region, "vm:" + os.toLowerCase(Locale.ROOT).trim(), sku)));
    }

    Optional<Price> database(String region, String engine, String sku) {
        return Optional.ofNullable(prices.get(
                Key.of(region, "db:" + engine.toLowerCase(Locale.ROOT).trim(), sku)));
    }

    /** A size the snapshot knows, priced or not. */
    Optional<ComputeSku> computeSize(String name) {
        return Optional.ofNullable(
                computeSizes.get(name.toLowerCase(Locale.ROOT).trim()));
    }

    /** A database size the snapshot knows, priced or not, or that its name alone describes. */
    Optional<DatabaseSku> databaseSize(String name) {
        DatabaseSku known = databaseSizes.get(name.toLowerCase(Locale.ROOT).trim());
        return known != null ? Optional.of(known) : databaseNames.apply(name.trim());
    }

    Optional<StoragePrice> blockStorage(String region) {
        return Optional.ofNullable(storage.get(Key.of(region, "block", "")));
    }

    Optional<StoragePrice> objectStorage(String region) {
        return Optional.ofNullable(storage.get(Key.of(region, "object", "")));
    }

    /** Collects one cloud's sizes and prices while its files are parsed. */
    static final class Builder {
        private final Cloud cloud;
        private final Map<String, ComputeSku> computeSkus = new HashMap<>();
        private final Map<String, Map<String, DatabaseSku>> databaseSkus = new TreeMap<>();
        private final TreeSet<String> regions = new TreeSet<>();
        private final List<PriceSource> sources = new ArrayList<>();
        private final Map<Key, Price> prices = new LinkedHashMap<>();
        private final Map<Key, StoragePrice> storage = new LinkedHashMap<>();
        private final Map<String, ComputeSku> computeSizes = new HashMap<>();
        private final Map<String, DatabaseSku> databaseSizes = new HashMap<>();
        private Function<String, Optional<DatabaseSku>> databaseNames = name -> Optional.empty();

        private Builder(Cloud cloud) {
            this.cloud = cloud;
        }

        Builder source(PriceSource source) {
            sources.add(source);
            return this;
        }

        /** A VM price, for {@code os} linux or windows; the region counts as covered. */
        Builder compute(String region, ComputeSku sku, String os, Price price) {
            computeSkus.putIfAbsent(sku.name(), sku);
            computeSize(sku);
            regions.add(region);
            prices.put(Key.of(region, "vm:" + os, sku.name()), price);
            return this;
        }

        /** A managed database price, for {@code engine} postgres, mysql or sqlserver. */
        Builder database(String region, String engine, DatabaseSku sku, Price price) {
            databaseSkus.computeIfAbsent(engine, e -> new HashMap<>()).putIfAbsent(sku.name(), sku);
            databaseSize(sku);
            prices.put(Key.of(region, "db:" + engine, sku.name()), price);
            return this;
        }

        /** A size the snapshot describes without pricing it: an older generation a source estate may run. */
        Builder computeSize(ComputeSku sku) {
            computeSizes.putIfAbsent(sku.name().toLowerCase(Locale.ROOT), sku);
            return this;
        }

        /** A database size the snapshot describes without pricing it. */
        Builder databaseSize(DatabaseSku sku) {
            databaseSizes.putIfAbsent(sku.name().toLowerCase(Locale.ROOT), sku);
            return this;
        }

        /** Database sizes a provider's naming describes by itself ({@code GP_Gen5_8} has 8 vCores). */
        Builder databaseNames(Function<String, Optional<DatabaseSku>> names) {
            databaseNames = names;
            return this;
        }

        Builder blockStorage(String region, StoragePrice price) {
            storage.put(Key.of(region, "block", ""), price);
            return this;
        }

        Builder objectStorage(String region, StoragePrice price) {
            storage.put(Key.of(region, "object", ""), price);
            return this;
        }

        PriceTable build() {
            return new PriceTable(this);
        }
    }
}
