package io.sirsi.mcp.reporting;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report as GitHub-flavoured Markdown: Mermaid diagrams in fenced {@code mermaid} blocks
 * (which GitHub and many editors draw), each chart as a table of its figures, and every text escaped
 * so that no name becomes HTML, a link or a table break.
 */
final class MarkdownWriter {
    private MarkdownWriter() {}

    static String write(ReportContent content, List<Section> sections) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("# ").append(Escape.markdown(content.title())).append("\n\n");
        out.append(Escape.markdown(HtmlWriter.subtitle(content))).append("\n\n");
        out.append("## Contents\n\n");
        int n = 1;
        for (Section s : sections) {
            out.append(n++).append(". ").append(Escape.markdown(s.title())).append('\n');
        }
        out.append('\n');
        n = 1;
        for (Section s : sections) {
            out.append("## ")
                    .append(n++)
                    .append(". ")
                    .append(Escape.markdown(s.title()))
                    .append("\n\n");
            for (Block b : s.blocks()) {
                block(out, b);
            }
        }
        out.append("---\n\n_Written by the Sirsi reporting agent ")
                .append(Main.VERSION)
                .append("._\n");
        return out.toString();
    }

    private static void block(StringBuilder out, Block block) {
        switch (block) {
            case Block.Paragraph p -> out.append(Escape.markdown(p.text())).append("\n\n");
            case Block.Note p ->
                out.append('_').append(Escape.markdown(p.text())).append("_\n\n");
            case Block.Heading h ->
                out.append(h.level() <= 3 ? "### " : "#### ")
                        .append(Escape.markdown(h.text()))
                        .append("\n\n");
            case Block.Highlights h -> {
                List<List<String>> rows = new ArrayList<>();
                h.items().forEach(x -> rows.add(List.of(x.label(), x.value())));
                table(out, new Block.Table(List.of("Figure", "Value"), rows, List.of(), List.of(false, true)));
            }
            case Block.Bullets b -> {
                b.items()
                        .forEach(
                                i -> out.append("- ").append(Escape.markdown(i)).append('\n'));
                out.append('\n');
            }
            case Block.Table t -> table(out, t);
            case Block.Diagram d -> {
                String fence = Escape.fence(d.mermaid());
                out.append("**").append(Escape.markdown(d.caption())).append("**\n\n");
                out.append(fence)
                        .append("mermaid\n")
                        .append(d.mermaid().stripTrailing())
                        .append('\n');
                out.append(fence).append("\n\n");
            }
            case Block.Chart c -> {
                BarChart chart = c.chart();
                out.append("**").append(Escape.markdown(chart.title())).append("**\n\n");
                List<List<String>> rows = chart.bars().stream()
                        .map(b -> List.of(b.label(), chart.format(b.value(), false)))
                        .toList();
                table(
                        out,
                        new Block.Table(
                                List.of(chart.categoryAxis(), chart.valueAxis()),
                                rows,
                                List.of(),
                                List.of(false, true)));
            }
        }
    }

    private static void table(StringBuilder out, Block.Table t) {
        out.append('|');
        t.header().forEach(h -> out.append(' ').append(Escape.markdown(h)).append(" |"));
        out.append("\n|");
        t.numeric().forEach(right -> out.append(right ? " ---: |" : " --- |"));
        out.append('\n');
        for (List<String> row : t.rows()) {
            out.append('|');
            row.forEach(cell -> out.append(' ').append(Escape.markdown(cell)).append(" |"));
            out.append('\n');
        }
        out.append('\n');
    }
}
