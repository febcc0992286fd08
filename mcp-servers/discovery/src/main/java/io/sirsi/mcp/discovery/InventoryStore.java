package io.sirsi.mcp.discovery;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last inventory of each tenant. A new collection replaces only what it covered (its tenant, and
 * its region and types if it was narrowed), so a sync of one account never drops another's resources:
 * Cartography's update-tag cleanup, scoped to the account.
 */
final class InventoryStore {
    private final Map<String, Inventory> byAccount = new LinkedHashMap<>();
    private Inventory template;

    synchronized void put(Account account, Inventory collected, Optional<String> region, java.util.Set<String> types) {
        template = collected;
        Inventory previous = byAccount.get(account.id());
        if (previous == null || (region.isEmpty() && types.isEmpty())) {
            byAccount.put(account.id(), collected);
            return;
        }
        List<Resource> kept = new ArrayList<>();
        for (Resource r : previous.resources()) {
            boolean covered = (region.isEmpty()
                            || r.region().equalsIgnoreCase(region.get())
                            || r.region()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .startsWith(region.get().toLowerCase(java.util.Locale.ROOT) + "-"))
                    && (types.isEmpty() || types.contains(r.type()));
            if (!covered && collected.resources().stream().noneMatch(c -> c.id().equals(r.id()))) {
                kept.add(r);
            }
        }
        kept.addAll(collected.resources());
        var ids = new java.util.HashSet<String>();
        kept.forEach(r -> ids.add(r.id()));
        List<Relationship> edges = new ArrayList<>();
        var seen = new java.util.HashSet<String>();
        for (Relationship e : concat(previous.relationships(), collected.relationships())) {
            if (ids.contains(e.from()) && ids.contains(e.to()) && seen.add(e.from() + "|" + e.type() + "|" + e.to())) {
                edges.add(e);
            }
        }
        byAccount.put(account.id(), collected.with(List.of(account), kept, edges));
    }

    synchronized Optional<Inventory> of(String accountId) {
        return Optional.ofNullable(byAccount.get(accountId));
    }

    synchronized boolean isEmpty() {
        return byAccount.isEmpty();
    }

    /** Every stored tenant merged into one document. */
    synchronized Inventory merged() {
        List<Account> accounts = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<Relationship> relationships = new ArrayList<>();
        for (Inventory inventory : byAccount.values()) {
            accounts.addAll(inventory.accounts());
            resources.addAll(inventory.resources());
            relationships.addAll(inventory.relationships());
        }
        return template.with(accounts, resources, relationships);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
