package io.sirsi.mcp.reporting;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;

/**
 * Renders the print form of a report (XHTML) to PDF with Open HTML to PDF, drawing the inline SVG
 * charts through Batik. The renderer runs no script and, since the XHTML names no external resource,
 * fetches nothing.
 */
final class PdfWriter {
    static {
        // The renderer logs each document's timings at INFO; a server's log wants its problems only.
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
    }

    private PdfWriter() {}

    static byte[] write(String xhtml) {
        try (var out = new ByteArrayOutputStream(256 * 1024)) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PDF failed", e);
        }
    }
}
