package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sirsi.mcp.migration.Cloud;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headless Chromium opens each HTML report from a file, with no network: Mermaid draws every diagram,
 * the charts are there, and the page is not blank. The screenshots stay in target/reports.
 */
class BrowserRenderTest {
    private static final Pattern MERMAID_BLOCK = Pattern.compile("(?s)<pre class=\"mermaid\"([^>]*)>(.*?)</pre>");

    static List<ReportFixtures.Case> cases() {
        return ReportFixtures.demo();
    }

    /** What Chromium made of a page: the DOM after the scripts ran, and a screenshot. */
    private record Rendered(String dom, BufferedImage screenshot) {}

    private static Path chromium() {
        Path chromium = Path.of(System.getenv().getOrDefault("SIRSI_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Headless Chromium is needed to check that the HTML reports render, and " + chromium
                    + " is missing: install it (apt-get install chromium; .ci/run does) or set SIRSI_CHROMIUM");
        }
        return chromium;
    }

    private static Rendered render(String html, String name) throws IOException, InterruptedException {
        Path dir = ReportFixtures.outputDir();
        Path page = dir.resolve(name + ".html");
        Path png = dir.resolve(name + ".png");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Files.deleteIfExists(png);
        Path dump = dir.resolve(name + ".dom.html");
        // A profile of its own under target/, so that a test never shares one with a running browser.
        Path profile = dir.resolve("chromium-profile");
        Process chromium = new ProcessBuilder(
                        chromium().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=15000",
                        "--window-size=1280,4000",
                        "--screenshot=" + png,
                        "--dump-dom",
                        page.toUri().toString())
                .redirectOutput(dump.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
            fail("Chromium did not finish within 2 minutes");
        }
        String dom = Files.readString(dump, StandardCharsets.UTF_8);
        assertEquals(0, chromium.exitValue(), "Chromium failed");
        assertTrue(Files.size(png) > 0, "Chromium wrote no screenshot");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "the screenshot is a PNG");
        return new Rendered(dom, image);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void chromiumDrawsEveryDiagramAndChart(ReportFixtures.Case c) throws Exception {
        Report report = ReportFixtures.report(c);
        Rendered r = render(
                report.html().orElseThrow(), c.estate() + "-" + c.target().id());
        String dom = ReportFixtures.withoutScripts(r.dom());

        List<String> diagrams = new ArrayList<>();
        Matcher m = MERMAID_BLOCK.matcher(dom);
        while (m.find()) {
            assertTrue(m.group(1).contains("data-processed=\"true\""), "Mermaid processed the block");
            diagrams.add(m.group(2));
        }
        assertEquals(3, diagrams.size(), "three diagrams: waves, current, target");
        Set<String> ids = new HashSet<>();
        for (String svg : diagrams) {
            assertTrue(svg.contains("<svg") && svg.contains("aria-roledescription=\"flowchart"), "drawn as SVG");
            assertTrue(svg.contains("class=\"node"), "with nodes");
            Matcher id = Pattern.compile("<svg id=\"([^\"]+)\"").matcher(svg);
            assertTrue(id.find());
            assertTrue(ids.add(id.group(1)), "each diagram has its own id");
        }
        for (String error : List.of("Syntax error", "Parse error", "error-icon\"")) {
            assertFalse(dom.contains(error), "Mermaid reported: " + error);
        }
        assertEquals(4, DemoEstateReportTest.count(dom, "<svg class=\"chart\""), "the four charts");
        assertNotBlank(r.screenshot());
    }

    @Test
    void markupInTheInventoryDoesNotRun() throws Exception {
        var content = Reports.assemble(
                ReportFixtures.hostile(), "hostile", Cloud.AWS, Optional.empty(), Optional.empty(), Optional.empty());
        Report report =
                Reports.render(content, ExecutiveSummary.template(content), EnumSet.of(Format.HTML), step -> {});
        Rendered r = render(report.html().orElseThrow(), "hostile-aws");
        String dom = r.dom();
        assertFalse(dom.contains("data-pwned=\"1\""), "an onerror handler from a tag ran");
        assertTrue(dom.contains("data-pwned"), "the tag is on the page, as text");
        assertTrue(dom.contains("<title>Migration report: hostile to AWS</title>"));
        String page = ReportFixtures.withoutScripts(dom);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name shows as text");
        assertFalse(page.contains("<img"), "no image element from a tag");
        assertEquals(3, DemoEstateReportTest.count(page, "data-processed=\"true\""), "the diagrams still draw");
        assertFalse(page.contains("Syntax error") || page.contains("Parse error"));
    }

    private static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        int ink = 0;
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                samples++;
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        assertTrue(colours.size() > 50, "a blank or flat screenshot: " + colours.size() + " colours");
        assertTrue(ink > samples / 50, "the screenshot is nearly all white");
    }
}
