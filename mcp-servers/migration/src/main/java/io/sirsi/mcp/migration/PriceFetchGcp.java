package io.sirsi.mcp.migration;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refreshes the Google Cloud snapshot from the Cloud Billing Catalog API ({@code services.skus.list}, paged by
 * {@code nextPageToken}), which needs an API key: it is read from the environment and sent in the {@code
 * X-Goog-Api-Key} header, never in a URL and never printed. Machine types and Cloud SQL tiers need a project
 * to read, so they are carried over from the bundle.
 */
final class PriceFetchGcp {
    static final String DEFAULT_BASE = "https://cloudbilling.googleapis.com";
    static final String DEFAULT_KEY_ENV = "SIRSI_GCP_BILLING_API_KEY";
    private static final int MAX_PAGES = 1000;

    private record Service(String file, String id, String name) {}

    private static final List<Service> SERVICES = List.of(
            new Service("catalog-compute-engine.json", "6F81-5844-456A", "Compute Engine"),
            new Service("catalog-cloud-sql.json", "9662-B51E-5089", "Cloud SQL"),
            new Service("catalog-cloud-storage.json", "95FF-2EF5-5EA1", "Cloud Storage"));

    private PriceFetchGcp() {}

    static PriceFetch.Result fetch(PriceFetch.Context c) {
        String key = Optional.ofNullable(c.env().apply(c.apiKeyEnv()))
                .filter(k -> !k.isBlank())
                .orElseThrow(() -> new MigrationException("the Cloud Billing Catalog API needs an API key: set "
                        + c.apiKeyEnv() + " (or name another variable with --gcp-api-key-env)"));
        Set<String> families = new HashSet<>();
        c.kept()
                .computeSkus
                .forEach(s -> families.add(
                        s.name().substring(0, s.name().indexOf('-')).toUpperCase(Locale.ROOT)));
        Set<String> regions = new HashSet<>(c.kept().regions);
        PriceFetch.Result result = new PriceFetch.Result();
        for (Service service : SERVICES) {
            ArrayNode skus = PriceSnapshots.JSON.createArrayNode();
            Map<String, Integer> perRegion = new TreeMap<>();
            String token = "";
            int pages = 0;
            int read = 0;
            do {
                if (++pages > MAX_PAGES) {
                    throw new MigrationException(
                            service.name() + ": more than " + MAX_PAGES + " pages; nextPageToken does not end");
                }
                URI uri = URI.create(c.base() + "/v1/services/" + service.id() + "/skus?currencyCode=USD&pageSize=5000"
                        + (token.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
                JsonNode page = c.http().json(uri, Map.of("X-Goog-Api-Key", key));
                JsonNode pageSkus = page.path("skus");
                if (!pageSkus.isArray() && !page.path("nextPageToken").isString()) {
                    throw new MigrationException(
                            service.name() + ": a page from " + PriceHttp.strip(uri) + " has no skus");
                }
                for (JsonNode sku : pageSkus.values()) {
                    read++;
                    Optional<PriceListGcp.Rate> rate = PriceListGcp.recognize(sku);
                    if (rate.isPresent() && wanted(rate.get(), families, regions)) {
                        skus.add(sku);
                        rate.get().regions().stream()
                                .filter(regions::contains)
                                .forEach(r -> perRegion.merge(r, 1, Integer::sum));
                    }
                }
                token = PriceFile.optionalText(page, "nextPageToken").orElse("");
            } while (!token.isEmpty());
            c.out()
                    .printf(
                            "gcp: %s: %d page%s, %,d SKUs read, %,d kept %s%n",
                            service.name(), pages, pages == 1 ? "" : "s", read, skus.size(), perRegion);
            ObjectNode list = PriceSnapshots.JSON.createObjectNode();
            list.set("skus", skus);
            list.put("nextPageToken", "");
            result.add(
                    service.file(),
                    list,
                    new PriceSnapshot.Entry(
                            service.file(),
                            PriceListGcp.CATALOG,
                            "Cloud Billing Catalog API: " + service.name() + " SKUs (" + service.id() + ")",
                            c.base() + "/v1/services/" + service.id() + "/skus",
                            c.asOf()));
        }
        result.carry(c.bundled(), PriceListGcp.MACHINE_TYPES);
        result.carry(c.bundled(), PriceListGcp.SQL_TIERS);
        return result;
    }

    private static boolean wanted(PriceListGcp.Rate rate, Set<String> families, Set<String> regions) {
        boolean here = rate.regions().stream().anyMatch(regions::contains);
        boolean family =
                switch (rate.kind()) {
                    case CORE, RAM -> families.contains(rate.group().toUpperCase(Locale.ROOT));
                    default -> true;
                };
        return here && family;
    }
}
