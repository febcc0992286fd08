package io.sirsi.mcp.reporting;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.Catalog;
import io.sirsi.mcp.kit.KitResource;
import io.sirsi.mcp.kit.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reports a server keeps, newest last, at most {@code capacity}: each is an MCP resource per
 * format ({@code report://ID/report.html}, {@code .md}, {@code .pdf}), added to the catalog when it
 * is kept, which tells clients through list_changed. Documents are held as UTF-8 bytes. A dropped
 * report's URIs are taken off the list (list_changed again), and reading one answers "resource not
 * found" with a message saying why.
 */
final class ReportShelf {
    /** The URI of the list of kept reports. */
    static final String INDEX = "report://index";

    /** A kept report: what the tool returned, and its documents. */
    record Kept(Report report, Map<Format, byte[]> documents) {
        Kept {
            Objects.requireNonNull(report, "report");
            documents = Map.copyOf(documents);
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>();
    private volatile Catalog catalog;

    ReportShelf(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is at least 1");
        }
        this.capacity = capacity;
    }

    /** Publishes kept reports in {@code catalog} from now on. */
    void publishTo(Catalog target) {
        this.catalog = Objects.requireNonNull(target, "catalog");
    }

    /** Keeps {@code report} (as the newest), drops the oldest beyond capacity, and lists its resources. */
    Kept keep(Report report) {
        Map<Format, byte[]> documents = new EnumMap<>(Format.class);
        for (Format f : Format.values()) {
            report.bytes(f).ifPresent(b -> documents.put(f, b));
        }
        // The documents are kept once, as bytes; the report itself is kept without them.
        Report light = new Report(
                report.id(),
                report.title(),
                report.figures(),
                report.summary(),
                report.summarySource(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Kept k = new Kept(light, documents);
        List<Kept> dropped = new ArrayList<>();
        synchronized (kept) {
            kept.remove(report.id());
            kept.put(report.id(), k);
            Iterator<Kept> oldest = kept.values().iterator();
            while (kept.size() > capacity) {
                dropped.add(oldest.next());
                oldest.remove();
            }
        }
        Catalog c = catalog;
        if (c != null) {
            for (Kept d : dropped) {
                for (Format f : d.documents().keySet()) {
                    c.removeResource(d.report().uri(f));
                }
            }
            for (Format f : documents.keySet()) {
                c.putResource(resource(report, f, documents.get(f).length));
            }
        }
        return k;
    }

    /** A kept report by id. */
    Optional<Kept> get(String id) {
        synchronized (kept) {
            return Optional.ofNullable(kept.get(id));
        }
    }

    /** The kept reports, oldest first. */
    List<Kept> list() {
        synchronized (kept) {
            return new ArrayList<>(kept.values());
        }
    }

    /** The resource listing the kept reports, as JSON. */
    KitResource index() {
        return KitResource.text(INDEX, "Kept reports", "application/json", () -> {
            ObjectNode out = InventoryJson.MAPPER.createObjectNode().put("capacity", capacity);
            ArrayNode list = out.putArray("reports");
            list().forEach(k -> list.add(describe(k)));
            return InventoryJson.MAPPER.writeValueAsString(out);
        });
    }

    /** A kept report as the tools and the index describe it: id, title, figures, URIs and sizes. */
    static ObjectNode describe(Kept k) {
        Report r = k.report();
        ObjectNode out = InventoryJson.MAPPER
                .createObjectNode()
                .put("id", r.id())
                .put("title", r.title())
                .put("estate", r.figures().estate())
                .put("target", r.figures().target())
                .put("summarySource", r.summarySource());
        ObjectNode uris = out.putObject("uris");
        ObjectNode sizes = out.putObject("sizes");
        k.documents().keySet().stream().sorted().forEach(f -> {
            uris.put(f.id(), r.uri(f));
            sizes.put(f.id(), k.documents().get(f).length);
        });
        return out;
    }

    private KitResource resource(Report report, Format format, long size) {
        String uri = report.uri(format);
        var definition = McpSchema.Resource.builder(uri, report.id() + "/" + format.fileName())
                .title(report.title() + " (" + format.id() + ")")
                .description("The " + format.id() + " migration report on "
                        + report.figures().estate() + " to " + report.figures().target())
                .mimeType(format.mimeType())
                .size(size)
                .build();
        return new KitResource(definition, () -> read(report.id(), format, uri));
    }

    private McpSchema.ReadResourceResult read(String id, Format format, String uri) {
        Kept k = get(id).orElseThrow(() -> ProtocolException.of(
                ProtocolException.RESOURCE_NOT_FOUND,
                "Report " + id + " is no longer kept (the server keeps the last " + capacity + "); build it again"));
        byte[] bytes = k.documents().get(format);
        McpSchema.ResourceContents contents = format == Format.PDF
                ? McpSchema.BlobResourceContents.builder(
                                uri, Base64.getEncoder().encodeToString(bytes))
                        .mimeType(format.mimeType())
                        .build()
                : McpSchema.TextResourceContents.builder(uri, new String(bytes, StandardCharsets.UTF_8))
                        .mimeType(format.mimeType())
                        .build();
        return McpSchema.ReadResourceResult.builder(List.of(contents)).build();
    }
}
