package io.sirsi.mcp.migration;

import java.io.InputStream;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refreshes the AWS snapshot from the Price List API: each service's {@code region_index.json} names the
 * current offer file of each region, and each offer file (hundreds of megabytes for EC2) is read as a stream,
 * keeping only the products the snapshot keeps and their terms.
 */
final class PriceFetchAws {
    static final String DEFAULT_BASE = "https://pricing.us-east-1.amazonaws.com";
    private static final List<String> SERVICES = List.of("AmazonEC2", "AmazonRDS", "AmazonS3");

    /** Reads one value at a time out of a stream, which is not the end of the document. */
    private static final JsonMapper STREAM = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PriceFetchAws() {}

    static PriceFetch.Result fetch(PriceFetch.Context c) {
        Set<String> compute =
                names(c.kept().computeSkus.stream().map(ComputeSku::name).toList());
        Set<String> databases =
                names(c.kept().databaseSkus.stream().map(DatabaseSku::name).toList());
        PriceFetch.Result result = new PriceFetch.Result();
        for (String service : SERVICES) {
            String current = c.base() + "/offers/v1.0/aws/" + service + "/current/";
            JsonNode index = c.http().json(URI.create(current + "region_index.json"), Map.of());
            for (String region : c.kept().regions) {
                String where = service + " " + region;
                JsonNode entry = index.path("regions").path(region);
                String path = PriceFile.optionalText(entry, "currentVersionUrl")
                        .orElseThrow(() ->
                                new MigrationException(service + "'s region index has no offer file for " + region));
                URI offer = URI.create(c.base()).resolve(path);
                int[] counts = new int[2];
                Predicate<JsonNode> keep = keeps(service, region, compute, databases);
                ObjectNode kept = c.http().get(offer, Map.of(), body -> filter(body, keep, counts, where));
                c.out().printf("aws: %s: %,d products read, %,d kept%n", where, counts[0], counts[1]);
                String file = service + "-" + region + ".json";
                result.add(
                        file,
                        kept,
                        new PriceSnapshot.Entry(
                                file,
                                PriceListAws.FORMAT,
                                "AWS Price List API: " + service + " offer, " + region,
                                current + region + "/index.json",
                                c.asOf()));
            }
        }
        // sizes come from DescribeInstanceTypes, which needs an AWS account: kept as bundled
        result.carry(c.bundled(), PriceListAws.INSTANCE_TYPES);
        return result;
    }

    /** Which products of {@code service}'s offer file for {@code region} the snapshot keeps. */
    private static Predicate<JsonNode> keeps(
            String service, String region, Set<String> compute, Set<String> databases) {
        return product -> {
            Optional<PriceListAws.Product> recognized = PriceListAws.recognize(product);
            if (recognized.isEmpty() || !recognized.get().region().equals(region)) {
                return false;
            }
            PriceListAws.Product p = recognized.get();
            return switch (p.kind()) {
                case COMPUTE -> service.equals("AmazonEC2") && compute.contains(lower(p.name()));
                case BLOCK -> service.equals("AmazonEC2");
                case DATABASE -> service.equals("AmazonRDS") && databases.contains(lower(p.name()));
                case OBJECT -> service.equals("AmazonS3");
            };
        };
    }

    /**
     * The offer file in {@code body} with only the products {@code keep} accepts, their OnDemand terms and
     * their preferred reserved terms. Products come before terms in AWS's files, which lets one pass do it.
     */
    static ObjectNode filter(InputStream body, Predicate<JsonNode> keep, int[] counts, String where) {
        ObjectNode out = PriceSnapshots.JSON.createObjectNode();
        Set<String> skus = new HashSet<>();
        try (JsonParser p = STREAM.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MigrationException(where + ": the offer file is not a JSON object");
            }
            boolean seenProducts = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("products") && value == JsonToken.START_OBJECT) {
                    seenProducts = true;
                    ObjectNode products = out.putObject("products");
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String sku = p.currentName();
                        p.nextToken();
                        JsonNode product = STREAM.readTree(p);
                        counts[0]++;
                        if (keep.test(product)) {
                            products.set(sku, product);
                            skus.add(sku);
                            counts[1]++;
                        }
                    }
                } else if (field.equals("terms") && value == JsonToken.START_OBJECT) {
                    if (!seenProducts) {
                        throw new MigrationException(where + ": the offer file lists terms before products");
                    }
                    terms(p, out.putObject("terms"), skus);
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    out.set(field, STREAM.readTree(p));
                }
            }
        }
        if (!out.has("products") || !out.has("terms")) {
            throw new MigrationException(where + ": the offer file has no products or no terms");
        }
        return out;
    }

    private static void terms(JsonParser p, ObjectNode terms, Set<String> skus) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String type = p.currentName();
            p.nextToken();
            ObjectNode kept = terms.putObject(type);
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String sku = p.currentName();
                p.nextToken();
                JsonNode ofSku = STREAM.readTree(p);
                if (!skus.contains(sku)) {
                    continue;
                }
                if (type.equals("Reserved")) {
                    ObjectNode preferred = PriceSnapshots.JSON.createObjectNode();
                    for (int years : new int[] {1, 3}) {
                        PriceListAws.preferredReserved(ofSku, years)
                                .ifPresent(t -> preferred.set(t.getKey(), t.getValue()));
                    }
                    if (!preferred.isEmpty()) {
                        kept.set(sku, preferred);
                    }
                } else {
                    kept.set(sku, ofSku);
                }
            }
        }
    }

    private static Set<String> names(List<String> names) {
        return new HashSet<>(names.stream().map(PriceFetchAws::lower).toList());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
