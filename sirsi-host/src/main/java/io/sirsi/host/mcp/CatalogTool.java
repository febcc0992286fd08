package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/**
 * One tool of the catalog: its catalog name ({@code server__tool}), the server that serves it, and the tool as
 * the server listed it, with its annotations and schemas.
 *
 * @param name the name the reasoner and clients use
 * @param server the server's name, as its manifest gives it
 * @param tool the tool, as the server listed it
 */
public record CatalogTool(String name, String server, McpSchema.Tool tool) {
    /** Checks. */
    public CatalogTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
    }

    /** Whether the tool says it is read-only ({@code readOnlyHint: true}); such calls need no approval. */
    public boolean readOnly() {
        return ToolFilter.isReadOnly(tool);
    }

    /** The tool as the server listed it, as MCP JSON (name, description, schemas, annotations). */
    public String definitionJson() {
        try {
            return ServerConnection.JSON.writeValueAsString(tool);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first sentence of the tool's description, or its first line; empty when it has none. */
    public String summary() {
        String text = tool.description() == null ? "" : tool.description().strip();
        int end = text.length();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            end = newline;
        }
        for (int i = 0; i < end - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
                end = i + 1;
                break;
            }
        }
        return text.substring(0, end).strip();
    }
}
