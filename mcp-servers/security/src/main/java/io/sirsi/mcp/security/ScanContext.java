package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryException;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What checks may look up beyond one resource: the other resources, the relationships in both
 * directions, network reachability, and the time the inventory was collected (ages are measured from
 * it, so a scan of the same document always gives the same findings).
 */
final class ScanContext {
    private final Inventory inventory;
    private final Map<String, Resource> byId;
    private final Map<String, List<Relationship>> outgoing = new HashMap<>();
    private final Map<String, List<Relationship>> incoming = new HashMap<>();
    private final Map<String, List<Reachability.Grant>> inboundCache = new HashMap<>();
    private Reachability reachability;

    ScanContext(Inventory inventory) {
        this.inventory = inventory;
        this.byId = inventory.byId();
        for (Relationship r : inventory.relationships()) {
            outgoing.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            incoming.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
        }
    }

    Inventory inventory() {
        return inventory;
    }

    Instant now() {
        return inventory.collectedAt();
    }

    Resource resource(String id) {
        return byId.get(id);
    }

    /** The resources at the other end of {@code type} edges, leaving ({@code out}) or entering the resource. */
    List<Resource> related(String id, String type, boolean out) {
        List<Resource> found = new ArrayList<>();
        for (Relationship r : (out ? outgoing : incoming).getOrDefault(id, List.of())) {
            if (r.type().equals(type)) {
                Resource other = byId.get(out ? r.to() : r.from());
                if (other != null) {
                    found.add(other);
                }
            }
        }
        return found;
    }

    /**
     * Every grant that lets traffic into the resource, on any port; empty for resources network rules
     * do not apply to. Cached: several checks ask about the same resource.
     */
    List<Reachability.Grant> inbound(String id) {
        return inboundCache.computeIfAbsent(id, k -> {
            if (reachability == null) {
                reachability = new Reachability(inventory);
            }
            try {
                return reachability.inbound(k, "any", -1);
            } catch (InventoryException e) {
                return List.of();
            } catch (RuntimeException e) {
                throw new SecurityException("The network rules around " + k + " cannot be read: " + e.getMessage());
            }
        });
    }
}
