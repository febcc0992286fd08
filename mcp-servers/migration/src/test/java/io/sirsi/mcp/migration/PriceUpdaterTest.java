package io.sirsi.mcp.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The updater against WireMock replaying saved samples that are larger than the bundle and differ from it
 * (other prices, sizes and regions to filter out, Spot and Dev/Test meters, convertible and upfront terms,
 * second pages): what it writes is read back by the price book with the samples' prices and the new date,
 * and a failure leaves the previous snapshot byte for byte as it was.
 */
class PriceUpdaterTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 15);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-15T09:30:00Z"), ZoneOffset.UTC);
    static final UnaryOperator<String> ENV =
            name -> name.equals(PriceSampleServer.KEY_ENV) ? PriceSampleServer.API_KEY : null;
    static final double CENT = 1e-9;

    @TempDir
    Path dir;

    PriceSampleServer server;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        server = new PriceSampleServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refreshesEveryCloudFromTheSamplesAndTheBookReadsThemBack() throws IOException {
        int code = run(ENV, "--cloud", "all");

        assertEquals(0, code, err());
        assertEquals("", err());
        BundledPriceBook book = BundledPriceBook.load(dir);

        // AWS: the sample's price (0.096 * 1.05), the new date, the sizes and terms it must drop gone
        Price m6i = book.compute(Cloud.AWS, "us-east-1", "m6i.large", "linux").orElseThrow();
        assertEquals(0.1008, m6i.onDemandHourly(), CENT);
        assertEquals(0.063, m6i.oneYearHourly().orElseThrow(), CENT);
        assertEquals(TODAY, m6i.source().asOf());
        assertTrue(book.computeSkus(Cloud.AWS).stream().noneMatch(s -> s.name().equals("m7i.large")));
        assertTrue(book.databaseSkus(Cloud.AWS).stream().noneMatch(s -> s.name().equals("db.m7g.large")));
        assertEquals(List.of("eu-west-1", "us-east-1", "us-west-2"), book.regions(Cloud.AWS));
        assertEquals(
                r4(0.08 * 1.05),
                book.blockStorage(Cloud.AWS, "us-west-2").orElseThrow().perGbMonth(),
                CENT);
        JsonNode ec2 = written("aws/AmazonEC2-us-east-1.json");
        assertEquals("2026-12-01T00:00:00Z", ec2.path("publicationDate").asString());
        assertEquals(23 * 2 + 1, ec2.path("products").size());
        String m6iSku = ec2.path("products")
                .propertyStream()
                .filter(p -> p.getValue()
                        .path("attributes")
                        .path("instanceType")
                        .asString()
                        .equals("m6i.large"))
                .filter(p -> p.getValue()
                        .path("attributes")
                        .path("operatingSystem")
                        .asString()
                        .equals("Linux"))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertEquals(
                Set.of(m6iSku + ".4NA7Y494T4", m6iSku + ".BPH4J8HBKS"),
                Set.copyOf(ec2.path("terms").path("Reserved").path(m6iSku).propertyNames()));

        // Azure: every size priced in eastus needs both pages; Spot, Low Priority, Dev/Test, a non-primary
        // meter and northeurope are dropped
        for (ComputeSku sku : book.computeSkus(Cloud.AZURE)) {
            assertTrue(book.compute(Cloud.AZURE, "eastus", sku.name(), "linux").isPresent(), sku.name());
        }
        assertEquals(
                0.1008,
                book.compute(Cloud.AZURE, "eastus", "Standard_D2s_v5", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        assertEquals(
                r4(4.032 * 1.05),
                book.compute(Cloud.AZURE, "eastus", "Standard_E64s_v5", "linux")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        assertEquals(List.of("eastus", "westeurope", "westus2"), book.regions(Cloud.AZURE));
        assertTrue(
                book.computeSkus(Cloud.AZURE).stream().noneMatch(s -> s.name().equals("Standard_D2as_v5")));
        assertEquals(
                r4(0.1522 * 2 * 1.05) + 2 * 0.105,
                book.database(Cloud.AZURE, "eastus", "sqlserver", "GP_Gen5_2")
                        .orElseThrow()
                        .onDemandHourly(),
                CENT);
        JsonNode vms = written("azure/retail-virtual-machines.json");
        assertEquals(vms.path("Items").size(), vms.path("Count").asInt());
        assertTrue(vms.path("NextPageLink").isNull());
        assertTrue(vms.path("Items")
                .valueStream()
                .noneMatch(i -> i.path("skuName").asString().endsWith(" Spot")
                        || i.path("type").asString().equals("DevTestConsumption")
                        || i.path("armRegionName").asString().equals("northeurope")));

        // Google Cloud: E2 rates are on the second page of Compute Engine SKUs
        JsonNode page2 = PriceSnapshots.JSON.readTree(PriceSampleServer.sample("gcp/compute-engine-2.json"));
        double core = rate(page2, "E2 Instance Core running in Americas");
        double ram = rate(page2, "E2 Instance Ram running in Americas");
        Price e2 =
                book.compute(Cloud.GCP, "us-central1", "e2-standard-4", "linux").orElseThrow();
        assertEquals(4 * core + 16 * ram, e2.onDemandHourly(), CENT);
        assertEquals(TODAY, e2.source().asOf());
        JsonNode compute = written("gcp/catalog-compute-engine.json");
        assertTrue(compute.path("skus")
                .valueStream()
                .map(s -> s.path("description").asString())
                .noneMatch(d -> d.startsWith("C3 ") || d.contains("Sydney") || d.contains("Custom")));
        assertEquals("", compute.path("nextPageToken").asString());

        // sizes the updater cannot read without an account are carried over with their own date
        assertTrue(book.sources()
                .contains(new PriceSource(
                        Cloud.AZURE,
                        "Azure Resource SKUs API: virtualMachines (vCPUs, MemoryGB)",
                        "https://management.azure.com/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus?api-version=2021-07-01",
                        LocalDate.of(2026, 11, 1))));
        assertEquals(21, book.sources().size());
        assertEquals(
                17, book.sources().stream().filter(s -> s.asOf().equals(TODAY)).count());

        String out = out();
        assertTrue(out.contains("aws: AmazonEC2 us-east-1: 59 products read, 47 kept"), out);
        assertTrue(out.contains("azure: Virtual Machines eastus: 2 pages,"), out);
        assertTrue(out.contains("gcp: Compute Engine: 2 pages,"), out);
        assertTrue(out.contains("aws: wrote 11 files"), out);
        assertTrue(out.strip().endsWith("Refreshed aws, azure, gcp."), out);
    }

    @Test
    void apiKeyGoesInAHeaderAndIsNeverPrinted() {
        assertEquals(0, run(ENV, "--cloud", "gcp"), err());

        server.wireMock()
                .verify(
                        5,
                        getRequestedFor(urlPathMatching("/v1/services/.*/skus"))
                                .withHeader("X-Goog-Api-Key", equalTo(PriceSampleServer.API_KEY)));
        server.wireMock()
                .getAllServeEvents()
                .forEach(e -> assertFalse(e.getRequest().getUrl().contains(PriceSampleServer.API_KEY)));
        assertFalse(out().contains(PriceSampleServer.API_KEY));
        assertFalse(err().contains(PriceSampleServer.API_KEY));
    }

    @Test
    void missingApiKeyFailsWithTheVariableToSet() {
        assertEquals(1, run(name -> null, "--cloud", "gcp"));

        assertEquals(
                "gcp: the Cloud Billing Catalog API needs an API key: set SIRSI_GCP_BILLING_API_KEY "
                        + "(or name another variable with --gcp-api-key-env)",
                err().strip());
        assertFalse(Files.exists(dir.resolve("gcp")));
    }

    @Test
    void wrongApiKeyReportsGooglesMessage() {
        assertEquals(
                1,
                run(
                        name -> name.equals("OTHER_KEY") ? "not-the-key" : null,
                        "--cloud",
                        "gcp",
                        "--gcp-api-key-env",
                        "OTHER_KEY"));

        assertTrue(err().startsWith("gcp: HTTP 403 from " + server.base() + "/v1/services/"), err());
        assertTrue(err().strip().endsWith(": The request is missing a valid API key."), err());
        assertFalse(err().contains("not-the-key"));
    }

    @Test
    void serverErrorLeavesThePreviousSnapshotUntouched() throws IOException {
        PriceTestFiles.copyBundled(Cloud.AWS, dir);
        Map<Path, byte[]> before = PriceTestFiles.contents(dir);
        server.wireMock()
                .stubFor(get(urlPathEqualTo(PriceSampleServer.awsOfferPath("AmazonRDS", "eu-west-1")))
                        .willReturn(serverError().withBody("<Error><Code>InternalError</Code></Error>")));

        assertEquals(1, run(ENV, "--cloud", "aws"));

        assertEquals(1, err().lines().count(), err());
        assertEquals(
                "aws: HTTP 500 from " + server.base() + PriceSampleServer.awsOfferPath("AmazonRDS", "eu-west-1")
                        + ": <Error><Code>InternalError</Code></Error>",
                err().strip());
        assertUnchanged(before);
        assertTrue(out().contains("failed aws, whose previous snapshot is unchanged."), out());
        assertEquals(
                LocalDate.of(2026, 11, 1),
                BundledPriceBook.load(dir)
                        .compute(Cloud.AWS, "us-east-1", "m6i.large", "linux")
                        .orElseThrow()
                        .source()
                        .asOf());
    }

    @Test
    void missingPageLeavesThePreviousSnapshotUntouched() throws IOException {
        PriceTestFiles.copyBundled(Cloud.AZURE, dir);
        Map<Path, byte[]> before = PriceTestFiles.contents(dir);
        server.wireMock()
                .stubFor(
                        get(urlPathEqualTo("/api/retail/prices"))
                                .atPriority(1)
                                .withQueryParam(
                                        "$filter", matching(PriceSampleServer.azureFilter("Storage", "westeurope")))
                                .willReturn(
                                        aResponse()
                                                .withStatus(404)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"Error\": {\"Code\": \"NotFound\", \"Message\": \"The resource is not found\"}}")));

        assertEquals(1, run(ENV, "--cloud", "azure"));

        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("azure: HTTP 404 from " + server.base() + "/api/retail/prices: "), err());
        assertTrue(err().strip().endsWith("The resource is not found"), err());
        assertUnchanged(before);
    }

    @Test
    void malformedBodySaysItIsNotJson() throws IOException {
        PriceTestFiles.copyBundled(Cloud.GCP, dir);
        Map<Path, byte[]> before = PriceTestFiles.contents(dir);
        server.wireMock()
                .stubFor(get(urlPathEqualTo("/v1/services/95FF-2EF5-5EA1/skus"))
                        .atPriority(1)
                        .willReturn(okJson("{\"skus\": [{\"name\": \"services/95FF-2EF5-5EA1/skus/0000\",")));

        assertEquals(1, run(ENV, "--cloud", "gcp"));

        assertEquals(1, err().lines().count(), err());
        assertTrue(
                err().startsWith("gcp: the response from " + server.base()
                        + "/v1/services/95FF-2EF5-5EA1/skus is not valid JSON (line 1, column "),
                err());
        assertUnchanged(before);
    }

    @Test
    void truncatedOfferFileIsRefusedAndNothingIsWritten() {
        String sample = PriceSampleServer.sample("aws/AmazonEC2-us-west-2.json");
        server.wireMock()
                .stubFor(get(urlPathEqualTo(PriceSampleServer.awsOfferPath("AmazonEC2", "us-west-2")))
                        .willReturn(okJson(sample.substring(0, sample.length() / 2))));

        assertEquals(1, run(ENV, "--cloud", "aws"));

        assertTrue(
                err().startsWith("aws: the response from " + server.base()
                        + PriceSampleServer.awsOfferPath("AmazonEC2", "us-west-2") + " is not valid JSON"),
                err());
        assertEquals(List.of(), PriceTestFiles.names(dir));
    }

    @Test
    void refreshThatLosesARegionIsRefused() throws IOException {
        PriceTestFiles.copyBundled(Cloud.AZURE, dir);
        Map<Path, byte[]> before = PriceTestFiles.contents(dir);
        server.wireMock()
                .stubFor(
                        get(urlPathEqualTo("/api/retail/prices"))
                                .atPriority(1)
                                .withQueryParam(
                                        "$filter",
                                        matching(PriceSampleServer.azureFilter("Virtual Machines", "westus2")))
                                .willReturn(
                                        okJson(
                                                "{\"BillingCurrency\": \"USD\", \"CustomerEntityId\": \"Default\", "
                                                        + "\"CustomerEntityType\": \"Retail\", \"Items\": [], \"NextPageLink\": null, \"Count\": 0}")));

        assertEquals(1, run(ENV, "--cloud", "azure"));

        assertEquals("azure: the refreshed data has no VM prices in westus2", err().strip());
        assertUnchanged(before);
    }

    @Test
    void unreachableEndpointSaysSoInOneLine() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        assertEquals(1, run(ENV, "--cloud", "aws", "--aws-url", "http://127.0.0.1:" + port));

        assertEquals("aws: cannot reach 127.0.0.1:" + port + " (connection refused); are you online?", err().strip());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(
                2, new PriceUpdater(ENV, CLOCK).execute(new String[] {"--colud", "aws"}, print(stdout), print(stderr)));
        assertTrue(err().startsWith("PriceUpdater: unknown option --colud"), err());
        stderr.reset();
        assertEquals(
                2, new PriceUpdater(ENV, CLOCK).execute(new String[] {"--cloud=mars"}, print(stdout), print(stderr)));
        assertTrue(err().startsWith("PriceUpdater: --cloud is aws, azure, gcp or all, not 'mars'"), err());
        stderr.reset();
        assertEquals(
                2,
                new PriceUpdater(ENV, CLOCK)
                        .execute(new String[] {"--aws-url", "ftp://x"}, print(stdout), print(stderr)));
        assertEquals(0, new PriceUpdater(ENV, CLOCK).execute(new String[] {"--help"}, print(stdout), print(stderr)));
        assertTrue(out().contains("--gcp-api-key-env"), out());
    }

    private int run(UnaryOperator<String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.toString()));
        for (String option : List.of("--aws-url", "--azure-url", "--gcp-url")) {
            if (!all.contains(option)) {
                all.addAll(List.of(option, server.base()));
            }
        }
        return new PriceUpdater(env, CLOCK).execute(all.toArray(String[]::new), print(stdout), print(stderr));
    }

    private void assertUnchanged(Map<Path, byte[]> before) throws IOException {
        Map<Path, byte[]> after = PriceTestFiles.contents(dir);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path.toString()));
        assertEquals(
                before.keySet().stream().map(p -> p.getName(0).toString()).collect(Collectors.toSet()),
                Set.copyOf(PriceTestFiles.names(dir)),
                "no staging folder is left behind");
    }

    private JsonNode written(String file) throws IOException {
        return PriceSnapshots.JSON.readTree(dir.resolve(file));
    }

    private static double rate(JsonNode skus, String description) {
        JsonNode price = skus.path("skus")
                .valueStream()
                .filter(s -> s.path("description").asString().equals(description))
                .findFirst()
                .orElseThrow()
                .path("pricingInfo")
                .get(0)
                .path("pricingExpression")
                .path("tieredRates")
                .get(0)
                .path("unitPrice");
        return Long.parseLong(price.path("units").asString())
                + price.path("nanos").asLong() / 1e9;
    }

    private static double r4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
