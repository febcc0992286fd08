package io.sirsi.mcp.migration;

import io.sirsi.mcp.migration.PriceListAzure.Meter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Puts Azure meters together into prices: a Windows VM is its Windows meter, reserved at the Linux
 * reservation plus the licence; a server's reservation is its vCores times the per-vCore term price; SQL
 * Database adds its licence per vCore. Meters arrive in any order, so prices are made at the end.
 */
final class PriceAzureAssembly {
    private record Vm(String region, String arm, PriceFile file, double[] rates) {}

    private record Server(Meter meter, PriceFile file, double hourly) {}

    private final PriceTable.Builder table;
    private final Map<String, double[]> sizes;
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, Double> perVcoreTerms = new LinkedHashMap<>();
    private final Map<String, Double> licences = new LinkedHashMap<>();
    private final Map<String, Double> disks = new LinkedHashMap<>();
    private final Map<String, PriceFile> storageFiles = new LinkedHashMap<>();
    private final Map<String, double[]> blobs = new LinkedHashMap<>();

    PriceAzureAssembly(PriceTable.Builder table, Map<String, double[]> sizes) {
        this.table = table;
        this.sizes = sizes;
    }

    void add(PriceFile f, Meter m, JsonNode item, String where) {
        double price = f.number(item, "retailPrice", where);
        String unit = f.text(item, "unitOfMeasure", where);
        switch (m.kind()) {
            case VM -> {
                Vm vm = vms.computeIfAbsent(
                        m.region() + "|" + m.name().toLowerCase(Locale.ROOT),
                        k -> new Vm(
                                m.region(), m.name(), f, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN
                                }));
                int slot = m.years() == 0 ? (m.variant().equals("linux") ? 0 : 1) : (m.years() == 1 ? 2 : 3);
                vm.rates()[slot] = m.years() == 0 ? hourly(f, price, unit, where) : price;
            }
            case FLEX, SQL_COMPUTE -> {
                if (m.years() > 0) {
                    perVcoreTerms.put(m.region() + "|" + m.variant() + "|" + m.group() + "|" + m.years(), price);
                } else {
                    servers.put(
                            m.region() + "|" + m.variant() + "|" + m.name().toLowerCase(Locale.ROOT),
                            new Server(m, f, hourly(f, price, unit, where)));
                }
            }
            case SQL_LICENSE -> licences.put(m.region(), hourly(f, price, unit, where));
            case DISK -> {
                double perMonth = unit.contains("Hour") ? hourly(f, price, unit, where) * Price.HOURS_PER_MONTH : price;
                disks.put(m.region(), perMonth);
                storageFiles.put("disk|" + m.region(), f);
            }
            case BLOB -> {
                double from = f.number(item, "tierMinimumUnits", where);
                double[] best = blobs.get(m.region());
                if (price > 0 && (best == null || from < best[0])) {
                    blobs.put(m.region(), new double[] {from, price});
                    storageFiles.put("blob|" + m.region(), f);
                }
            }
        }
    }

    /** A per-hour price from a meter priced per {@code N Hour(s)} or per {@code 1 GiB/Hour}. */
    private static double hourly(PriceFile f, double price, String unit, String where) {
        String quantity = unit.trim().split("\\s+")[0];
        try {
            return price / Double.parseDouble(quantity);
        } catch (NumberFormatException e) {
            throw f.problem(where + ": unitOfMeasure '" + unit + "' does not start with a quantity");
        }
    }

    void finish() {
        for (Vm vm : vms.values()) {
            double[] r = vm.rates();
            double[] size = size(vm.file(), vm.arm());
            ComputeSku sku = new ComputeSku(Cloud.AZURE, vm.arm(), (int) size[0], size[1], SkuSpecs.azure(vm.arm()));
            Optional<Double> one = term(r[2], 1);
            Optional<Double> three = term(r[3], 3);
            if (!Double.isNaN(r[0])) {
                table.compute(
                        vm.region(),
                        sku,
                        "linux",
                        new Price(r[0], one, three, vm.file().source()));
            }
            if (!Double.isNaN(r[1])) {
                double licence = Double.isNaN(r[0]) ? Double.NaN : r[1] - r[0];
                table.compute(
                        vm.region(),
                        sku,
                        "windows",
                        new Price(
                                r[1],
                                plus(one, licence),
                                plus(three, licence),
                                vm.file().source()));
            }
        }
        for (Server s : servers.values()) {
            Meter m = s.meter();
            boolean sql = m.kind() == PriceListAzure.Kind.SQL_COMPUTE;
            int vcores;
            double memory;
            if (sql) {
                vcores = Integer.parseInt(m.name().substring(m.name().lastIndexOf('_') + 1));
                memory = SkuSpecs.sqlGen5Memory(vcores);
            } else {
                double[] size = size(s.file(), m.vmSize());
                vcores = (int) size[0];
                memory = size[1];
            }
            double licence = 0;
            if (sql) {
                Double perVcore = licences.getOrDefault(m.region(), licences.get("global"));
                if (perVcore == null) {
                    throw s.file()
                            .problem("SQL Database in " + m.region() + " has no '" + PriceListAzure.SQL_LICENSE
                                    + "' meter");
                }
                licence = perVcore * vcores;
            }
            String group = m.region() + "|" + m.variant() + "|" + m.group() + "|";
            Optional<Double> one =
                    Optional.ofNullable(perVcoreTerms.get(group + 1)).flatMap(p -> term(p * vcores, 1));
            Optional<Double> three =
                    Optional.ofNullable(perVcoreTerms.get(group + 3)).flatMap(p -> term(p * vcores, 3));
            table.database(
                    m.region(),
                    m.variant(),
                    new DatabaseSku(Cloud.AZURE, m.name(), vcores, memory),
                    new Price(
                            s.hourly() + licence,
                            plus(one, licence),
                            plus(three, licence),
                            s.file().source()));
        }
        disks.forEach((region, price) -> table.blockStorage(
                region,
                new StoragePrice(price, storageFiles.get("disk|" + region).source())));
        blobs.forEach((region, tier) -> table.objectStorage(
                region,
                new StoragePrice(tier[1], storageFiles.get("blob|" + region).source())));
    }

    private double[] size(PriceFile f, String vmSize) {
        double[] size = sizes.get(vmSize.toLowerCase(Locale.ROOT));
        if (size == null) {
            throw f.problem(vmSize + " is priced but the Resource SKUs file gives no vCPUs and memory for it");
        }
        return size;
    }

    /** The effective hourly rate of a reservation priced for its whole term. */
    private static Optional<Double> term(double price, int years) {
        return Double.isNaN(price) ? Optional.empty() : Optional.of(price / (years * SkuSpecs.HOURS_PER_YEAR));
    }

    private static Optional<Double> plus(Optional<Double> rate, double add) {
        return Double.isNaN(add) ? Optional.empty() : rate.map(r -> r + add);
    }
}
