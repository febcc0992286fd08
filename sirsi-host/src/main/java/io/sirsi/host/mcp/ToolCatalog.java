package io.sirsi.host.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every exposed tool of every connected server, named {@code server__tool}. Characters that LLM function
 * names do not allow ({@code [^A-Za-z0-9_-]}) become {@code _} in the catalog name; the server is still called
 * with the tool's own name.
 */
public final class ToolCatalog {
    /** Between a server's name and its tool's name. */
    public static final String SEPARATOR = "__";

    private final Map<String, CatalogTool> tools;

    private ToolCatalog(Map<String, CatalogTool> tools) {
        this.tools = tools;
    }

    /** The catalog of these connections, each filtered by its manifest; the first of two equal names wins. */
    public static ToolCatalog of(Collection<ServerConnection> connections) {
        Map<String, CatalogTool> tools = new LinkedHashMap<>();
        for (ServerConnection connection : connections) {
            for (var tool : connection.exposedTools()) {
                String name = prefix(connection.name()) + SEPARATOR + safe(tool.name());
                tools.putIfAbsent(name, new CatalogTool(name, connection.name(), tool));
            }
        }
        return new ToolCatalog(tools);
    }

    /**
     * A catalog of these tools, in this order; the first of two equal names wins. For reasoners' tests and for
     * views of a catalog (the tools one caller may use).
     */
    public static ToolCatalog ofTools(List<CatalogTool> tools) {
        Map<String, CatalogTool> byName = new LinkedHashMap<>();
        for (CatalogTool tool : tools) {
            byName.putIfAbsent(tool.name(), tool);
        }
        return new ToolCatalog(byName);
    }

    /** The catalog prefix of a server's tools. */
    public static String prefix(String server) {
        return safe(server);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Every tool, server by server in manifest order, each server's tools in the order it listed them. */
    public List<CatalogTool> tools() {
        return List.copyOf(tools.values());
    }

    /** The tool of this catalog name. */
    public Optional<CatalogTool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** How many tools the catalog holds. */
    public int size() {
        return tools.size();
    }

    /** This catalog's read-only tools only: what a viewer may call. */
    public ToolCatalog readOnly() {
        Map<String, CatalogTool> kept = new LinkedHashMap<>();
        tools.forEach((name, tool) -> {
            if (tool.readOnly()) {
                kept.put(name, tool);
            }
        });
        return new ToolCatalog(kept);
    }

    /** The catalog's tools of one server. */
    public List<CatalogTool> ofServer(String server) {
        List<CatalogTool> of = new ArrayList<>();
        tools.values().stream().filter(t -> t.server().equals(server)).forEach(of::add);
        return of;
    }
}
