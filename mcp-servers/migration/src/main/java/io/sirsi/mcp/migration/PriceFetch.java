package io.sirsi.mcp.migration;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What the per-cloud fetchers of {@link PriceUpdater} share: their inputs, and the files they produce. */
final class PriceFetch {
    private static final ObjectWriter PRETTY = PriceSnapshots.JSON.writerWithDefaultPrettyPrinter();

    private PriceFetch() {}

    /**
     * A fetcher's inputs: where to fetch from, what the bundled snapshot keeps (its regions and sizes, which a
     * refresh keeps too), the new date, where progress goes, and the environment (for API keys).
     */
    record Context(
            PriceHttp http,
            String base,
            PriceSnapshot bundled,
            PriceTable kept,
            LocalDate asOf,
            PrintStream out,
            UnaryOperator<String> env,
            String apiKeyEnv) {}

    /** The files of a refreshed snapshot, in the providers' shapes, and the manifest entries naming them. */
    static final class Result {
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final List<PriceSnapshot.Entry> entries = new ArrayList<>();

        void add(String file, JsonNode content, PriceSnapshot.Entry entry) {
            add(file, PRETTY.writeValueAsBytes(content), entry);
        }

        void add(String file, byte[] content, PriceSnapshot.Entry entry) {
            files.put(file, content);
            entries.add(entry);
        }

        /** Carries a file over unchanged from {@code snapshot}, with its own source and date. */
        void carry(PriceSnapshot snapshot, String format) {
            for (PriceSnapshot.Entry entry : snapshot.entries(format)) {
                add(entry.file(), snapshot.bytes(entry), entry);
            }
        }

        /** Every file, the manifest last. */
        Map<String, byte[]> files(Cloud cloud, LocalDate asOf, String note) {
            ObjectNode manifest = PriceSnapshots.JSON.createObjectNode();
            manifest.put("cloud", cloud.id());
            manifest.put("asOf", asOf.toString());
            manifest.put("note", note);
            ArrayNode list = manifest.putArray("files");
            for (PriceSnapshot.Entry e : entries) {
                list.addObject()
                        .put("file", e.file())
                        .put("format", e.format())
                        .put("name", e.name())
                        .put("url", e.url())
                        .put("asOf", e.asOf().toString());
            }
            Map<String, byte[]> all = new LinkedHashMap<>(files);
            all.put(PriceSnapshot.MANIFEST, PRETTY.writeValueAsBytes(manifest));
            return all;
        }

        long bytes() {
            return files.values().stream().mapToLong(b -> b.length).sum();
        }

        int size() {
            return files.size();
        }
    }
}
