package io.sirsi.mcp.reporting;

import java.util.List;
import java.util.Objects;

/**
 * One piece of a report section, written the same way to HTML, XHTML (for the PDF) and Markdown.
 * Blocks hold raw text; the writers escape it.
 */
sealed interface Block {
    /** A paragraph. */
    record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A small note under a table or diagram. */
    record Note(String text) implements Block {
        public Note {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A heading inside a section ({@code level} 3 or 4). */
    record Heading(int level, String text) implements Block {
        public Heading {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Key figures shown side by side: each a label and its value. */
    record Highlights(List<Highlight> items) implements Block {
        public Highlights {
            items = List.copyOf(items);
        }
    }

    /** One key figure. */
    record Highlight(String label, String value) {
        public Highlight {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A bulleted list. */
    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * A table. {@code rowTags} names a style for each row (a severity, a readiness), or is empty;
     * {@code numeric} marks the columns aligned right.
     */
    record Table(List<String> header, List<List<String>> rows, List<String> rowTags, List<Boolean> numeric)
            implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            rowTags = List.copyOf(rowTags);
            numeric = List.copyOf(numeric);
            if (numeric.size() != header.size()) {
                throw new IllegalArgumentException("numeric names every column");
            }
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException(
                            "a row has " + row.size() + " cells, the header " + header.size());
                }
            }
        }
    }

    /** A Mermaid diagram with its caption. */
    record Diagram(String caption, String mermaid) implements Block {
        public Diagram {
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(mermaid, "mermaid");
        }
    }

    /** A bar chart, drawn as SVG (a table of its figures in Markdown). */
    record Chart(BarChart chart) implements Block {
        public Chart {
            Objects.requireNonNull(chart, "chart");
        }
    }
}
