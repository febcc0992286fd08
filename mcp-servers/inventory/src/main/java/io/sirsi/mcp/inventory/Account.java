package io.sirsi.mcp.inventory;

import java.util.List;
import java.util.Objects;

/** A tenant: an AWS account, an Azure subscription or a GCP project, and the regions it uses. */
public record Account(String id, String name, List<String> regions) {
    /** Requires an id and a name. */
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        regions = List.copyOf(regions);
    }
}
