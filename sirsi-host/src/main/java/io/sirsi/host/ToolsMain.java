package io.sirsi.host;

import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ManifestLoader;
import io.sirsi.host.mcp.Manifests;
import io.sirsi.host.mcp.ServerConnection;
import io.sirsi.host.mcp.ServerFailure;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ToolCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./sirsi tools [--json] [--root DIR] [MANIFESTS]}: loads the server manifests (a folder, default
 * {@code tool-manifests}, or one file such as a {@code claude_desktop_config.json}), connects to every
 * enabled server concurrently, prints the catalog the host sees, one tool a line, then a summary, and exits:
 * 0 when every enabled server connected and every manifest loaded, 1 otherwise, 2 on a usage error.
 */
public final class ToolsMain {
    private static final String USAGE = "Usage: sirsi tools [--json] [--root DIR] [MANIFESTS]\n"
            + "  MANIFESTS  a folder of server manifests (default tool-manifests) or one file\n"
            + "             (a manifest, claude_desktop_config.json or .mcp.json)\n"
            + "  --root DIR relative commands run from DIR (default: the folder above the manifests)\n"
            + "  --json     print the catalog as JSON\n";

    private ToolsMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        // The SDK logs what the host reports itself; keep its logs for real errors unless asked otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with these streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        Optional<Path> root = Optional.empty();
        Path manifests = Path.of("tool-manifests");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--root" -> {
                    if (i + 1 == args.length) {
                        err.print("sirsi tools: --root needs a folder\n" + USAGE);
                        return 2;
                    }
                    root = Optional.of(Path.of(args[++i]));
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.print("sirsi tools: unknown option " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    manifests = Path.of(args[i]);
                }
            }
        }
        Path abs = manifests.toAbsolutePath().normalize();
        Path folder = Files.isDirectory(abs) ? abs : abs.getParent();
        Path rootDir = root.orElse(Files.isDirectory(abs) && folder.getParent() != null ? folder.getParent() : folder);

        Manifests loaded;
        try {
            loaded = ManifestLoader.create(rootDir).load(abs);
        } catch (HostException e) {
            err.println("sirsi tools: " + e.getMessage());
            return 2;
        }
        loaded.warnings().forEach(w -> err.println("sirsi tools: warning: " + w));
        loaded.problems().forEach(p -> err.println("sirsi tools: " + p));

        try (ServerHub hub = ServerHub.connect(loaded.servers())) {
            ToolCatalog catalog = hub.catalog();
            for (ServerFailure f : hub.failures()) {
                err.println("sirsi tools: server '" + f.server() + "' failed: " + f.message());
                f.stderrTail().forEach(line -> err.println("  | " + line));
            }
            if (json) {
                out.println(toJson(loaded, hub, catalog));
            } else {
                printText(out, loaded, hub, catalog);
            }
            out.flush();
            return loaded.problems().isEmpty() && hub.failures().isEmpty() ? 0 : 1;
        }
    }

    private static void printText(PrintStream out, Manifests loaded, ServerHub hub, ToolCatalog catalog) {
        int width =
                catalog.tools().stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (CatalogTool tool : catalog.tools()) {
            out.printf(
                    "%-" + width + "s  %-9s  %s%n",
                    tool.name(),
                    tool.readOnly() ? "read-only" : "writes",
                    tool.summary());
        }
        long readOnly = catalog.tools().stream().filter(CatalogTool::readOnly).count();
        StringBuilder summary = new StringBuilder()
                .append(catalog.size())
                .append(catalog.size() == 1 ? " tool" : " tools")
                .append(" (")
                .append(readOnly)
                .append(" read-only) from ")
                .append(hub.connections().size())
                .append(hub.connections().size() == 1 ? " server" : " servers");
        if (!hub.connections().isEmpty()) {
            summary.append(": ");
            summary.append(String.join(
                    ", ",
                    hub.connections().stream()
                            .map(c ->
                                    c.name() + " " + catalog.ofServer(c.name()).size() + "/"
                                            + c.tools().size())
                            .toList()));
        }
        if (!hub.failures().isEmpty()) {
            summary.append("; failed: ")
                    .append(String.join(
                            ", ",
                            hub.failures().stream().map(ServerFailure::server).toList()));
        }
        long disabled = loaded.servers().size() - loaded.enabled().size();
        if (disabled > 0) {
            summary.append("; disabled: ").append(disabled);
        }
        if (!loaded.problems().isEmpty()) {
            summary.append("; unusable manifests: ").append(loaded.problems().size());
        }
        out.println(summary);
    }

    private static String toJson(Manifests loaded, ServerHub hub, ToolCatalog catalog) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode tools = root.putArray("tools");
        for (CatalogTool t : catalog.tools()) {
            ObjectNode node = tools.addObject()
                    .put("name", t.name())
                    .put("server", t.server())
                    .put("tool", t.tool().name())
                    .put("readOnly", t.readOnly());
            node.set("definition", mapper.readTree(t.definitionJson()));
        }
        ArrayNode servers = root.putArray("servers");
        for (ServerConnection c : hub.connections()) {
            servers.addObject()
                    .put("name", c.name())
                    .put("status", "connected")
                    .put("listed", c.tools().size())
                    .put("exposed", catalog.ofServer(c.name()).size());
        }
        for (ServerFailure f : hub.failures()) {
            ObjectNode node = servers.addObject()
                    .put("name", f.server())
                    .put("status", "failed")
                    .put("error", f.message());
            ArrayNode tail = node.putArray("stderr");
            f.stderrTail().forEach(tail::add);
        }
        loaded.servers().stream()
                .filter(s -> !s.enabled())
                .forEach(s -> servers.addObject().put("name", s.name()).put("status", "disabled"));
        ArrayNode problems = root.putArray("problems");
        loaded.problems().forEach(problems::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
