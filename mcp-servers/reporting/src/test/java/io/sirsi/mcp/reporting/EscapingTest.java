package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.migration.Cloud;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names and tags from an inventory come out as text in every format: no markup of theirs survives. */
class EscapingTest {
    private static Report report;
    private static ReportContent content;

    @BeforeAll
    static void build() {
        content = Reports.assemble(
                ReportFixtures.hostile(), "hostile", Cloud.AZURE, Optional.empty(), Optional.empty(), Optional.empty());
        report = Reports.render(content, ExecutiveSummary.template(content), EnumSet.allOf(Format.class), step -> {});
    }

    @Test
    void theHtmlShowsTheNamesAsText() {
        String html = report.html().orElseThrow();
        String page = ReportFixtures.withoutScripts(html);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is there, escaped");
        assertFalse(page.contains("<script"), "no script element but the two of the report");
        assertEquals(2, DemoEstateReportTest.count(html, "<script>"));
        assertFalse(page.contains("<img"), "no image element from a tag");
        assertFalse(page.contains("<svg onload"));
        assertFalse(page.contains("onerror=\""), "no event handler attribute");
        assertFalse(page.contains("\u0001"), "no control character");
    }

    @Test
    void theMarkdownShowsTheNamesAsText() {
        String md = report.markdown().orElseThrow();
        assertFalse(md.contains("<script"), "no raw HTML");
        assertFalse(md.contains("<img"));
        assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Every mermaid fence closes where it should: the count of fences is even and each diagram is whole.
        long fences = md.lines().filter(l -> l.startsWith("```")).count();
        assertEquals(0, fences % 2);
        // Every row of a table has as many cell borders as its header: no name splits a cell.
        int columns = -1;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int borders = line.replace("\\\\", "")
                    .replace("\\|", "")
                    .replaceAll("[^|]", "")
                    .length();
            if (columns < 0) {
                columns = borders;
            }
            assertEquals(columns, borders, line);
        }
    }

    @Test
    void theXhtmlForThePdfIsWellFormedAndThePdfIsWritten() throws Exception {
        String xhtml = HtmlWriter.print(content, Outline.sections(content, ExecutiveSummary.template(content)));
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertDoesNotThrow(() ->
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8))));
        assertFalse(xhtml.contains("<script"));
        assertTrue(new String(report.pdf().orElseThrow(), 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
    }

    @Test
    void escapingRules() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Escape.html("<a href=\"x\">&'"));
        assertEquals("ab", Escape.html("a\u0000\u001Fb"));
        assertEquals("\uD83D\uDE00", Escape.html("\uD83D\uDE00"), "a surrogate pair stays");
        assertEquals("", Escape.html("\uD83D"), "a lone surrogate goes");
        assertEquals("\\| \\* \\_ \\[x\\](https\\://e) \\` &lt;b&gt;", Escape.markdown("| * _ [x](https://e) ` <b>"));
        assertEquals("\\# not a heading", Escape.markdown("# not a heading"));
        assertEquals("1\\. not a list", Escape.markdown("1. not a list"));
        assertEquals("one line", Escape.markdown("one\n line"));
        assertEquals("````", Escape.fence("a ``` b"));
        assertEquals("```", Escape.fence("plain"));
        assertEquals("kulturio", Escape.slug("kulturio"));
        assertEquals("b-hostile-b-co", Escape.slug("<b>hostile</b> & co"));
        assertEquals("estate", Escape.slug("<>"));
        for (String s : List.of("<", ">", "&", "\"", "'")) {
            assertFalse(Escape.html("x" + s + "y").contains(s.equals("&") ? "x&y" : s), s);
        }
    }
}
