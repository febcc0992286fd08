package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices a plan from the price book: each target VM and database by the hour (730 hours a month), disks
 * and databases' storage per GB-month, objects per GB-month; the current run-rate from the inventory's
 * monthly costs. The one-off effort is counted in person-days per resource by strategy and role, at a
 * day rate the user can set.
 */
final class Costing {
    /** A blended day rate for migration engineers, in USD; the plan's input can change it. */
    static final double DEFAULT_DAY_RATE = 900;

    private Costing() {}

    static CostComparison of(
            Inventory inventory,
            List<Workload> workloads,
            Map<String, Decision> decisions,
            PriceBook book,
            Cloud target,
            String region,
            double dayRate) {
        Map<String, Resource> byId = inventory.byId();
        Map<String, List<String>> disks = new HashMap<>();
        for (Relationship e : inventory.relationships()) {
            if (e.type().equals(RelationshipType.ATTACHED_TO)) {
                Resource part = byId.get(e.from());
                if (part != null
                        && (part.type().endsWith(".volume") || part.type().endsWith(".disk"))) {
                    disks.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(part.id());
                }
            }
        }
        List<CostLine> lines = new ArrayList<>();
        Set<String> unpriced = new LinkedHashSet<>();
        Set<PriceSource> sources = new LinkedHashSet<>();
        double current = 0;
        double retired = 0;
        double retained = 0;
        double onDemand = 0;
        double oneYear = 0;
        double threeYear = 0;
        double effort = 0;
        double transfer = 0;
        for (Workload w : workloads) {
            Decision d = decisions.get(w.id());
            double workloadCost = w.resourceIds().stream()
                    .map(byId::get)
                    .mapToDouble(r -> r.monthlyCost().orElse(0.0))
                    .sum();
            switch (d.strategy()) {
                case RETIRE -> retired += workloadCost;
                case RETAIN -> retained += workloadCost;
                default -> current += workloadCost;
            }
            effort += effortDays(w, d, byId);
            for (Sizing s : d.sizings()) {
                Resource r = byId.get(s.sourceId());
                double now = r.monthlyCost().orElse(0.0);
                Optional<Price> price = Optional.empty();
                double storageMonthly = 0;
                String item;
                switch (s.role()) {
                    case "vm" -> {
                        price = book.compute(target, region, s.targetSku(), s.os());
                        double gb = disks.getOrDefault(r.id(), List.of()).stream()
                                .mapToDouble(id -> Roles.storageGb(byId.get(id)))
                                .sum();
                        gb = gb > 0 ? gb : 64;
                        for (String id : disks.getOrDefault(r.id(), List.of())) {
                            now += byId.get(id).monthlyCost().orElse(0.0);
                        }
                        Optional<StoragePrice> block = book.blockStorage(target, region);
                        if (block.isPresent()) {
                            storageMonthly = gb * block.get().perGbMonth() * s.count();
                            sources.add(block.get().source());
                        }
                        item = s.targetSku() + " " + s.os() + (s.count() > 1 ? " x " + s.count() : "") + " + "
                                + Rightsizer.fmt(gb) + " GB disk";
                    }
                    case "database" -> {
                        price = book.database(target, region, s.engine().orElse(""), s.targetSku());
                        Optional<StoragePrice> block = book.blockStorage(target, region);
                        if (block.isPresent()) {
                            storageMonthly = s.storageGb() * block.get().perGbMonth();
                            sources.add(block.get().source());
                        }
                        item = s.targetService() + " " + s.targetSku() + " + "
                                + Rightsizer.fmt(Math.round(s.storageGb())) + " GB";
                    }
                    case "bucket" -> {
                        transfer += s.storageGb();
                        Optional<StoragePrice> object = book.objectStorage(target, region);
                        item = s.targetService() + " " + Rightsizer.fmt(Math.round(s.storageGb())) + " GB";
                        if (object.isPresent()) {
                            double monthly = s.storageGb() * object.get().perGbMonth();
                            sources.add(object.get().source());
                            lines.add(new CostLine(
                                    w.id(),
                                    r.id(),
                                    r.name(),
                                    item,
                                    now,
                                    round(monthly),
                                    Optional.of(round(monthly)),
                                    Optional.of(round(monthly)),
                                    label(object.get().source())));
                            onDemand += monthly;
                            oneYear += monthly;
                            threeYear += monthly;
                        } else {
                            unpriced.add(r.name() + " (" + item + ")");
                        }
                        continue;
                    }
                    default -> {
                        unpriced.add(r.name() + " (" + s.targetService() + ")");
                        continue;
                    }
                }
                if (s.role().equals("database")) {
                    transfer += s.storageGb();
                }
                if (price.isEmpty()) {
                    unpriced.add(r.name() + " (" + item + " in " + region + ")");
                    continue;
                }
                Price p = price.get();
                sources.add(p.source());
                int count = s.count();
                double storage = storageMonthly;
                double od = p.onDemandHourly() * Price.HOURS_PER_MONTH * count + storageMonthly;
                Optional<Double> y1 = p.oneYearHourly().map(h -> h * Price.HOURS_PER_MONTH * count + storage);
                Optional<Double> y3 = p.threeYearHourly().map(h -> h * Price.HOURS_PER_MONTH * count + storage);
                lines.add(new CostLine(
                        w.id(),
                        r.id(),
                        r.name(),
                        item,
                        round(now),
                        round(od),
                        y1.map(Costing::round),
                        y3.map(Costing::round),
                        label(p.source())));
                onDemand += od;
                oneYear += y1.orElse(od);
                threeYear += y3.orElse(od);
            }
        }
        return new CostComparison(
                "USD",
                round(current),
                round(retired),
                round(retained),
                round(onDemand),
                round(oneYear),
                round(threeYear),
                Math.round(effort * 10) / 10.0,
                dayRate,
                round(Math.round(effort * 10) / 10.0 * dayRate),
                Math.round(transfer),
                new ArrayList<>(unpriced),
                new ArrayList<>(sources),
                lines);
    }

    /** Person-days: rehosting a server 1.5, a database 5 (+3 with an engine upgrade), objects 1 per 10 TB... */
    static double effortDays(Workload w, Decision d, Map<String, Resource> byId) {
        if (w.foundation()) {
            return 10;
        }
        double days = 0;
        switch (d.strategy()) {
            case RETIRE -> days += 0.5 * w.resourceIds().size();
            case RETAIN -> days += 0;
            case REPURCHASE -> days += 3;
            default -> {
                for (Sizing s : d.sizings()) {
                    days += switch (s.role()) {
                        case "vm" -> 1.5 * Math.max(1, s.count() / 3.0);
                        case "database" -> 5 + (upgrade(s, byId) ? 3 : 0);
                        case "bucket" -> 1 + s.storageGb() / 10_000;
                        case "function" -> 8;
                        case "load-balancer", "cdn" -> 1;
                        default -> 0.5;
                    };
                }
            }
        }
        return days;
    }

    private static boolean upgrade(Sizing s, Map<String, Resource> byId) {
        String from = Roles.engineVersion(byId.get(s.sourceId()));
        return !from.isEmpty()
                && Roles.major(from) > 0
                && Roles.major(from) != Roles.major(s.version().orElse(""));
    }

    static String label(PriceSource s) {
        return s.name() + ", " + s.asOf().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }
}
