package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A family of resources named by an RFC 6570 URI template ({@code aws://{account}/inventory}), with a
 * reader for the concrete URIs and optional completers for the variables.
 */
public record KitResourceTemplate(
        McpSchema.ResourceTemplate definition, Reader reader, Map<String, Completer> completers) {

    /** Requires a definition with a template and a name, and a reader. */
    public KitResourceTemplate {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(definition.uriTemplate(), "definition.uriTemplate");
        Objects.requireNonNull(definition.name(), "definition.name");
        Objects.requireNonNull(reader, "reader");
        completers = Map.copyOf(completers);
    }

    /** A template without completers. */
    public static KitResourceTemplate of(McpSchema.ResourceTemplate definition, Reader reader) {
        return new KitResourceTemplate(definition, reader, Map.of());
    }

    /** The variables of {@code uri} if it matches this template. */
    Optional<Map<String, String>> match(String uri) {
        McpUriTemplateManager template = new DefaultMcpUriTemplateManager(definition.uriTemplate());
        if (!template.matches(uri)) {
            return Optional.empty();
        }
        return Optional.of(template.extractVariableValues(uri));
    }

    /** Reads one concrete resource of the family. */
    @FunctionalInterface
    public interface Reader {
        /** The contents of {@code uri}, or empty if no such resource exists. */
        Optional<McpSchema.ReadResourceResult> read(String uri, Map<String, String> variables) throws Exception;
    }
}
