package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitResource;
import io.sirsi.mcp.kit.KitServer;
import io.sirsi.mcp.kit.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The security server: {@code ./sirsi server security}. */
public final class Main {
    /** The version reported to clients and written into SARIF and OCSF output. */
    public static final String VERSION = "0.1.0";

    private Main() {}

    /** Entry point. */
    public static void main(String[] args) {
        ServerOptions options = ServerOptions.parseOrExit(
                "sirsi server security",
                args,
                Map.of("checks", "a folder of extra rule files (*.yaml), added to the bundled checks"));
        CheckCatalog catalog;
        try {
            catalog = CheckCatalog.load(
                    options.extra("checks").map(Path::of).stream().toList());
        } catch (SecurityException e) {
            System.err.println("sirsi server security: " + e.getMessage());
            System.exit(2);
            return;
        }
        server(catalog).run(options);
    }

    /** The server over {@code catalog}. */
    public static KitServer server(CheckCatalog catalog) {
        return KitServer.builder("sirsi-security", VERSION)
                .title("Sirsi security checks")
                .instructions("Checks cloud estates for security and compliance problems: run_checks (JSON, SARIF or "
                        + "OCSF), explain_finding, list_checks, list_frameworks (CIS AWS/Azure/GCP, HIPAA, PCI DSS, "
                        + "SOC 2), and check_plan, which checks what a migration plan would build and which current "
                        + "findings the move fixes. Tools take estate (kulturio, tvfone, uniedu, generated:SIZE) or an "
                        + "inventory document. Every tool is read-only.")
                .tools(new SecurityTools(catalog))
                .tools(new PlanCheck(catalog))
                .resource(KitResource.text(
                        "security://frameworks",
                        "Frameworks and controls",
                        "application/json",
                        () -> InventoryJson.MAPPER.writeValueAsString(catalog.frameworks().values().stream()
                                .map(f ->
                                        Map.of("id", f.id(), "name", f.name(), "version", f.version(), "url", f.url()))
                                .toList())))
                .build();
    }

    static List<String> ids(CheckCatalog catalog) {
        return catalog.checks().stream().map(Check::id).toList();
    }
}
