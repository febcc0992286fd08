package io.sirsi.mcp.reporting;

import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.Map;

/** The reporting server: {@code ./sirsi server reporting}. */
public final class Main {
    /** The version reported to clients and written into reports. */
    public static final String VERSION = "0.1.0";

    /** How many reports the server keeps; building one more drops the oldest. */
    public static final int KEPT_REPORTS = 20;

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = ServerOptions.parseOrExit("sirsi server reporting", args, Map.of());
        server(options).run(options);
    }

    /** The server for these options. */
    public static KitServer server(ServerOptions options) {
        var shelf = new ReportShelf(KEPT_REPORTS);
        KitServer server = KitServer.builder("sirsi-reporting", VERSION)
                .title("Sirsi migration reports")
                .instructions("Writes migration reports: build_report takes estate (kulturio, tvfone, uniedu, "
                        + "generated:SIZE) or an inventory document, a target cloud, and optionally the migration "
                        + "agent's plan and the security agent's findings, and returns resource URIs for the report "
                        + "as self-contained HTML (Mermaid diagrams, SVG charts), Markdown and PDF. list_reports "
                        + "lists the reports kept. Every tool is read-only.")
                .listChanged(true)
                .tools(new ReportTools(shelf))
                .resource(shelf.index())
                .build();
        shelf.publishTo(server.catalog());
        Reports.warmUp();
        return server;
    }
}
