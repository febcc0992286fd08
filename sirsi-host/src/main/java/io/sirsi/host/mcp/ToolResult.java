package io.sirsi.host.mcp;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one tool call returned: the tool's structured content when it gave one, its text content, and whether
 * the tool said it failed ({@code isError}).
 *
 * @param tool the catalog name of the tool called ({@code server__tool})
 * @param error whether the tool reported an error
 * @param structured the structured content, empty when the tool gave none
 * @param text the text content blocks, joined by newlines
 */
public record ToolResult(String tool, boolean error, Map<String, Object> structured, String text) {
    /** Checks and copies. */
    public ToolResult {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(text, "text");
    }

    /** The structured content, when the tool gave one. */
    public Optional<Map<String, Object>> structuredContent() {
        return structured.isEmpty() ? Optional.empty() : Optional.of(structured);
    }
}
