package io.sirsi.mcp.migration;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads AWS Price List API offer files ({@code AmazonEC2}, {@code AmazonRDS}, {@code AmazonS3}, one file
 * per service and region): {@code products} keyed by SKU with their attributes, and {@code terms.OnDemand}
 * and {@code terms.Reserved} keyed by the same SKUs, with price dimensions in USD.
 *
 * <p>A VM is a {@code Compute Instance} on shared tenancy, in use (not a capacity reservation), with no
 * pre-installed software, Linux or Windows with the licence included. A database is a Single-AZ
 * {@code Database Instance}: PostgreSQL, MySQL, or SQL Server Standard with the licence included. Block
 * storage is EBS gp3; object storage is S3 Standard, first tier. A reserved rate is the standard offering
 * class with no upfront payment, or, where AWS sells none (RDS, 3 years), partial then all upfront, the
 * upfront fee spread over the term's hours.
 */
final class PriceListAws {
    static final String FORMAT = "aws-offer";
    static final String INSTANCE_TYPES = "aws-instance-types";

    /** What a product is to the price book. {@code variant} is the OS or the engine. */
    enum Kind {
        COMPUTE,
        DATABASE,
        BLOCK,
        OBJECT
    }

    /** A product the price book uses. */
    record Product(Kind kind, String name, String variant, String region, JsonNode attributes) {}

    private static final Map<String, Integer> PURCHASE_PREFERENCE =
            Map.of("No Upfront", 0, "Partial Upfront", 1, "All Upfront", 2);

    private PriceListAws() {}

    static PriceTable read(PriceSnapshot snapshot) {
        PriceTable.Builder table = PriceTable.builder(Cloud.AWS);
        for (PriceSnapshot.Entry entry : snapshot.entries()) {
            PriceFile f = snapshot.read(entry);
            switch (entry.format()) {
                case FORMAT -> offer(f, table);
                case INSTANCE_TYPES -> instanceTypes(f, table);
                default ->
                    throw snapshot.problem("file " + entry.file() + " has format '" + entry.format() + "'; AWS reads "
                            + FORMAT + " and " + INSTANCE_TYPES);
            }
            table.source(f.source());
        }
        return table.build();
    }

    /**
     * Sizes from EC2 {@code DescribeInstanceTypes}, priced or not; each is also an RDS instance class of the
     * same shape ({@code r5.large} and {@code db.r5.large} both have 2 vCPUs and 16 GiB).
     */
    private static void instanceTypes(PriceFile f, PriceTable.Builder table) {
        JsonNode types = f.container(f.root(), "InstanceTypes", "the instance type list");
        for (int i = 0; i < types.size(); i++) {
            JsonNode t = types.get(i);
            String where = "InstanceTypes[" + i + "]";
            String name = f.text(t, "InstanceType", where);
            int vcpus = (int) f.number(f.container(t, "VCpuInfo", where), "DefaultVCpus", where + " VCpuInfo");
            double memory = f.number(f.container(t, "MemoryInfo", where), "SizeInMiB", where + " MemoryInfo") / 1024;
            table.computeSize(new ComputeSku(Cloud.AWS, name, vcpus, memory, SkuSpecs.aws(name, "")));
            table.databaseSize(new DatabaseSku(Cloud.AWS, "db." + name, vcpus, memory));
        }
    }

    private static void offer(PriceFile f, PriceTable.Builder table) {
        JsonNode root = f.root();
        f.text(root, "offerCode", "the offer");
        JsonNode products = f.container(root, "products", "the offer");
        JsonNode terms = f.container(root, "terms", "the offer");
        JsonNode onDemand = f.container(terms, "OnDemand", "terms");
        JsonNode reserved = terms.path("Reserved");
        for (Map.Entry<String, JsonNode> e : products.properties()) {
            String sku = e.getKey();
            Optional<Product> recognized = recognize(e.getValue());
            if (recognized.isEmpty()) {
                continue;
            }
            Product p = recognized.get();
            String where = "product " + sku + " (" + p.name() + ")";
            JsonNode od = onDemand.get(sku);
            if (od == null) {
                throw f.problem(where + " has no OnDemand term");
            }
            JsonNode a = p.attributes();
            switch (p.kind()) {
                case COMPUTE -> {
                    ComputeSku spec = new ComputeSku(
                            Cloud.AWS,
                            p.name(),
                            (int) f.number(a, "vcpu", where),
                            memory(f, a, where),
                            SkuSpecs.aws(
                                    p.name(),
                                    PriceFile.optionalText(a, "instanceFamily").orElse("")));
                    table.compute(p.region(), spec, p.variant(), price(f, od, reserved.path(sku), where));
                    table.databaseSize(new DatabaseSku(Cloud.AWS, "db." + p.name(), spec.vcpus(), spec.memoryGib()));
                }
                case DATABASE -> {
                    DatabaseSku spec =
                            new DatabaseSku(Cloud.AWS, p.name(), (int) f.number(a, "vcpu", where), memory(f, a, where));
                    table.database(p.region(), p.variant(), spec, price(f, od, reserved.path(sku), where));
                }
                case BLOCK -> table.blockStorage(p.region(), new StoragePrice(perGbMonth(f, od, where), f.source()));
                case OBJECT -> table.objectStorage(p.region(), new StoragePrice(perGbMonth(f, od, where), f.source()));
            }
        }
    }

    /** What the price book makes of {@code product}, if anything. */
    static Optional<Product> recognize(JsonNode product) {
        JsonNode a = product.path("attributes");
        Optional<String> region = PriceFile.optionalText(a, "regionCode");
        if (region.isEmpty() || !is(a, "locationType", "AWS Region")) {
            return Optional.empty();
        }
        String family = PriceFile.optionalText(product, "productFamily").orElse("");
        String name = PriceFile.optionalText(a, "instanceType").orElse("");
        return switch (family) {
            case "Compute Instance" -> {
                boolean plain = is(a, "tenancy", "Shared")
                        && is(a, "preInstalledSw", "NA")
                        && is(a, "capacitystatus", "Used")
                        && is(a, "licenseModel", "No License required");
                String os = is(a, "operatingSystem", "Linux")
                        ? "linux"
                        : is(a, "operatingSystem", "Windows") ? "windows" : null;
                yield plain && os != null && !name.isEmpty()
                        ? Optional.of(new Product(Kind.COMPUTE, name, os, region.get(), a))
                        : Optional.empty();
            }
            case "Database Instance" -> {
                String engine = null;
                if (is(a, "databaseEngine", "PostgreSQL") && is(a, "licenseModel", "No license required")) {
                    engine = "postgres";
                } else if (is(a, "databaseEngine", "MySQL") && is(a, "licenseModel", "No license required")) {
                    engine = "mysql";
                } else if (is(a, "databaseEngine", "SQL Server")
                        && is(a, "databaseEdition", "Standard")
                        && is(a, "licenseModel", "License included")) {
                    engine = "sqlserver";
                }
                yield engine != null && is(a, "deploymentOption", "Single-AZ") && !name.isEmpty()
                        ? Optional.of(new Product(Kind.DATABASE, name, engine, region.get(), a))
                        : Optional.empty();
            }
            case "Storage" -> {
                if (is(a, "servicecode", "AmazonEC2") && is(a, "volumeApiName", "gp3")) {
                    yield Optional.of(new Product(Kind.BLOCK, "gp3", "", region.get(), a));
                }
                if (is(a, "servicecode", "AmazonS3")
                        && is(a, "storageClass", "General Purpose")
                        && is(a, "volumeType", "Standard")) {
                    yield Optional.of(new Product(Kind.OBJECT, "S3 Standard", "", region.get(), a));
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static boolean is(JsonNode attributes, String field, String value) {
        return PriceFile.optionalText(attributes, field)
                .map(v -> v.equalsIgnoreCase(value))
                .orElse(false);
    }

    /**
     * The reserved term the price book uses for a lease of {@code years}: standard class, no upfront first,
     * then partial, then all upfront. {@code termsOfSku} is {@code terms.Reserved[sku]}.
     */
    static Optional<Map.Entry<String, JsonNode>> preferredReserved(JsonNode termsOfSku, int years) {
        Map.Entry<String, JsonNode> best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Map.Entry<String, JsonNode> term : termsOfSku.properties()) {
            JsonNode attrs = term.getValue().path("termAttributes");
            Integer rank = PURCHASE_PREFERENCE.get(
                    PriceFile.optionalText(attrs, "PurchaseOption").orElse(""));
            if (rank != null
                    && is(attrs, "OfferingClass", "standard")
                    && is(attrs, "LeaseContractLength", years + "yr")
                    && rank < bestRank) {
                best = term;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Price price(PriceFile f, JsonNode onDemand, JsonNode reserved, String where) {
        double hourly = Double.NaN;
        for (JsonNode term : onDemand.values()) {
            for (JsonNode dim : f.container(term, "priceDimensions", where + " OnDemand term")
                    .values()) {
                if (is(dim, "unit", "Hrs")) {
                    hourly = usd(f, dim, where);
                }
            }
        }
        if (Double.isNaN(hourly)) {
            throw f.problem(where + " has no hourly OnDemand price");
        }
        return new Price(hourly, effective(f, reserved, 1, where), effective(f, reserved, 3, where), f.source());
    }

    private static Optional<Double> effective(PriceFile f, JsonNode reserved, int years, String where) {
        return preferredReserved(reserved, years).map(term -> {
            double hourly = 0;
            double upfront = 0;
            for (JsonNode dim : f.container(term.getValue(), "priceDimensions", where + " reserved term")
                    .values()) {
                if (is(dim, "unit", "Quantity")) {
                    upfront += usd(f, dim, where);
                } else {
                    hourly += usd(f, dim, where);
                }
            }
            return hourly + upfront / (years * SkuSpecs.HOURS_PER_YEAR);
        });
    }

    /** The first paid tier of a per GB-month price. */
    private static double perGbMonth(PriceFile f, JsonNode onDemand, String where) {
        double price = Double.NaN;
        double from = Double.MAX_VALUE;
        for (JsonNode term : onDemand.values()) {
            for (JsonNode dim : f.container(term, "priceDimensions", where + " OnDemand term")
                    .values()) {
                double usd = usd(f, dim, where);
                double begin = dim.has("beginRange") ? f.number(dim, "beginRange", where) : 0;
                if (is(dim, "unit", "GB-Mo") && usd > 0 && begin < from) {
                    price = usd;
                    from = begin;
                }
            }
        }
        if (Double.isNaN(price)) {
            throw f.problem(where + " has no price per GB-Mo");
        }
        return price;
    }

    private static double usd(PriceFile f, JsonNode dimension, String where) {
        return f.number(f.container(dimension, "pricePerUnit", where), "USD", where + " pricePerUnit");
    }

    private static double memory(PriceFile f, JsonNode attributes, String where) {
        String text = f.text(attributes, "memory", where);
        try {
            return Double.parseDouble(text.replace("GiB", "").replace(",", "").trim());
        } catch (NumberFormatException e) {
            throw f.problem(where + ": memory '" + text + "' is not a size in GiB");
        }
    }
}
