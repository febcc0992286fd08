package io.sirsi.mcp.migration;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads Azure Retail Prices API pages ({@code Items} of meters, one page per file) and the Resource SKUs
 * API's {@code virtualMachines} entries, which give each VM size its {@code vCPUs} and {@code MemoryGB}.
 *
 * <p>A VM is a {@code Virtual Machines ... Series} meter ({@code ... Series Windows} includes the Windows
 * licence), neither Spot nor Low Priority. A reservation's price is for its whole term and covers the
 * infrastructure only, so its effective hourly rate is that price over the term's hours, plus the Windows
 * licence at its pay-as-you-go rate. Flexible servers (PostgreSQL, MySQL) are priced per server, reserved
 * per vCore; SQL Database is vCore General Purpose Gen5 (compute per server, reserved per vCore) plus the
 * SQL licence per vCore-hour. Block storage is Premium SSD v2 capacity (per GiB-hour, times 730 hours);
 * object storage is Blob hot LRS, first paid tier.
 */
final class PriceListAzure {
    static final String RETAIL = "azure-retail-prices";
    static final String RESOURCE_SKUS = "azure-resource-skus";

    static final String SQL_COMPUTE = "SQL Database Single/Elastic Pool General Purpose - Compute Gen5";
    static final String SQL_LICENSE = "SQL Database Single/Elastic Pool General Purpose - SQL License";

    private static final Pattern VM_PRODUCT = Pattern.compile("^Virtual Machines .+ Series( Windows)?$");
    private static final Pattern FLEX_PRODUCT =
            Pattern.compile("^Azure Database for (PostgreSQL|MySQL) Flexible Server "
                    + "(Burstable|General Purpose|Memory Optimized)\\s+(?:-\\s)?(\\w+) Series Compute$");
    private static final Pattern VCORES = Pattern.compile("^(\\d+) vCore$");
    private static final Pattern SERIES = Pattern.compile("^([A-Z])(\\w*?)v(\\d+)$");
    private static final Map<String, String> TIER_PREFIX =
            Map.of("Burstable", "B", "General Purpose", "GP", "Memory Optimized", "MO");

    /** What a meter is to the price book. */
    enum Kind {
        VM,
        FLEX,
        SQL_COMPUTE,
        SQL_LICENSE,
        DISK,
        BLOB
    }

    /**
     * A meter the price book uses. {@code name} is the size it prices (empty for per-vCore and storage
     * meters), {@code variant} the OS or engine, {@code years} 0 for pay-as-you-go, {@code group} what a
     * per-vCore reservation applies to, {@code vmSize} the VM size whose vCPUs and memory a server has.
     */
    record Meter(Kind kind, String name, String variant, int years, String region, String group, String vmSize) {}

    private PriceListAzure() {}

    /** What the price book makes of a Retail Prices API item, if anything. */
    static Optional<Meter> recognize(JsonNode item) {
        if (!item.path("isPrimaryMeterRegion").asBoolean(true)) {
            return Optional.empty();
        }
        String type = text(item, "type");
        int years =
                switch (type) {
                    case "Consumption" -> 0;
                    case "Reservation" -> text(item, "reservationTerm").startsWith("3") ? 3 : 1;
                    default -> -1;
                };
        String region = text(item, "armRegionName").toLowerCase(Locale.ROOT);
        String product = text(item, "productName");
        String sku = text(item, "skuName");
        if (years < 0 || region.isEmpty()) {
            return Optional.empty();
        }
        return switch (text(item, "serviceName")) {
            case "Virtual Machines" -> {
                Matcher m = VM_PRODUCT.matcher(product);
                String arm = text(item, "armSkuName");
                boolean plain = !sku.endsWith(" Spot") && !sku.endsWith(" Low Priority");
                String os = m.matches() && m.group(1) != null ? "windows" : "linux";
                yield m.matches() && plain && !arm.isEmpty() && (years == 0 || os.equals("linux"))
                        ? Optional.of(new Meter(Kind.VM, arm, os, years, region, "", arm))
                        : Optional.empty();
            }
            case "Azure Database for PostgreSQL", "Azure Database for MySQL" -> flexible(product, sku, years, region);
            case "SQL Database" -> {
                Matcher v = VCORES.matcher(sku);
                if (product.equals(SQL_COMPUTE) && years == 0 && v.matches()) {
                    yield Optional.of(new Meter(
                            Kind.SQL_COMPUTE, "GP_Gen5_" + v.group(1), "sqlserver", 0, region, SQL_COMPUTE, ""));
                }
                if (product.equals(SQL_COMPUTE) && years > 0 && sku.equals("vCore")) {
                    yield Optional.of(new Meter(Kind.SQL_COMPUTE, "", "sqlserver", years, region, SQL_COMPUTE, ""));
                }
                yield product.equals(SQL_LICENSE) && years == 0
                        ? Optional.of(new Meter(Kind.SQL_LICENSE, "", "sqlserver", 0, region, SQL_LICENSE, ""))
                        : Optional.empty();
            }
            case "Storage" -> {
                String meter = text(item, "meterName");
                if (product.equals("Azure Premium SSD v2") && meter.equals("Premium LRS Provisioned Capacity")) {
                    yield Optional.of(new Meter(Kind.DISK, "", "", years, region, "", ""));
                }
                yield product.equals("General Block Blob v2") && meter.equals("Hot LRS Data Stored")
                        ? Optional.of(new Meter(Kind.BLOB, "", "", years, region, "", ""))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** A flexible server meter: per server ({@code 4 vCore}, {@code B2s}), or a per-vCore reservation. */
    private static Optional<Meter> flexible(String product, String sku, int years, String region) {
        Matcher p = FLEX_PRODUCT.matcher(product);
        if (!p.matches()) {
            return Optional.empty();
        }
        String engine = p.group(1).equals("PostgreSQL") ? "postgres" : "mysql";
        String tier = p.group(2);
        String series = p.group(3);
        String group = tier + " " + series;
        if (years > 0) {
            return sku.equals("vCore")
                    ? Optional.of(new Meter(Kind.FLEX, "", engine, years, region, group, ""))
                    : Optional.empty();
        }
        String vmSize;
        Matcher v = VCORES.matcher(sku);
        Matcher s = SERIES.matcher(series);
        if (tier.equals("Burstable") && sku.matches("B\\w+")) {
            vmSize = sku;
        } else if (v.matches() && s.matches()) {
            vmSize = s.group(1) + v.group(1) + s.group(2) + "_v" + s.group(3);
        } else {
            return Optional.empty();
        }
        String name = TIER_PREFIX.get(tier) + "_Standard_" + vmSize;
        return Optional.of(new Meter(Kind.FLEX, name, engine, 0, region, group, "Standard_" + vmSize));
    }

    static PriceTable read(PriceSnapshot snapshot) {
        PriceTable.Builder table = PriceTable.builder(Cloud.AZURE);
        Map<String, double[]> sizes = new HashMap<>();
        PriceAzureAssembly assembly = new PriceAzureAssembly(table, sizes);
        for (PriceSnapshot.Entry entry : snapshot.entries()) {
            PriceFile f = snapshot.read(entry);
            switch (entry.format()) {
                case RESOURCE_SKUS -> sizes(f, sizes, table);
                case RETAIL -> {
                    JsonNode items = f.container(f.root(), "Items", "the page");
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        Optional<Meter> meter = recognize(item);
                        if (meter.isPresent()) {
                            assembly.add(f, meter.get(), item, "Items[" + i + "]");
                        }
                    }
                }
                default ->
                    throw snapshot.problem("file " + entry.file() + " has format '" + entry.format() + "'; Azure reads "
                            + RETAIL + " and " + RESOURCE_SKUS);
            }
            table.source(f.source());
        }
        if (sizes.isEmpty()) {
            throw snapshot.problem("has no " + RESOURCE_SKUS + " file: the sizes of VMs come from it");
        }
        assembly.finish();
        table.databaseNames(name -> databaseSize(name, sizes));
        return table.build();
    }

    private static final Pattern FLEX_NAME = Pattern.compile("^(?i)(B|GP|MO)_Standard_(\\w+)$");
    private static final Pattern SQL_NAME = Pattern.compile("^(?i)(GP|BC|HS)(?:_S)?_Gen5_(\\d+)$");

    /**
     * A database size its name describes: a flexible server ({@code MO_Standard_E8ds_v4}) has the vCPUs and
     * memory of its VM size, a SQL Database ({@code BC_Gen5_8}) its vCores and 5.1 GB per vCore.
     */
    private static Optional<DatabaseSku> databaseSize(String name, Map<String, double[]> sizes) {
        Matcher flex = FLEX_NAME.matcher(name);
        if (flex.matches()) {
            return Optional.ofNullable(sizes.get(("standard_" + flex.group(2)).toLowerCase(Locale.ROOT)))
                    .map(s -> new DatabaseSku(Cloud.AZURE, name, (int) s[0], s[1]));
        }
        Matcher sql = SQL_NAME.matcher(name);
        if (sql.matches()) {
            int vcores = Integer.parseInt(sql.group(2));
            return Optional.of(new DatabaseSku(Cloud.AZURE, name, vcores, SkuSpecs.sqlGen5Memory(vcores)));
        }
        return Optional.empty();
    }

    /** Each virtual machine size's vCPUs and memory (GB), keyed by lower-case name. */
    private static void sizes(PriceFile f, Map<String, double[]> sizes, PriceTable.Builder table) {
        JsonNode value = f.container(f.root(), "value", "the Resource SKUs list");
        for (int i = 0; i < value.size(); i++) {
            JsonNode sku = value.get(i);
            if (!"virtualMachines".equals(text(sku, "resourceType"))) {
                continue;
            }
            String where = "value[" + i + "]";
            String name = f.text(sku, "name", where);
            double vcpus = Double.NaN;
            double memory = Double.NaN;
            for (JsonNode cap : f.container(sku, "capabilities", where).values()) {
                switch (text(cap, "name")) {
                    case "vCPUs" -> vcpus = f.number(cap, "value", where + " vCPUs");
                    case "MemoryGB" -> memory = f.number(cap, "value", where + " MemoryGB");
                    default -> {}
                }
            }
            if (Double.isNaN(vcpus) || Double.isNaN(memory)) {
                throw f.problem(where + " (" + name + ") has no vCPUs or MemoryGB capability");
            }
            sizes.put(name.toLowerCase(Locale.ROOT), new double[] {vcpus, memory});
            table.computeSize(new ComputeSku(Cloud.AZURE, name, (int) vcpus, memory, SkuSpecs.azure(name)));
        }
    }

    static String text(JsonNode node, String field) {
        return PriceFile.optionalText(node, field).orElse("");
    }
}
