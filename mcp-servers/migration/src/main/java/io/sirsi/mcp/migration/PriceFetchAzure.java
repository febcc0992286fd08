package io.sirsi.mcp.migration;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refreshes the Azure snapshot from the Retail Prices API: one query per service and region, following
 * {@code NextPageLink} to the last page, keeping the meters the snapshot keeps. VM sizes (the Resource SKUs
 * file) need a subscription to read, so they are carried over from the bundle.
 */
final class PriceFetchAzure {
    static final String DEFAULT_BASE = "https://prices.azure.com";
    private static final String API_VERSION = "2023-01-01-preview";
    private static final int MAX_PAGES = 1000;

    /** A snapshot file: the service it holds, and an extra clause narrowing the query. */
    private record Service(String file, String name, String narrow) {}

    private static final List<Service> SERVICES = List.of(
            new Service("retail-virtual-machines.json", "Virtual Machines", ""),
            new Service("retail-postgresql.json", "Azure Database for PostgreSQL", ""),
            new Service("retail-mysql.json", "Azure Database for MySQL", ""),
            new Service("retail-sql-database.json", "SQL Database", ""),
            new Service(
                    "retail-storage.json",
                    "Storage",
                    " and (productName eq 'Azure Premium SSD v2' or productName eq 'General Block Blob v2')"));

    private PriceFetchAzure() {}

    static PriceFetch.Result fetch(PriceFetch.Context c) {
        Set<String> sizes = new HashSet<>();
        c.kept().computeSkus.forEach(s -> sizes.add(lower(s.name())));
        c.kept().databaseSkus.forEach(s -> sizes.add(lower(s.name())));
        Set<String> regions = new HashSet<>(c.kept().regions);
        PriceFetch.Result result = new PriceFetch.Result();
        for (Service service : SERVICES) {
            ArrayNode items = PriceSnapshots.JSON.createArrayNode();
            List<String> scopes = new ArrayList<>(c.kept().regions);
            if (service.name().equals("SQL Database")) {
                scopes.add("Global"); // the SQL licence meter is priced once for every region
            }
            for (String region : scopes) {
                String filter = "serviceName eq '" + service.name() + "' and armRegionName eq '" + region + "'"
                        + (region.equals("Global")
                                ? " and productName eq '" + PriceListAzure.SQL_LICENSE + "'"
                                : service.narrow());
                URI next = URI.create(c.base() + "/api/retail/prices?api-version=" + API_VERSION + "&$filter="
                        + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
                int pages = 0;
                int read = 0;
                int kept = 0;
                while (next != null) {
                    if (++pages > MAX_PAGES) {
                        throw new MigrationException(service.name() + " " + region + ": more than " + MAX_PAGES
                                + " pages; NextPageLink does not end");
                    }
                    JsonNode page = c.http().json(next, Map.of());
                    JsonNode pageItems = page.path("Items");
                    if (!pageItems.isArray()) {
                        throw new MigrationException(service.name() + " " + region + ": a page from "
                                + PriceHttp.strip(next) + " has no Items");
                    }
                    for (JsonNode item : pageItems.values()) {
                        read++;
                        if (keep(item, sizes, regions)) {
                            items.add(item);
                            kept++;
                        }
                    }
                    next = PriceFile.optionalText(page, "NextPageLink")
                            .map(URI::create)
                            .orElse(null);
                }
                c.out()
                        .printf(
                                "azure: %s %s: %d page%s, %,d item%s read, %,d kept%n",
                                service.name(), region, pages, pages == 1 ? "" : "s", read, read == 1 ? "" : "s", kept);
            }
            ObjectNode page = PriceSnapshots.JSON.createObjectNode();
            page.put("BillingCurrency", "USD");
            page.put("CustomerEntityId", "Default");
            page.put("CustomerEntityType", "Retail");
            page.set("Items", items);
            page.putNull("NextPageLink");
            page.put("Count", items.size());
            result.add(
                    service.file(),
                    page,
                    new PriceSnapshot.Entry(
                            service.file(),
                            PriceListAzure.RETAIL,
                            "Azure Retail Prices API: " + service.name(),
                            c.base() + "/api/retail/prices?$filter="
                                    + URLEncoder.encode(
                                                    "serviceName eq '" + service.name() + "'", StandardCharsets.UTF_8)
                                            .replace("+", "%20"),
                            c.asOf()));
        }
        result.carry(c.bundled(), PriceListAzure.RESOURCE_SKUS);
        return result;
    }

    private static boolean keep(JsonNode item, Set<String> sizes, Set<String> regions) {
        Optional<PriceListAzure.Meter> meter = PriceListAzure.recognize(item);
        if (meter.isEmpty()) {
            return false;
        }
        PriceListAzure.Meter m = meter.get();
        boolean where = regions.contains(m.region()) || m.kind() == PriceListAzure.Kind.SQL_LICENSE;
        return where && (m.name().isEmpty() || sizes.contains(lower(m.name())));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
