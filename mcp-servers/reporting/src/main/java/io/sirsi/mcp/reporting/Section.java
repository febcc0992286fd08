package io.sirsi.mcp.reporting;

import java.util.List;
import java.util.Objects;

/** A numbered section of a report: its anchor, its title and what it holds. */
record Section(String id, String title, List<Block> blocks) {
    Section {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
    }
}
