package io.sirsi.mcp.migration;

import io.sirsi.mcp.migration.PriceListGcp.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Computes Google Cloud prices from per-unit rates: a machine type's price is its billed vCPUs times its
 * family's core rate plus its GiB of memory times the RAM rate, in each region whose zones offer it; a
 * Cloud SQL tier's likewise, from the engine's vCPU and RAM rates.
 */
final class PriceGcpAssembly {
    private static final Pattern CUSTOM_TIER = Pattern.compile("^db-custom-(\\d+)-(\\d+)$");
    /** The legacy predefined tiers: known, for a source estate, but priced only as custom shapes. */
    private static final Pattern PREDEFINED_TIER = Pattern.compile("^db-n1-(?:standard|highmem)-(\\d+)$");

    private static final double GIB = 1024.0 * 1024 * 1024;

    private record MachineType(
            String region, String name, int guestCpus, double memoryGib, boolean shared, double billed) {}

    private record Tier(String name, int vcpus, double memoryGib, List<String> regions) {}

    private final PriceTable.Builder table;
    private final PriceListGcp.Rates rates = new PriceListGcp.Rates();
    private final Map<Kind, PriceFile> files = new LinkedHashMap<>();
    private final List<MachineType> machineTypes = new ArrayList<>();
    private final List<Tier> tiers = new ArrayList<>();

    PriceGcpAssembly(PriceTable.Builder table) {
        this.table = table;
    }

    PriceTable.Builder table() {
        return table;
    }

    void rate(PriceListGcp.Rate rate, double price, PriceFile file) {
        rate.regions().forEach(region -> rates.put(rate, region, price));
        files.putIfAbsent(rate.kind(), file);
    }

    void machineTypes(PriceFile f) {
        JsonNode items = f.container(f.root(), "items", "the machine type list");
        for (Map.Entry<String, JsonNode> scope : items.properties()) {
            if (!scope.getKey().startsWith("zones/")) {
                continue;
            }
            String region = PriceListGcp.region(scope.getKey().substring("zones/".length()));
            JsonNode types = scope.getValue().path("machineTypes");
            for (int i = 0; i < types.size(); i++) {
                JsonNode t = types.get(i);
                String where = scope.getKey() + " machineTypes[" + i + "]";
                String name = f.text(t, "name", where);
                int cpus = (int) f.number(t, "guestCpus", where);
                boolean shared = t.path("isSharedCpu").asBoolean(false);
                double billed;
                try {
                    billed = SkuSpecs.gcpBilledVcpus(cpus, shared, PriceListGcp.text(t, "description"));
                } catch (IllegalArgumentException e) {
                    throw f.problem(where + " (" + name + "): " + e.getMessage());
                }
                double memory = f.number(t, "memoryMb", where) / 1024;
                machineTypes.add(new MachineType(region, name, cpus, memory, shared, billed));
                table.computeSize(new ComputeSku(Cloud.GCP, name, cpus, memory, SkuSpecs.gcp(name, shared)));
            }
        }
    }

    void tiers(PriceFile f) {
        JsonNode items = f.container(f.root(), "items", "the tier list");
        for (int i = 0; i < items.size(); i++) {
            JsonNode t = items.get(i);
            String where = "items[" + i + "]";
            String name = f.text(t, "tier", where);
            Matcher custom = CUSTOM_TIER.matcher(name);
            Matcher predefined = PREDEFINED_TIER.matcher(name);
            double memory = f.number(t, "RAM", where) / GIB;
            if (custom.matches()) {
                List<String> regions =
                        t.path("region").valueStream().map(JsonNode::asString).toList();
                tiers.add(new Tier(name, Integer.parseInt(custom.group(1)), memory, regions));
            } else if (predefined.matches()) {
                table.databaseSize(new DatabaseSku(Cloud.GCP, name, Integer.parseInt(predefined.group(1)), memory));
            }
        }
    }

    PriceTable finish(PriceSnapshot snapshot) {
        if (machineTypes.isEmpty()) {
            throw snapshot.problem(
                    "has no machine types: the sizes of VMs come from a " + PriceListGcp.MACHINE_TYPES + " file");
        }
        TreeSet<String> regions = new TreeSet<>();
        for (MachineType t : machineTypes) {
            String family = t.name().substring(0, t.name().indexOf('-'));
            Optional<Double> onDemand = mix(Kind.CORE, Kind.RAM, family, 0, t.region(), t.billed(), t.memoryGib());
            if (onDemand.isEmpty()) {
                continue;
            }
            Optional<Double> one = mix(Kind.CORE, Kind.RAM, family, 1, t.region(), t.billed(), t.memoryGib());
            Optional<Double> three = mix(Kind.CORE, Kind.RAM, family, 3, t.region(), t.billed(), t.memoryGib());
            ComputeSku sku = new ComputeSku(
                    Cloud.GCP, t.name(), t.guestCpus(), t.memoryGib(), SkuSpecs.gcp(t.name(), t.shared()));
            PriceSource source = files.get(Kind.CORE).source();
            table.compute(t.region(), sku, "linux", new Price(onDemand.get(), one, three, source));
            regions.add(t.region());
            rates.get(Kind.WINDOWS, "", 0, t.region()).ifPresent(perVcpu -> {
                double licence = perVcpu * t.guestCpus();
                table.compute(
                        t.region(),
                        sku,
                        "windows",
                        new Price(
                                onDemand.get() + licence,
                                one.map(r -> r + licence),
                                three.map(r -> r + licence),
                                source));
            });
        }
        for (Tier tier : tiers) {
            for (String region : tier.regions()) {
                if (regions.contains(region)) {
                    for (String engine : List.of("postgres", "mysql", "sqlserver")) {
                        database(tier, region, engine);
                    }
                }
            }
        }
        for (String region : regions) {
            rates.get(Kind.DISK, "", 0, region)
                    .ifPresent(p -> table.blockStorage(
                            region, new StoragePrice(p, files.get(Kind.DISK).source())));
            rates.get(Kind.OBJECT, "", 0, region)
                    .ifPresent(p -> table.objectStorage(
                            region, new StoragePrice(p, files.get(Kind.OBJECT).source())));
        }
        return table.build();
    }

    private void database(Tier tier, String region, String engine) {
        Optional<Double> onDemand = mix(Kind.SQL_CPU, Kind.SQL_RAM, engine, 0, region, tier.vcpus(), tier.memoryGib());
        if (onDemand.isEmpty()) {
            return;
        }
        double licence = 0;
        if (engine.equals("sqlserver")) {
            Optional<Double> perVcpu = rates.get(Kind.SQL_LICENSE, engine, 0, region);
            if (perVcpu.isEmpty()) {
                return;
            }
            licence = perVcpu.get() * tier.vcpus();
        }
        double add = licence;
        Optional<Double> one = mix(Kind.SQL_CPU, Kind.SQL_RAM, engine, 1, region, tier.vcpus(), tier.memoryGib());
        Optional<Double> three = mix(Kind.SQL_CPU, Kind.SQL_RAM, engine, 3, region, tier.vcpus(), tier.memoryGib());
        table.database(
                region,
                engine,
                new DatabaseSku(Cloud.GCP, tier.name(), tier.vcpus(), tier.memoryGib()),
                new Price(
                        onDemand.get() + add,
                        one.map(r -> r + add),
                        three.map(r -> r + add),
                        files.get(Kind.SQL_CPU).source()));
    }

    /** {@code vcpus} times the CPU rate plus {@code gib} times the RAM rate, when both are known. */
    private Optional<Double> mix(Kind cpu, Kind ram, String group, int years, String region, double vcpus, double gib) {
        Optional<Double> c = rates.get(cpu, group, years, region);
        Optional<Double> r = rates.get(ram, group, years, region);
        return c.isPresent() && r.isPresent() ? Optional.of(vcpus * c.get() + gib * r.get()) : Optional.empty();
    }
}
