package io.sirsi.mcp.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * WireMock on loopback replaying saved price-list samples ({@code src/test/resources/prices/}) as the three
 * providers serve them: AWS region indexes and offer files, Azure Retail Prices pages by {@code $filter}
 * with a second page behind {@code NextPageLink}, and Cloud Billing Catalog pages by {@code pageToken},
 * which answer 403 without the right API key.
 */
final class PriceSampleServer implements AutoCloseable {
    static final String API_KEY = "AIzaSyD-sirsi-test-key-7c1e";
    static final String KEY_ENV = "SIRSI_GCP_BILLING_API_KEY";
    static final String AWS_VERSION = "20261201000000";
    static final List<String> AWS_SERVICES = List.of("AmazonEC2", "AmazonRDS", "AmazonS3");
    static final List<String> AWS_REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
    static final List<String> AZURE_REGIONS = List.of("eastus", "westus2", "westeurope");
    static final Map<String, String> AZURE_SERVICES = Map.of(
            "virtual-machines", "Virtual Machines",
            "postgresql", "Azure Database for PostgreSQL",
            "mysql", "Azure Database for MySQL",
            "sql-database", "SQL Database",
            "storage", "Storage");
    static final Map<String, String> GCP_SERVICES = Map.of(
            "compute-engine", "6F81-5844-456A", "cloud-sql", "9662-B51E-5089", "cloud-storage", "95FF-2EF5-5EA1");

    private final WireMockServer wm =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    PriceSampleServer() {
        wm.start();
        aws();
        azure();
        gcp();
    }

    String base() {
        return wm.baseUrl();
    }

    WireMockServer wireMock() {
        return wm;
    }

    /** A sample, as text. */
    static String sample(String path) {
        return new String(PriceTestFiles.resource("/prices/" + path), StandardCharsets.UTF_8);
    }

    static boolean hasSample(String path) {
        return PriceSampleServer.class.getResource("/prices/" + path) != null;
    }

    static String awsOfferPath(String service, String region) {
        return "/offers/v1.0/aws/" + service + "/" + AWS_VERSION + "/" + region + "/index.json";
    }

    private void aws() {
        for (String service : AWS_SERVICES) {
            wm.stubFor(get(urlPathEqualTo("/offers/v1.0/aws/" + service + "/current/region_index.json"))
                    .willReturn(okJson(sample("aws/" + service + "-region_index.json"))));
            for (String region : AWS_REGIONS) {
                wm.stubFor(get(urlPathEqualTo(awsOfferPath(service, region)))
                        .willReturn(okJson(sample("aws/" + service + "-" + region + ".json"))));
            }
        }
    }

    /** The {@code $filter} the updater sends for a service in a region, as a pattern. */
    static String azureFilter(String service, String region) {
        return ".*" + Pattern.quote("serviceName eq '" + service + "' and armRegionName eq '" + region + "'") + ".*";
    }

    private void azure() {
        AZURE_SERVICES.forEach((slug, service) -> {
            for (String region : List.of("eastus", "westus2", "westeurope", "Global")) {
                String first = "azure/" + slug + "-" + region + "-1.json";
                if (!hasSample(first)) {
                    continue;
                }
                String body = sample(first);
                String second = "azure/" + slug + "-" + region + "-2.json";
                if (hasSample(second)) {
                    String next = base() + "/api/retail/prices?api-version=2023-01-01-preview&$filter="
                            + URLEncoder.encode(
                                            "serviceName eq '" + service + "' and armRegionName eq '" + region + "'",
                                            StandardCharsets.UTF_8)
                                    .replace("+", "%20")
                            + "&$skip=1000";
                    body = body.replace("\"NEXT_PAGE_LINK\"", "\"" + next + "\"");
                    wm.stubFor(get(urlPathEqualTo("/api/retail/prices"))
                            .withQueryParam("$filter", matching(azureFilter(service, region)))
                            .withQueryParam("$skip", equalTo("1000"))
                            .willReturn(okJson(sample(second))));
                }
                wm.stubFor(get(urlPathEqualTo("/api/retail/prices"))
                        .withQueryParam("$filter", matching(azureFilter(service, region)))
                        .withQueryParam("$skip", absent())
                        .willReturn(okJson(body)));
            }
        });
    }

    private void gcp() {
        wm.stubFor(get(urlPathMatching("/v1/services/.*/skus"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\": {\"code\": 403, \"message\": \"The request is missing a valid API key.\","
                                        + " \"status\": \"PERMISSION_DENIED\"}}")));
        GCP_SERVICES.forEach((slug, id) -> {
            String path = "/v1/services/" + id + "/skus";
            String first = sample("gcp/" + slug + "-1.json");
            wm.stubFor(get(urlPathEqualTo(path))
                    .atPriority(2)
                    .withHeader("X-Goog-Api-Key", equalTo(API_KEY))
                    .withQueryParam("pageToken", absent())
                    .willReturn(okJson(first)));
            if (hasSample("gcp/" + slug + "-2.json")) {
                String token = PriceSnapshots.JSON
                        .readTree(first)
                        .path("nextPageToken")
                        .asString();
                wm.stubFor(get(urlPathEqualTo(path))
                        .atPriority(2)
                        .withHeader("X-Goog-Api-Key", equalTo(API_KEY))
                        .withQueryParam("pageToken", equalTo(token))
                        .willReturn(okJson(sample("gcp/" + slug + "-2.json"))));
            }
        });
    }

    @Override
    public void close() {
        wm.stop();
    }
}
