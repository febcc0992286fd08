package io.sirsi.mcp.inventory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts by type, region and account, and the estimated monthly cost, of a set of resources. */
public record Summary(
        int resources,
        int relationships,
        Map<String, Integer> byType,
        Map<String, Integer> byRegion,
        Map<String, Integer> byAccount,
        double monthlyCost,
        Map<String, Double> monthlyCostByType,
        int withoutCost) {

    /** Summarizes an inventory, or a filtered part of it. */
    public static Summary of(Inventory inventory, List<Resource> resources) {
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byRegion = new TreeMap<>();
        Map<String, Integer> byAccount = new TreeMap<>();
        Map<String, Double> costByType = new TreeMap<>();
        double total = 0;
        int withoutCost = 0;
        for (Resource r : resources) {
            byType.merge(r.type(), 1, Integer::sum);
            byRegion.merge(r.region(), 1, Integer::sum);
            byAccount.merge(r.account(), 1, Integer::sum);
            if (r.monthlyCost().isPresent()) {
                total += r.monthlyCost().get();
                costByType.merge(r.type(), r.monthlyCost().get(), Double::sum);
            } else {
                withoutCost++;
            }
        }
        costByType.replaceAll((k, v) -> Math.round(v * 100) / 100.0);
        var ids = new java.util.HashSet<String>();
        resources.forEach(r -> ids.add(r.id()));
        long edges = inventory.relationships().stream()
                .filter(e -> ids.contains(e.from()))
                .count();
        return new Summary(
                resources.size(),
                (int) edges,
                byType,
                byRegion,
                byAccount,
                Math.round(total * 100) / 100.0,
                costByType,
                withoutCost);
    }
}
