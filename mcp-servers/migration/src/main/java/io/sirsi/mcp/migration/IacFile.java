package io.sirsi.mcp.migration;

import java.util.Objects;

/** One generated file: its path relative to the output folder, and its text. */
public record IacFile(String path, String content) {
    /** Requires both. */
    public IacFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
