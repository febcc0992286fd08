package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** A resource with a fixed URI, as the kit serves it: its MCP definition and its reader. */
public record KitResource(McpSchema.Resource definition, Reader reader) {
    /** Requires a definition with a URI and a name, and a reader. */
    public KitResource {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(definition.uri(), "definition.uri");
        Objects.requireNonNull(definition.name(), "definition.name");
        Objects.requireNonNull(reader, "reader");
    }

    /** A text resource whose content is produced on each read. */
    public static KitResource text(String uri, String name, String mimeType, Supplier<String> text) {
        var definition =
                McpSchema.Resource.builder(uri, name).mimeType(mimeType).build();
        return new KitResource(
                definition,
                () -> new McpSchema.ReadResourceResult(
                        List.of(new McpSchema.TextResourceContents(uri, mimeType, text.get()))));
    }

    /** The resource's URI. */
    public String uri() {
        return definition.uri();
    }

    /** Reads a resource's current contents. */
    @FunctionalInterface
    public interface Reader {
        /** The contents; throw {@link ProtocolException} for a protocol fault. */
        McpSchema.ReadResourceResult read() throws Exception;
    }
}
