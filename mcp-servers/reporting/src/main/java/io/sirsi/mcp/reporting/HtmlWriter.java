package io.sirsi.mcp.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a report as HTML. The browser form is self-contained: the CSS and the Mermaid library are
 * inline, the charts are inline SVG, and a Content Security Policy lets only its own two scripts run
 * and nothing load. The print form is well-formed XHTML for Open HTML to PDF: no script, each
 * diagram's Mermaid source in a preformatted block instead.
 */
final class HtmlWriter {
    private static final String INIT = "mermaid.initialize({startOnLoad:true, securityLevel:'strict', "
            + "theme:'default', deterministicIds:true, maxTextSize:2000000, maxEdges:10000, flowchart:{useMaxWidth:true}});";
    private static final String CSS = resource("report.css");
    private static final String SCREEN_CSS = resource("report-screen.css");
    private static final String PRINT_CSS = resource("report-print.css");

    private HtmlWriter() {}

    /** The HTML report, for a browser. */
    static String browser(ReportContent content, List<Section> sections) {
        StringBuilder out = new StringBuilder(MermaidScript.text().length() + 256 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src '")
                .append(MermaidScript.hash())
                .append("' '")
                .append(MermaidScript.hashOf(INIT))
                .append("'; style-src 'unsafe-inline'; img-src data:; font-src data:\"/>\n");
        head(out, content, CSS + SCREEN_CSS);
        body(out, content, sections, false);
        out.append("<script>").append(MermaidScript.text()).append("</script>\n");
        out.append("<script>").append(INIT).append("</script>\n");
        return out.append("</body>\n</html>\n").toString();
    }

    /** The report as XHTML for the PDF renderer. */
    static String print(ReportContent content, List<Section> sections) {
        StringBuilder out = new StringBuilder(256 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        out.append("<meta name=\"subject\" content=\"")
                .append(Escape.html(content.label()))
                .append("\"/>\n");
        out.append("<meta name=\"author\" content=\"Sirsi reporting agent\"/>\n");
        head(out, content, CSS + PRINT_CSS);
        body(out, content, sections, true);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void head(StringBuilder out, ReportContent content, String css) {
        out.append("<meta name=\"generator\" content=\"Sirsi reporting agent ")
                .append(Main.VERSION)
                .append("\"/>\n");
        out.append("<title>").append(Escape.html(content.title())).append("</title>\n");
        out.append("<style>\n").append(css).append("</style>\n</head>\n");
    }

    private static void body(StringBuilder out, ReportContent c, List<Section> sections, boolean print) {
        Figures f = c.figures();
        out.append("<body>\n<div class=\"page\">\n<header class=\"cover\">\n");
        out.append("<p class=\"kicker\">Sirsi migration report</p>\n");
        out.append("<h1>").append(Escape.html(c.title())).append("</h1>\n");
        out.append("<p class=\"meta\">").append(Escape.html(subtitle(c))).append("</p>\n</header>\n");
        out.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
        for (Section s : sections) {
            out.append("<li><a href=\"#").append(s.id()).append("\">").append(Escape.html(s.title()));
            out.append("</a></li>\n");
        }
        out.append("</ol>\n</nav>\n<main>\n");
        int n = 1;
        for (Section s : sections) {
            out.append("<section id=\"")
                    .append(s.id())
                    .append("\">\n<h2><span class=\"num\">")
                    .append(n++);
            out.append("</span> ").append(Escape.html(s.title())).append("</h2>\n");
            for (Block b : s.blocks()) {
                block(out, b, print);
            }
            out.append("</section>\n");
        }
        out.append("</main>\n<footer>Written by the Sirsi reporting agent ").append(Main.VERSION);
        out.append(" for ").append(Escape.html(f.estate())).append(". Figures from the migration agent's plan and ");
        out.append("the security agent's checks; prices from the public price lists named in the cost section.");
        out.append("</footer>\n</div>\n");
    }

    /** The line under the title: estate, clouds, region, dates. */
    static String subtitle(ReportContent c) {
        String prices = c.plan().cost().sources().stream()
                .map(s -> s.asOf().toString())
                .sorted()
                .reduce((a, b) -> b)
                .map(d -> "; prices as of " + d)
                .orElse("");
        return c.label() + ": " + c.plan().source().displayName() + " to "
                + c.plan().target().displayName() + " (" + c.plan().region() + "); inventory collected "
                + c.inventory().collectedAt() + prices;
    }

    private static void block(StringBuilder out, Block block, boolean print) {
        switch (block) {
            case Block.Paragraph p ->
                out.append("<p>").append(Escape.html(p.text())).append("</p>\n");
            case Block.Note p ->
                out.append("<p class=\"note\">").append(Escape.html(p.text())).append("</p>\n");
            case Block.Heading h -> {
                String tag = "h" + Math.max(3, Math.min(4, h.level()));
                out.append('<').append(tag).append('>').append(Escape.html(h.text()));
                out.append("</").append(tag).append(">\n");
            }
            case Block.Highlights h -> {
                out.append("<div class=\"highlights\">");
                for (Block.Highlight x : h.items()) {
                    out.append("<div class=\"highlight\"><div class=\"value\">").append(Escape.html(x.value()));
                    out.append("</div><div class=\"label\">")
                            .append(Escape.html(x.label()))
                            .append("</div></div>");
                }
                out.append("</div>\n");
            }
            case Block.Bullets b -> {
                out.append("<ul>\n");
                b.items().forEach(i -> out.append("<li>").append(Escape.html(i)).append("</li>\n"));
                out.append("</ul>\n");
            }
            case Block.Table t -> table(out, t);
            case Block.Diagram d -> {
                out.append("<div class=\"diagram\">\n<p class=\"caption\">").append(Escape.html(d.caption()));
                out.append("</p>\n");
                if (print) {
                    out.append("<p class=\"note\">The HTML report draws this diagram; here is its Mermaid source.</p>");
                    out.append("\n<pre class=\"mermaid-source\">")
                            .append(Escape.html(d.mermaid()))
                            .append("</pre>\n");
                } else {
                    out.append("<pre class=\"mermaid\">\n")
                            .append(Escape.html(d.mermaid()))
                            .append("</pre>\n");
                }
                out.append("</div>\n");
            }
            case Block.Chart c ->
                out.append("<div class=\"chart-box\">")
                        .append(c.chart().svg(print))
                        .append("</div>\n");
        }
    }

    private static void table(StringBuilder out, Block.Table t) {
        out.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            out.append(t.numeric().get(i) ? "<th class=\"num\">" : "<th>");
            out.append(Escape.html(t.header().get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            String tag = r < t.rowTags().size() ? t.rowTags().get(r) : "";
            out.append(tag.isEmpty() ? "<tr>" : "<tr class=\"" + Escape.html(tag) + "\">");
            List<String> row = t.rows().get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(t.numeric().get(i) ? "<td class=\"num\">" : "<td>");
                out.append(Escape.html(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
