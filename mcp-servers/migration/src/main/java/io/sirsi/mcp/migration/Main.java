package io.sirsi.mcp.migration;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitResource;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.util.List;
import java.util.Map;

/** The migration server: {@code ./sirsi server migration}. */
public final class Main {
    /** The version reported to clients. */
    public static final String VERSION = "0.1.0";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = ServerOptions.parseOrExit(
                "sirsi server migration",
                args,
                Map.of(
                        "prices",
                        "a folder of price snapshots written by ./sirsi prices update (default: the bundled ones)"));
        server(options).run(options);
    }

    /** The server for these options. */
    public static KitServer server(ServerOptions options) {
        PriceBook book = options.extra("prices")
                .map(dir -> (PriceBook) BundledPriceBook.load(java.nio.file.Path.of(dir)))
                .orElseGet(BundledPriceBook::load);
        var planner = new Planner(book);
        var builder = KitServer.builder("sirsi-migration", VERSION)
                .title("Sirsi migration planner")
                .instructions("Plans cloud migrations: assess (7 Rs, readiness, right-sizing), plan_migration (waves, "
                        + "runbooks, cost), estimate_cost, generate_iac (terraform, pulumi, bicep, cloudformation) and "
                        + "diagram (Mermaid). Every tool takes estate (kulturio, tvfone, uniedu, generated:SIZE) or an "
                        + "inventory document, and a target cloud. Every tool is read-only.")
                .tools(new MigrationTools(planner));
        MigrationPrompts.register(builder);
        builder.resource(new KitResource(
                McpSchema.Resource.builder("migration://prices/sources", "Price snapshots")
                        .description("The price lists behind every cost, with their dates")
                        .mimeType("application/json")
                        .build(),
                () -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                        "migration://prices/sources",
                        "application/json",
                        InventoryJson.MAPPER.writeValueAsString(book.sources()))))));
        return builder.build();
    }
}
