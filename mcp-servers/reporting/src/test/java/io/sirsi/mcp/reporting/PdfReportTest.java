package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The PDF opens in PDFBox, runs to several pages, and says what the report says. */
class PdfReportTest {
    static java.util.List<ReportFixtures.Case> cases() {
        return ReportFixtures.demo();
    }

    /**
     * Batik draws the charts' text as shapes, so a chart is found by its ink: on the inventory page the
     * bars, in the bar colour, cover far more than the highlight boxes' borders of the same colour.
     */
    private static void assertChartsAreDrawn(PDDocument doc) throws IOException {
        var stripper = new PDFTextStripper();
        for (int page = 1; page <= doc.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            String text = stripper.getText(doc);
            if (text.contains("Inventory overview") && text.contains("The estate ")) {
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page - 1, 72);
                int bar = 0;
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        int rgb = image.getRGB(x, y);
                        if (near(rgb >> 16, 0x3b) && near(rgb >> 8, 0x6e) && near(rgb, 0xa5)) {
                            bar++;
                        }
                    }
                }
                assertTrue(bar > 4000, "the resources chart's bars are drawn: " + bar + " pixels of their colour");
                return;
            }
        }
        throw new AssertionError("no page holds the inventory overview");
    }

    private static boolean near(int channel, int wanted) {
        return Math.abs((channel & 0xFF) - wanted) <= 8;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void thePdfHasPagesAndTheReportsText(ReportFixtures.Case c) throws Exception {
        Report report = ReportFixtures.report(c);
        byte[] pdf = report.pdf().orElseThrow();
        Files.write(
                ReportFixtures.outputDir().resolve(c.estate() + "-" + c.target().id() + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 2, doc.getNumberOfPages() + " pages");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Migration report: " + c.estate()), "the title names the estate");
            for (String section : java.util.List.of(
                    "Executive summary", "Security findings", "7R decisions", "Wave plan and runbooks")) {
                assertTrue(text.contains(section), section);
            }
            assertTrue(text.contains("The HTML report draws this diagram"), "diagrams as their source, with the note");
            assertTrue(text.contains("flowchart LR"), "the Mermaid source is in the PDF");
            assertChartsAreDrawn(doc);
            assertTrue(text.contains(Money.of(report.figures().targetOnDemandMonthly())));
            assertTrue(doc.getDocumentInformation().getTitle().startsWith("Migration report"));
        }
    }
}
