package io.sirsi.mcp.kit;

/**
 * The code behind a tool. It returns a {@code CallToolResult} as it is, a {@code String} as one text
 * block, or any other value as {@code structuredContent} with a JSON text mirror.
 */
@FunctionalInterface
public interface ToolHandler {
    /**
     * Runs the tool. Throw {@link ToolException} for a failure the caller should read; anything else
     * is logged and reported as an {@code isError} result that names the tool.
     */
    Object handle(ToolCall call) throws Exception;
}
