package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bundled snapshots, read through the price book: every expectation here is a number or a size written
 * in the snapshot files, or a rule of how the providers price (Windows includes its licence, commitments
 * cost less), checked over every price so that one wrong parse fails.
 */
class BundledPriceBookTest {
    /** Read once for the whole class, as a server reads it once at start. */
    static final BundledPriceBook BOOK = BundledPriceBook.bundled();

    static final LocalDate SNAPSHOT_DATE = LocalDate.of(2026, 11, 1);
    static final double CENT = 1e-9;

    @Test
    void awsOnDemandPriceIsTheOfferFilesNumber() {
        // AmazonEC2-us-east-1.json: product 2OBBRT9QN94BN601 is m6i.large, Linux, shared tenancy
        JsonNode offer = PriceTestFiles.bundledJson(Cloud.AWS, "AmazonEC2-us-east-1.json");
        JsonNode product = offer.path("products").path("2OBBRT9QN94BN601").path("attributes");
        assertEquals("m6i.large", product.path("instanceType").asString());
        assertEquals("Linux", product.path("operatingSystem").asString());
        String inFile = offer.path("terms")
                .path("OnDemand")
                .path("2OBBRT9QN94BN601")
                .path("2OBBRT9QN94BN601.JRTCKXETXF")
                .path("priceDimensions")
                .path("2OBBRT9QN94BN601.JRTCKXETXF.6YS6EN2CT7")
                .path("pricePerUnit")
                .path("USD")
                .asString();

        Price price = BOOK.compute(Cloud.AWS, "us-east-1", "m6i.large", "linux").orElseThrow();

        assertEquals(Double.parseDouble(inFile), price.onDemandHourly(), CENT);
        assertEquals(0.096, price.onDemandHourly(), CENT);
        assertEquals(Optional.of(0.06), price.oneYearHourly());
        assertEquals(Optional.of(0.0413), price.threeYearHourly());
        assertEquals(
                0.107,
                BOOK.compute(Cloud.AWS, "eu-west-1", "m6i.large", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
    }

    @Test
    void awsWindowsReservedRateKeepsTheFullLicence() {
        Price windows =
                BOOK.compute(Cloud.AWS, "us-east-1", "m6i.large", "Windows").orElseThrow();
        assertEquals(0.188, windows.onDemandHourly(), CENT);
        assertEquals(0.152, windows.oneYearHourly().orElseThrow(), CENT);
    }

    @Test
    void rdsThreeYearRateSpreadsTheUpfrontFeeOverTheTerm() {
        // AmazonRDS-us-east-1.json sells db.m6i.large PostgreSQL for 3 years only with part upfront:
        // 1053 USD upfront and 0.0401 USD an hour
        Price price = BOOK.database(Cloud.AWS, "us-east-1", "postgres", "db.m6i.large")
                .orElseThrow();
        assertEquals(0.178, price.onDemandHourly(), CENT);
        assertEquals(0.1175, price.oneYearHourly().orElseThrow(), CENT);
        assertEquals(0.0401 + 1053 / (3 * 8760.0), price.threeYearHourly().orElseThrow(), CENT);
    }

    @Test
    void windowsCostsMoreThanLinuxForEverySize() {
        for (Cloud cloud : Cloud.values()) {
            int pairs = 0;
            for (String region : BOOK.regions(cloud)) {
                for (ComputeSku sku : BOOK.computeSkus(cloud)) {
                    Price linux =
                            BOOK.compute(cloud, region, sku.name(), "linux").orElseThrow();
                    Price windows =
                            BOOK.compute(cloud, region, sku.name(), "windows").orElseThrow();
                    assertTrue(windows.onDemandHourly() > linux.onDemandHourly(), cloud + " " + region + " " + sku);
                    pairs++;
                }
            }
            assertTrue(pairs >= 3 * 15, cloud + " prices " + pairs + " pairs");
        }
    }

    @Test
    void threeYearsCostLessThanOneAndOneLessThanOnDemand() {
        for (Cloud cloud : Cloud.values()) {
            List<Price> prices = allPrices(cloud);
            long committed = 0;
            for (Price p : prices) {
                if (p.oneYearHourly().isPresent() && p.threeYearHourly().isPresent()) {
                    assertTrue(p.threeYearHourly().get() < p.oneYearHourly().get(), p.toString());
                    assertTrue(p.oneYearHourly().get() < p.onDemandHourly(), p.toString());
                    committed++;
                }
            }
            assertTrue(committed > prices.size() / 2, cloud + ": " + committed + " of " + prices.size() + " committed");
        }
    }

    @Test
    void azureSizesComeFromTheResourceSkus() {
        JsonNode skus = PriceTestFiles.bundledJson(Cloud.AZURE, "resource-skus.json");
        JsonNode d4 = skus.path("value")
                .valueStream()
                .filter(s -> s.path("name").asString().equals("Standard_D4s_v5"))
                .findFirst()
                .orElseThrow();
        String vcpus = capability(d4, "vCPUs");
        String memory = capability(d4, "MemoryGB");

        ComputeSku sku = sku(Cloud.AZURE, "Standard_D4s_v5");

        assertEquals(Integer.parseInt(vcpus), sku.vcpus());
        assertEquals(Double.parseDouble(memory), sku.memoryGib(), CENT);
        assertEquals("general", sku.family());
        assertEquals(
                new ComputeSku(Cloud.AZURE, "Standard_E8s_v5", 8, 64, "memory"), sku(Cloud.AZURE, "Standard_E8s_v5"));
        DatabaseSku server = BOOK.databaseSkus(Cloud.AZURE).stream()
                .filter(s -> s.name().equals("GP_Standard_D4ds_v4"))
                .findFirst()
                .orElseThrow();
        assertEquals(new DatabaseSku(Cloud.AZURE, "GP_Standard_D4ds_v4", 4, 16), server);
    }

    @Test
    void azureReservationIsItsTermPriceOverTheTermsHours() {
        // retail-virtual-machines.json: D2s v5 in eastus, 1 Year reservation 496.17, 3 Years 958.69
        Price linux =
                BOOK.compute(Cloud.AZURE, "eastus", "Standard_D2s_v5", "linux").orElseThrow();
        Price windows = BOOK.compute(Cloud.AZURE, "eastus", "standard_d2s_v5", "windows")
                .orElseThrow();
        assertEquals(0.096, linux.onDemandHourly(), CENT);
        assertEquals(496.17 / 8760, linux.oneYearHourly().orElseThrow(), CENT);
        assertEquals(958.69 / 26280, linux.threeYearHourly().orElseThrow(), CENT);
        assertEquals(0.188, windows.onDemandHourly(), CENT);
        assertEquals(496.17 / 8760 + (0.188 - 0.096), windows.oneYearHourly().orElseThrow(), CENT);
    }

    @Test
    void azureDatabasesArePricedPerServerAndReservedPerVcore() {
        // retail-postgresql.json, eastus, General Purpose Ddsv4: "4 vCore" 0.356 an hour; a vCore for 1 Year 506.77
        Price postgres = BOOK.database(Cloud.AZURE, "eastus", "postgres", "GP_Standard_D4ds_v4")
                .orElseThrow();
        assertEquals(0.356, postgres.onDemandHourly(), CENT);
        assertEquals(4 * 506.77 / 8760, postgres.oneYearHourly().orElseThrow(), CENT);
        assertTrue(BOOK.database(Cloud.AZURE, "eastus", "mysql", "B_Standard_B1ms")
                .orElseThrow()
                .oneYearHourly()
                .isEmpty());
        Price sql =
                BOOK.database(Cloud.AZURE, "westus2", "sqlserver", "GP_Gen5_4").orElseThrow();
        assertEquals(0.6088 + 4 * 0.1, sql.onDemandHourly(), CENT);
    }

    @Test
    void gcpMachinePriceIsItsVcpusAndMemoryAtTheFamilyRates() {
        double core = catalogRate("E2 Instance Core running in Americas");
        double ram = catalogRate("E2 Instance Ram running in Americas");

        assertEquals(
                4 * core + 16 * ram,
                BOOK.compute(Cloud.GCP, "us-central1", "e2-standard-4", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        assertEquals(
                0.134020068,
                BOOK.compute(Cloud.GCP, "us-east1", "e2-standard-4", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        // e2-medium has 2 vCPUs on half a core: it bills one vCPU
        assertEquals(
                1 * core + 4 * ram,
                BOOK.compute(Cloud.GCP, "us-central1", "e2-medium", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        Price n2 =
                BOOK.compute(Cloud.GCP, "us-central1", "n2-standard-8", "linux").orElseThrow();
        assertEquals(
                8 * catalogRate("Commitment v1: N2 Cpu in Americas for 1 Year")
                        + 32 * catalogRate("Commitment v1: N2 Ram in Americas for 1 Year"),
                n2.oneYearHourly().orElseThrow(),
                CENT);
    }

    @Test
    void gcpWindowsAddsItsLicencePerVcpu() {
        double licence = catalogRate("Licensing Fee for Windows Server 2022 Datacenter Edition (CPU cost)");
        Price linux = BOOK.compute(Cloud.GCP, "europe-west1", "n2-standard-8", "linux")
                .orElseThrow();
        Price windows = BOOK.compute(Cloud.GCP, "europe-west1", "n2-standard-8", "windows")
                .orElseThrow();
        assertEquals(8 * licence, windows.onDemandHourly() - linux.onDemandHourly(), CENT);
        assertEquals(
                8 * licence,
                windows.threeYearHourly().get() - linux.threeYearHourly().get(),
                CENT);
    }

    @Test
    void sqlServerIncludesItsLicence() {
        double gcpLicence = 0.13;
        Price postgres = BOOK.database(Cloud.GCP, "us-east1", "postgres", "db-custom-2-7680")
                .orElseThrow();
        Price sqlServer = BOOK.database(Cloud.GCP, "us-east1", "sqlserver", "db-custom-2-7680")
                .orElseThrow();
        assertEquals(2 * 0.0413 + 7.5 * 0.007, postgres.onDemandHourly(), CENT);
        assertEquals(2 * gcpLicence, sqlServer.onDemandHourly() - postgres.onDemandHourly(), CENT);
        Price rds = BOOK.database(Cloud.AWS, "eu-west-1", "sqlserver", "db.r6i.xlarge")
                .orElseThrow();
        assertTrue(rds.onDemandHourly()
                > BOOK.database(Cloud.AWS, "eu-west-1", "postgres", "db.r6i.xlarge")
                        .orElseThrow()
                        .onDemandHourly());
    }

    @Test
    void storageIsTheFirstPaidTierPerGbMonth() {
        assertEquals(
                0.08, BOOK.blockStorage(Cloud.AWS, "us-east-1").orElseThrow().perGbMonth(), CENT);
        assertEquals(
                0.088, BOOK.blockStorage(Cloud.AWS, "eu-west-1").orElseThrow().perGbMonth(), CENT);
        assertEquals(
                0.023, BOOK.objectStorage(Cloud.AWS, "us-west-2").orElseThrow().perGbMonth(), CENT);
        // Premium SSD v2 is priced per GiB-hour
        assertEquals(
                0.00011 * 730,
                BOOK.blockStorage(Cloud.AZURE, "eastus").orElseThrow().perGbMonth(),
                CENT);
        assertEquals(
                0.0184, BOOK.objectStorage(Cloud.AZURE, "eastus").orElseThrow().perGbMonth(), CENT);
        assertEquals(
                0.11, BOOK.blockStorage(Cloud.GCP, "europe-west1").orElseThrow().perGbMonth(), CENT);
        assertEquals(
                0.02, BOOK.objectStorage(Cloud.GCP, "us-central1").orElseThrow().perGbMonth(), CENT);
    }

    @Test
    void unknownSizeRegionEngineOrOsIsEmpty() {
        assertEquals(Optional.empty(), BOOK.compute(Cloud.AWS, "us-east-1", "m9z.huge", "linux"));
        assertEquals(Optional.empty(), BOOK.compute(Cloud.AWS, "ap-south-1", "m6i.large", "linux"));
        assertEquals(Optional.empty(), BOOK.compute(Cloud.AWS, "us-east-1", "m6i.large", "solaris"));
        assertEquals(Optional.empty(), BOOK.compute(Cloud.AZURE, "us-east-1", "Standard_D2s_v5", "linux"));
        assertEquals(Optional.empty(), BOOK.database(Cloud.AWS, "us-east-1", "oracle", "db.m6i.large"));
        // RDS sells SQL Server Standard on db.m6i, not on db.t3 in this snapshot
        assertEquals(Optional.empty(), BOOK.database(Cloud.AWS, "us-east-1", "sqlserver", "db.t3.medium"));
        assertEquals(Optional.empty(), BOOK.database(Cloud.AZURE, "eastus", "sqlserver", "GP_Standard_D2ds_v4"));
        assertEquals(Optional.empty(), BOOK.blockStorage(Cloud.GCP, "asia-east1"));
        assertEquals(Optional.empty(), BOOK.objectStorage(Cloud.AZURE, "northeurope"));
    }

    @Test
    void everyPriceAndSourceCarriesTheSnapshotDate() {
        for (Cloud cloud : Cloud.values()) {
            for (Price p : allPrices(cloud)) {
                assertEquals(SNAPSHOT_DATE, p.source().asOf());
                assertEquals(cloud, p.source().cloud());
                assertTrue(p.source().url().startsWith("https://"), p.source().url());
            }
            for (String region : BOOK.regions(cloud)) {
                assertEquals(
                        SNAPSHOT_DATE,
                        BOOK.blockStorage(cloud, region).orElseThrow().source().asOf());
                assertEquals(
                        SNAPSHOT_DATE,
                        BOOK.objectStorage(cloud, region).orElseThrow().source().asOf());
            }
        }
        List<PriceSource> sources = BOOK.sources();
        assertEquals(10 + 6 + 5, sources.size());
        assertTrue(sources.stream().allMatch(s -> s.asOf().equals(SNAPSHOT_DATE)));
        assertTrue(sources.contains(new PriceSource(
                Cloud.AWS,
                "AWS Price List API: AmazonEC2 offer, us-east-1",
                "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json",
                SNAPSHOT_DATE)));
        assertTrue(sources.stream()
                .anyMatch(s -> s.url().equals("https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus")));
    }

    @Test
    void sizesAreListedSmallestFirstAcrossEveryFamily() {
        Comparator<ComputeSku> vmOrder =
                Comparator.comparingInt(ComputeSku::vcpus).thenComparingDouble(ComputeSku::memoryGib);
        Comparator<DatabaseSku> dbOrder =
                Comparator.comparingInt(DatabaseSku::vcpus).thenComparingDouble(DatabaseSku::memoryGib);
        for (Cloud cloud : Cloud.values()) {
            List<ComputeSku> vms = BOOK.computeSkus(cloud);
            assertEquals(vms.stream().sorted(vmOrder).toList(), vms);
            assertTrue(vms.size() >= 15 && vms.size() <= 30, cloud + " has " + vms.size() + " VM sizes");
            assertEquals(2, vms.getFirst().vcpus());
            assertEquals(64, vms.getLast().vcpus());
            assertEquals(
                    Set.of("general", "compute", "memory", "burstable"),
                    vms.stream().map(ComputeSku::family).collect(Collectors.toSet()));
            List<DatabaseSku> dbs = BOOK.databaseSkus(cloud);
            assertEquals(dbs.stream().sorted(dbOrder).toList(), dbs);
            for (String engine : List.of("postgres", "mysql", "sqlserver")) {
                List<DatabaseSku> forEngine = BOOK.databaseSkus(cloud, engine);
                assertEquals(forEngine.stream().sorted(dbOrder).toList(), forEngine);
                assertTrue(
                        forEngine.size() >= 8 && forEngine.size() <= 15, cloud + " " + engine + " " + forEngine.size());
            }
        }
        assertEquals("t3.small", BOOK.computeSkus(Cloud.AWS).getFirst().name());
        assertEquals("burstable", sku(Cloud.GCP, "e2-small").family());
        assertEquals("compute", sku(Cloud.GCP, "n2-highcpu-16").family());
    }

    @Test
    void azureSellsSqlServerAsSqlDatabaseAndTheOthersAsFlexibleServers() {
        assertTrue(BOOK.databaseSkus(Cloud.AZURE, "sqlserver").stream()
                .allMatch(s -> s.name().startsWith("GP_Gen5_")));
        assertTrue(BOOK.databaseSkus(Cloud.AZURE, "postgres").stream()
                .noneMatch(s -> s.name().startsWith("GP_Gen5_")));
        assertEquals(
                new DatabaseSku(Cloud.AZURE, "GP_Gen5_8", 8, 40.8),
                BOOK.databaseSkus(Cloud.AZURE, "SQLServer").stream()
                        .filter(s -> s.vcpus() == 8)
                        .findFirst()
                        .orElseThrow());
        assertEquals(List.of(), BOOK.databaseSkus(Cloud.AZURE, "oracle"));
    }

    @Test
    void sizesAnEstateRunsAreKnownWithoutBeingOffered() {
        // instance-types.json (DescribeInstanceTypes): m5.2xlarge has 8 vCPUs and 32768 MiB
        assertEquals(
                Optional.of(new ComputeSku(Cloud.AWS, "m5.2xlarge", 8, 32, "general")),
                BOOK.computeSize(Cloud.AWS, "m5.2xlarge"));
        assertEquals(
                "compute",
                BOOK.computeSize(Cloud.AWS, "C5.2XLARGE").orElseThrow().family());
        assertEquals(
                Optional.of(new DatabaseSku(Cloud.AWS, "db.r5.large", 2, 16)),
                BOOK.databaseSize(Cloud.AWS, "db.r5.large"));
        assertTrue(BOOK.computeSkus(Cloud.AWS).stream().noneMatch(s -> s.name().equals("m5.2xlarge")));
        assertEquals(Optional.empty(), BOOK.compute(Cloud.AWS, "us-east-1", "m5.2xlarge", "linux"));
        // a priced size is known too, and its RDS twin
        assertEquals(
                sku(Cloud.AWS, "r6i.large"),
                BOOK.computeSize(Cloud.AWS, "r6i.large").orElseThrow());
        assertEquals(
                16, BOOK.databaseSize(Cloud.AWS, "db.r6i.large").orElseThrow().memoryGib(), CENT);

        assertEquals(
                Optional.of(new ComputeSku(Cloud.AZURE, "Standard_A4", 8, 14, "general")),
                BOOK.computeSize(Cloud.AZURE, "Standard_A4"));
        assertEquals(
                new ComputeSku(Cloud.AZURE, "Standard_D4s_v3", 4, 16, "general"),
                BOOK.computeSize(Cloud.AZURE, "standard_d4s_v3").orElseThrow());
        assertEquals(
                Optional.of(new DatabaseSku(Cloud.AZURE, "MO_Standard_E8s_v3", 8, 64)),
                BOOK.databaseSize(Cloud.AZURE, "MO_Standard_E8s_v3"));
        assertEquals(
                Optional.of(new DatabaseSku(Cloud.AZURE, "BC_Gen5_8", 8, 40.8)),
                BOOK.databaseSize(Cloud.AZURE, "BC_Gen5_8"));
        assertEquals(Optional.empty(), BOOK.databaseSize(Cloud.AZURE, "S2"));

        assertEquals(
                Optional.of(new ComputeSku(Cloud.GCP, "a2-highgpu-1g", 12, 85, "general")),
                BOOK.computeSize(Cloud.GCP, "a2-highgpu-1g"));
        assertEquals(
                Optional.of(new DatabaseSku(Cloud.GCP, "db-n1-standard-8", 8, 30)),
                BOOK.databaseSize(Cloud.GCP, "db-n1-standard-8"));
        assertTrue(BOOK.databaseSkus(Cloud.GCP).stream().noneMatch(s -> s.name().startsWith("db-n1-")));
        // e2-highmem-4 is an E2 machine type, so E2 rates price it
        assertEquals(
                4 * catalogRate("E2 Instance Core running in Americas")
                        + 32 * catalogRate("E2 Instance Ram running in Americas"),
                BOOK.compute(Cloud.GCP, "us-east1", "e2-highmem-4", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);

        assertEquals(Optional.empty(), BOOK.computeSize(Cloud.AWS, "m99.mega"));
        assertEquals(Optional.empty(), BOOK.databaseSize(Cloud.GCP, "db-f1-micro"));
    }

    @Test
    void regionsAreTheSnapshotsRegions() {
        assertEquals(List.of("eu-west-1", "us-east-1", "us-west-2"), BOOK.regions(Cloud.AWS));
        assertEquals(List.of("eastus", "westeurope", "westus2"), BOOK.regions(Cloud.AZURE));
        assertEquals(List.of("europe-west1", "us-central1", "us-east1"), BOOK.regions(Cloud.GCP));
    }

    private static String capability(JsonNode sku, String name) {
        return sku.path("capabilities")
                .valueStream()
                .filter(c -> c.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow()
                .path("value")
                .asString();
    }

    /** A rate of the bundled Compute Engine SKU list, read straight from the file. */
    private static double catalogRate(String description) {
        JsonNode sku = PriceTestFiles.bundledJson(Cloud.GCP, "catalog-compute-engine.json")
                .path("skus")
                .valueStream()
                .filter(s -> s.path("description").asString().equals(description))
                .findFirst()
                .orElseThrow();
        JsonNode price = sku.path("pricingInfo")
                .get(0)
                .path("pricingExpression")
                .path("tieredRates")
                .get(0)
                .path("unitPrice");
        return Long.parseLong(price.path("units").asString())
                + price.path("nanos").asLong() / 1e9;
    }

    private static ComputeSku sku(Cloud cloud, String name) {
        return BOOK.computeSkus(cloud).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<Price> allPrices(Cloud cloud) {
        List<Price> prices = new ArrayList<>();
        for (String region : BOOK.regions(cloud)) {
            for (ComputeSku sku : BOOK.computeSkus(cloud)) {
                for (String os : List.of("linux", "windows")) {
                    BOOK.compute(cloud, region, sku.name(), os).ifPresent(prices::add);
                }
            }
            for (String engine : List.of("postgres", "mysql", "sqlserver")) {
                for (DatabaseSku sku : BOOK.databaseSkus(cloud, engine)) {
                    BOOK.database(cloud, region, engine, sku.name()).ifPresent(prices::add);
                }
            }
        }
        return prices;
    }
}
