package io.sirsi.mcp.migration;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads Cloud Billing Catalog API SKU lists ({@code skus[]} with {@code category}, {@code serviceRegions}
 * and {@code pricingInfo[].pricingExpression.tieredRates}), Compute Engine's {@code
 * machineTypes.aggregatedList} and Cloud SQL's {@code tiers.list}.
 *
 * <p>Compute Engine prices a machine family per vCPU-hour and per GiB-hour, so a machine type costs its
 * billed vCPUs times the core rate plus its memory times the RAM rate; committed use discounts are
 * {@code Commitment v1} SKUs of the same shape, and Windows adds the Windows Server licence per vCPU-hour at
 * its on-demand rate. Cloud SQL (zonal, Enterprise edition) works the same way per vCPU and per GiB of RAM,
 * and SQL Server adds its Standard licence per vCPU-hour. Block storage is pd-balanced, object storage
 * Cloud Storage Standard in a region.
 */
final class PriceListGcp {
    static final String CATALOG = "gcp-catalog-skus";
    static final String MACHINE_TYPES = "gcp-machine-types";
    static final String SQL_TIERS = "gcp-sql-tiers";

    /** What a SKU is to the price book. */
    enum Kind {
        CORE("h"),
        RAM("GiBy.h"),
        WINDOWS("h"),
        DISK("GiBy.mo"),
        OBJECT("GiBy.mo"),
        SQL_CPU("h"),
        SQL_RAM("GiBy.h"),
        SQL_LICENSE("h");

        final String unit;

        Kind(String unit) {
            this.unit = unit;
        }
    }

    /** A rate the price book uses: {@code group} is the machine family (E2) or the engine. */
    record Rate(Kind kind, String group, int years, List<String> regions) {}

    private static final Pattern ON_DEMAND = Pattern.compile("^(\\w+) Instance (Core|Ram) running in .+$");
    private static final Pattern COMMITMENT = Pattern.compile("^Commitment v1: (\\w+) (Cpu|Ram) in .+ for \\d Years?$");
    private static final Pattern WINDOWS = Pattern.compile("^Licensing Fee for Windows Server .+ \\(CPU cost\\)$");
    private static final Pattern DISK = Pattern.compile("^Balanced PD Capacity( in .+)?$");
    private static final Pattern SQL = Pattern.compile(
            "^(?:Commitment v1: )?Cloud SQL for (PostgreSQL|MySQL|SQL Server): Zonal - (vCPU|RAM) in .+$");
    private static final Pattern SQL_LICENSE =
            Pattern.compile("^Licensing Fee for SQL Server .+ Standard on Cloud SQL \\(CPU cost\\)$");
    private static final Map<String, String> ENGINES =
            Map.of("PostgreSQL", "postgres", "MySQL", "mysql", "SQL Server", "sqlserver");

    private PriceListGcp() {}

    /** What the price book makes of a catalog SKU, if anything. */
    static Optional<Rate> recognize(JsonNode sku) {
        String description = PriceFile.optionalText(sku, "description").orElse("");
        JsonNode category = sku.path("category");
        String usage = PriceFile.optionalText(category, "usageType").orElse("");
        int years =
                switch (usage) {
                    case "OnDemand" -> 0;
                    case "Commit1Yr" -> 1;
                    case "Commit3Yr" -> 3;
                    default -> -1;
                };
        List<String> regions =
                sku.path("serviceRegions").valueStream().map(JsonNode::asString).toList();
        if (years < 0 || regions.isEmpty()) {
            return Optional.empty();
        }
        Matcher m;
        if (years == 0 && (m = ON_DEMAND.matcher(description)).matches()) {
            return rate(m.group(2).equals("Core") ? Kind.CORE : Kind.RAM, m.group(1), 0, regions);
        }
        if (years > 0 && (m = COMMITMENT.matcher(description)).matches()) {
            return rate(m.group(2).equals("Cpu") ? Kind.CORE : Kind.RAM, m.group(1), years, regions);
        }
        if ((m = SQL.matcher(description)).matches()) {
            return rate(
                    m.group(2).equals("vCPU") ? Kind.SQL_CPU : Kind.SQL_RAM, ENGINES.get(m.group(1)), years, regions);
        }
        if (years > 0) {
            return Optional.empty();
        }
        if (WINDOWS.matcher(description).matches()) {
            return rate(Kind.WINDOWS, "", 0, regions);
        }
        if (SQL_LICENSE.matcher(description).matches()) {
            return rate(Kind.SQL_LICENSE, "sqlserver", 0, regions);
        }
        if (DISK.matcher(description).matches() && "Storage".equals(text(category, "resourceFamily"))) {
            return rate(Kind.DISK, "", 0, regions);
        }
        if (description.startsWith("Standard Storage ") && "RegionalStorage".equals(text(category, "resourceGroup"))) {
            return rate(Kind.OBJECT, "", 0, regions);
        }
        return Optional.empty();
    }

    private static Optional<Rate> rate(Kind kind, String group, int years, List<String> regions) {
        return Optional.of(new Rate(kind, group, years, regions));
    }

    static PriceTable read(PriceSnapshot snapshot) {
        PriceGcpAssembly assembly = new PriceGcpAssembly(PriceTable.builder(Cloud.GCP));
        for (PriceSnapshot.Entry entry : snapshot.entries()) {
            PriceFile f = snapshot.read(entry);
            switch (entry.format()) {
                case CATALOG -> catalog(f, assembly);
                case MACHINE_TYPES -> assembly.machineTypes(f);
                case SQL_TIERS -> assembly.tiers(f);
                default ->
                    throw snapshot.problem("file " + entry.file() + " has format '" + entry.format()
                            + "'; Google Cloud reads " + CATALOG + ", " + MACHINE_TYPES + " and " + SQL_TIERS);
            }
            assembly.table().source(f.source());
        }
        return assembly.finish(snapshot);
    }

    private static void catalog(PriceFile f, PriceGcpAssembly assembly) {
        JsonNode skus = f.container(f.root(), "skus", "the SKU list");
        for (int i = 0; i < skus.size(); i++) {
            JsonNode sku = skus.get(i);
            Optional<Rate> rate = recognize(sku);
            if (rate.isEmpty()) {
                continue;
            }
            String where = "skus[" + i + "] (" + text(sku, "description") + ")";
            JsonNode pricing = f.container(sku, "pricingInfo", where);
            if (pricing.isEmpty()) {
                throw f.problem(where + " has no pricingInfo");
            }
            JsonNode expression = f.container(pricing.get(0), "pricingExpression", where + " pricingInfo[0]");
            String unit = f.text(expression, "usageUnit", where);
            if (!unit.equals(rate.get().kind().unit)) {
                throw f.problem(where + " is priced per '" + unit + "', not per '"
                        + rate.get().kind().unit + "'");
            }
            assembly.rate(rate.get(), firstPaidTier(f, f.container(expression, "tieredRates", where), where), f);
        }
    }

    /** The unit price of the first tier that is not free. */
    private static double firstPaidTier(PriceFile f, JsonNode tiers, String where) {
        double price = 0;
        double from = Double.MAX_VALUE;
        for (JsonNode tier : tiers.values()) {
            JsonNode money = f.container(tier, "unitPrice", where + " tier");
            double usd = f.number(money, "units", where + " unitPrice") + f.number(money, "nanos", where) / 1e9;
            double start = tier.has("startUsageAmount") ? f.number(tier, "startUsageAmount", where) : 0;
            if (usd > 0 && start < from) {
                price = usd;
                from = start;
            }
        }
        return price;
    }

    static String text(JsonNode node, String field) {
        return PriceFile.optionalText(node, field).orElse("");
    }

    /** The region of a zone: {@code us-east1-b} is in {@code us-east1}. */
    static String region(String zone) {
        return zone.substring(0, zone.lastIndexOf('-')).toLowerCase(Locale.ROOT);
    }

    /** Rates by kind, group, term and region; the first SKU that matches wins. */
    static final class Rates {
        private final Map<String, Double> rates = new HashMap<>();

        void put(Rate rate, String region, double price) {
            rates.putIfAbsent(key(rate.kind(), rate.group(), rate.years(), region), price);
        }

        Optional<Double> get(Kind kind, String group, int years, String region) {
            return Optional.ofNullable(rates.get(key(kind, group, years, region)));
        }

        private static String key(Kind kind, String group, int years, String region) {
            return kind + "|" + group.toUpperCase(Locale.ROOT) + "|" + years + "|" + region;
        }
    }
}
