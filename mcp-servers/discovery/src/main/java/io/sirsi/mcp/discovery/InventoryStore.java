package io.sirsi.mcp.discovery;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last inventory of each tenant. A new collection replaces only what it covered (its tenant, and
 * its region and types if it was narrowed), so a sync of one account never drops another's resources:
 * Cartography's update-tag cleanup, scoped to the account. Resources seen before keep their first-seen
 * time, and their last-updated time when nothing about them changed.
 */
final class InventoryStore {
    private final Map<String, Inventory> byAccount = new LinkedHashMap<>();
    private Inventory template;

    /** Stores a collection; true if it is the tenant's first. */
    synchronized boolean put(Account account, Inventory collected, Optional<String> region, Set<String> types) {
        template = collected;
        Inventory previous = byAccount.get(account.id());
        if (previous == null) {
            byAccount.put(account.id(), collected);
            return true;
        }
        Map<String, Resource> before = previous.byId();
        List<Resource> fresh = new ArrayList<>(collected.resources().size());
        Set<String> freshIds = new HashSet<>();
        for (Resource r : collected.resources()) {
            fresh.add(carryTimes(before.get(r.id()), r));
            freshIds.add(r.id());
        }
        List<Resource> kept = new ArrayList<>();
        for (Resource r : previous.resources()) {
            if (!covered(r, region, types) && !freshIds.contains(r.id())) {
                kept.add(r);
            }
        }
        Set<String> keptIds = new HashSet<>();
        kept.forEach(r -> keptIds.add(r.id()));
        kept.addAll(fresh);
        List<Relationship> edges = new ArrayList<>(collected.relationships());
        Set<String> seen = new HashSet<>();
        collected.relationships().forEach(e -> seen.add(key(e)));
        for (Relationship e : previous.relationships()) {
            // Edges between two re-collected resources are what the new collection says. An edge with
            // an end outside its scope could not be seen by it (sources only return edges inside their
            // scope), so it is kept while both its ends exist.
            boolean fromKept = keptIds.contains(e.from());
            boolean toKept = keptIds.contains(e.to());
            boolean bothExist = (fromKept || freshIds.contains(e.from())) && (toKept || freshIds.contains(e.to()));
            if (bothExist && (fromKept || toKept) && seen.add(key(e))) {
                edges.add(e);
            }
        }
        byAccount.put(account.id(), collected.with(List.of(account), kept, edges));
        return false;
    }

    private static boolean covered(Resource r, Optional<String> region, Set<String> types) {
        boolean inRegion = region.isEmpty()
                || r.region().equalsIgnoreCase(region.get())
                || r.region().toLowerCase(Locale.ROOT).startsWith(region.get().toLowerCase(Locale.ROOT) + "-");
        return inRegion && (types.isEmpty() || types.contains(r.type()));
    }

    /** A resource seen before keeps its first-seen time, and its last-updated time if nothing changed. */
    private static Resource carryTimes(Resource before, Resource now) {
        if (before == null) {
            return now;
        }
        boolean unchanged = before.name().equals(now.name())
                && before.tags().equals(now.tags())
                && before.properties().equals(now.properties())
                && before.monthlyCost().equals(now.monthlyCost());
        return new Resource(
                now.id(),
                now.type(),
                now.provider(),
                now.account(),
                now.region(),
                now.name(),
                now.tags(),
                now.properties(),
                now.monthlyCost(),
                now.utilization(),
                now.syncTag(),
                before.firstSeen(),
                unchanged ? before.lastUpdated() : now.lastUpdated());
    }

    private static String key(Relationship e) {
        return e.from() + "|" + e.type() + "|" + e.to();
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
}
