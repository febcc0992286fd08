package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;

/** A prompt as the kit serves it: its MCP definition, its handler and optional argument completers. */
public record KitPrompt(McpSchema.Prompt definition, Handler handler, Map<String, Completer> completers) {
    /** Requires a named definition and a handler. */
    public KitPrompt {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(definition.name(), "definition.name");
        Objects.requireNonNull(handler, "handler");
        completers = Map.copyOf(completers);
    }

    /** A prompt without completers. */
    public static KitPrompt of(McpSchema.Prompt definition, Handler handler) {
        return new KitPrompt(definition, handler, Map.of());
    }

    /** The prompt's name. */
    public String name() {
        return definition.name();
    }

    /** Produces the prompt's messages. */
    @FunctionalInterface
    public interface Handler {
        /** The messages for these arguments; the kit has already checked the required ones. */
        McpSchema.GetPromptResult get(Map<String, String> arguments) throws Exception;
    }
}
