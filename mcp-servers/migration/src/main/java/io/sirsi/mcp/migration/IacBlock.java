package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Map;

/**
 * A nested block in a Terraform-shaped body: a block that appears at most once, or one that may repeat. The
 * difference matters beyond HCL: Pulumi's bridged providers take the first as an object and the second as a
 * list under a plural name.
 */
sealed interface IacBlock {
    /** A block that appears at most once ({@code root_block_device}, {@code settings}). */
    record One(Map<String, Object> body) implements IacBlock {}

    /** A block that may repeat ({@code ingress}, {@code network_interface}, {@code default_action}). */
    record Many(List<Map<String, Object>> bodies) implements IacBlock {
        public Many {
            bodies = List.copyOf(bodies);
        }
    }

    /** A single block. */
    static One one(Map<String, Object> body) {
        return new One(body);
    }

    /** Repeated blocks. */
    @SafeVarargs
    static Many many(Map<String, Object>... bodies) {
        return new Many(List.of(bodies));
    }

    /** Repeated blocks. */
    static Many many(List<Map<String, Object>> bodies) {
        return new Many(bodies);
    }
}
