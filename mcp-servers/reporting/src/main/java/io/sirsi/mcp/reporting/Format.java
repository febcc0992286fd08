package io.sirsi.mcp.reporting;

import java.util.Arrays;
import java.util.Locale;

/** A form a report is written in: the file it becomes and its media type. */
public enum Format {
    /** Self-contained HTML: inline CSS, the Mermaid library inlined, SVG charts; no network to view it. */
    HTML("html", "report.html", "text/html"),
    /** Markdown, with Mermaid diagrams in fenced blocks and the charts' figures as tables. */
    MARKDOWN("markdown", "report.md", "text/markdown"),
    /** PDF through Open HTML to PDF; diagrams appear as their Mermaid source. */
    PDF("pdf", "report.pdf", "application/pdf");

    private final String id;
    private final String fileName;
    private final String mimeType;

    Format(String id, String fileName, String mimeType) {
        this.id = id;
        this.fileName = fileName;
        this.mimeType = mimeType;
    }

    /** The name used in tool arguments. */
    public String id() {
        return id;
    }

    /** The file name in the report's URIs ({@code report://ID/report.html}). */
    public String fileName() {
        return fileName;
    }

    /** The media type of the resource. */
    public String mimeType() {
        return mimeType;
    }

    /**
     * The format named {@code text}.
     *
     * @throws ReportException naming the formats there are
     */
    public static Format of(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.id.equals(wanted) || (f == MARKDOWN && wanted.equals("md")))
                .findFirst()
                .orElseThrow(() -> new ReportException("Unknown format '" + text + "'; use html, markdown or pdf"));
    }
}
