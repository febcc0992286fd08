package io.sirsi.mcp.discovery;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryException;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bundled demo estate as a data source: collection reads the estate, region by region, the way an SDK
 * source walks a real account.
 */
public final class DemoSource implements InventorySource {
    /** The largest generated estate: enough for any benchmark, small enough to fit a default heap. */
    static final int MAX_GENERATED = 1_000_000;

    private final String estate;
    private final Inventory inventory;

    private DemoSource(String estate, Inventory inventory) {
        this.estate = estate;
        this.inventory = inventory;
    }

    /**
     * The named estate, which must live on {@code provider}.
     *
     * @throws SourceException naming the estates of that provider
     */
    public static DemoSource of(String estate, Provider provider) {
        if (estate.startsWith("generated:")) {
            if (!provider.id().equals("aws")) {
                throw new SourceException("Generated estates exist for AWS only");
            }
            try {
                int size = Integer.parseInt(estate.substring("generated:".length()));
                if (size > MAX_GENERATED) {
                    throw new SourceException("A generated estate holds at most " + MAX_GENERATED
                            + " resources (about 1 KB of memory each), not " + size);
                }
                return new DemoSource(estate, io.sirsi.mcp.inventory.GeneratedEstate.aws(size, 42));
            } catch (NumberFormatException e) {
                throw new SourceException(
                        "A generated estate is generated:SIZE, such as generated:10000, not " + estate);
            } catch (InventoryException e) {
                throw new SourceException(e.getMessage());
            }
        }
        Inventory inventory;
        try {
            inventory = Estates.load(estate);
        } catch (InventoryException e) {
            if (Estates.names().contains(estate.toLowerCase(java.util.Locale.ROOT))) {
                throw new SourceException(e.getMessage());
            }
            throw new SourceException("Unknown estate '" + estate + "'; the " + provider.displayName()
                    + " demo estates are " + String.join(", ", Estates.on(provider.id()))
                    + (provider.id().equals("aws") ? ", or generated:SIZE (such as generated:10000)" : ""));
        }
        if (!inventory.provider().equals(provider.id())) {
            throw new SourceException("The estate '" + estate + "' is on " + inventory.provider() + ", not "
                    + provider.id() + "; the " + provider.displayName() + " demo estates are "
                    + String.join(", ", Estates.on(provider.id())));
        }
        return new DemoSource(estate.toLowerCase(java.util.Locale.ROOT), inventory);
    }

    /** An inventory document as a data source (generated estates, benchmarks). */
    public static DemoSource of(String name, Inventory inventory) {
        return new DemoSource(name, inventory);
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public String describe() {
        return "demo estate " + estate;
    }

    @Override
    public List<Account> accounts() {
        return inventory.accounts();
    }

    @Override
    public Set<String> types() {
        Set<String> types = new TreeSet<>();
        inventory.resources().forEach(r -> types.add(r.type()));
        return types;
    }

    @Override
    public Inventory collect(Account account, Optional<String> region, Set<String> types, Progress progress) {
        List<String> regions = new ArrayList<>(account.regions());
        regions.add("global");
        for (Resource resource : inventory.resources()) {
            if (resource.account().equals(account.id())
                    && regions.stream().noneMatch(r -> within(resource.region(), r))) {
                regions.add(resource.region());
            }
        }
        if (region.isPresent()) {
            regions.removeIf(r -> !r.equalsIgnoreCase(region.get()));
        }
        List<Resource> collected = new ArrayList<>();
        int step = 0;
        for (String r : regions) {
            progress.checkCancelled();
            int before = collected.size();
            for (Resource resource : inventory.resources()) {
                boolean wanted = types.isEmpty()
                        || types.contains(resource.type())
                        || resource.type().equals(EstateBuilder.tenantType(inventory.provider()));
                if (resource.account().equals(account.id()) && within(resource.region(), r) && wanted) {
                    collected.add(resource);
                }
            }
            progress.step(
                    ++step,
                    regions.size(),
                    "Collected " + (collected.size() - before) + " resources in " + account.name() + " / " + r);
        }
        Set<String> ids = new HashSet<>();
        collected.forEach(r -> ids.add(r.id()));
        List<Relationship> edges = inventory.relationships().stream()
                .filter(e -> ids.contains(e.from()) && ids.contains(e.to()))
                .toList();
        return inventory.with(List.of(account), collected, edges);
    }

    /** Whether a resource's region or zone (europe-west1-b) lies in {@code region}. */
    private static boolean within(String resourceRegion, String region) {
        String a = resourceRegion.toLowerCase(java.util.Locale.ROOT);
        String b = region.toLowerCase(java.util.Locale.ROOT);
        return a.equals(b) || a.startsWith(b + "-") && a.length() == b.length() + 2;
    }
}
