package io.sirsi.mcp.reporting;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A built migration report: its id (stable for the same content), title, headline figures, the
 * executive summary and where it came from ({@code sampling} or {@code template}), and the documents
 * in the formats asked for. The PDF is bytes; the others are text.
 */
public record Report(
        String id,
        String title,
        Figures figures,
        String summary,
        String summarySource,
        Optional<String> html,
        Optional<String> markdown,
        Optional<byte[]> pdf) {
    /** Requires every field. */
    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(summarySource, "summarySource");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(pdf, "pdf");
    }

    /** The document in {@code format} as bytes (UTF-8 for text), if it was built. */
    public Optional<byte[]> bytes(Format format) {
        return switch (format) {
            case HTML -> html.map(s -> s.getBytes(StandardCharsets.UTF_8));
            case MARKDOWN -> markdown.map(s -> s.getBytes(StandardCharsets.UTF_8));
            case PDF -> pdf;
        };
    }

    /** The URI of the document in {@code format}: {@code report://ID/report.html} and so on. */
    public String uri(Format format) {
        return uri(id, format);
    }

    /** The URI of a report's document. */
    public static String uri(String id, Format format) {
        return "report://" + id + "/" + format.fileName();
    }
}
