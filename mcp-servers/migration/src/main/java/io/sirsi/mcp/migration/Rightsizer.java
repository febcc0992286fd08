package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Percentiles;
import io.sirsi.mcp.inventory.Resource;
import io.sirsi.mcp.inventory.Utilization;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sizes a source resource for the target: the need is the source's capacity times its 95th-percentile
 * utilization times a comfort factor (Azure Migrate's performance-based sizing, at Turbonomic's
 * percentile); the target size is the cheapest one in the same family that meets it. Without
 * utilization the size is matched as it is.
 */
final class Rightsizer {
    /** Headroom over the observed peak, as Azure Migrate's default comfort factor. */
    static final double DEFAULT_COMFORT = 1.3;

    private final PriceBook book;
    private final Cloud source;
    private final Cloud target;
    private final String region;
    private final double comfort;

    Rightsizer(PriceBook book, Cloud source, Cloud target, String region, double comfort) {
        this.book = book;
        this.source = source;
        this.target = target;
        this.region = region;
        this.comfort = comfort;
    }

    Cloud target() {
        return target;
    }

    Sizing size(Resource r) {
        return switch (Roles.of(r)) {
            case "vm" -> vm(r);
            case "database" -> database(r);
            case "bucket" -> simple(r, "bucket", TargetServices.bucket(target), "STANDARD");
            case "load-balancer" -> simple(r, "load-balancer", TargetServices.loadBalancer(target), "application");
            case "function" ->
                simple(
                        r,
                        "function",
                        TargetServices.function(target),
                        r.text("runtime").orElse(""));
            case "cdn" -> simple(r, "cdn", TargetServices.cdn(target), "standard");
            default -> simple(r, "other", "carried with its workload", "");
        };
    }

    private Sizing simple(Resource r, String role, String service, String sku) {
        return new Sizing(
                r.id(),
                r.name(),
                role,
                Roles.sku(r),
                service,
                sku,
                "n/a",
                1,
                0,
                0,
                0,
                0,
                Roles.storageGb(r),
                "n/a",
                role.equals("bucket")
                        ? String.format(Locale.ROOT, "%.0f GB of objects move to %s", Roles.storageGb(r), service)
                        : "moves to " + service,
                Optional.empty(),
                Optional.empty());
    }

    private Sizing vm(Resource r) {
        String sku = Roles.sku(r);
        String os = Roles.os(r);
        Optional<ComputeSku> spec = computeSpec(sku);
        double vcpus = spec.map(ComputeSku::vcpus).orElse(0);
        double memory = spec.map(ComputeSku::memoryGib).orElse(0.0);
        String family = spec.map(ComputeSku::family).orElseGet(() -> familyOf(sku));
        Need need = need(r, vcpus, memory, sku);
        List<ComputeSku> candidates = book.computeSkus(target).stream()
                .filter(s -> s.vcpus() >= need.vcpus() && s.memoryGib() >= need.memoryGib())
                .toList();
        List<ComputeSku> sameFamily = candidates.stream()
                .filter(s -> s.family().equals(preferredFamily(family, r)))
                .toList();
        List<ComputeSku> pool = sameFamily.isEmpty()
                ? candidates.stream()
                        .filter(s -> !s.family().equals("burstable"))
                        .toList()
                : sameFamily;
        Optional<ComputeSku> chosen = pool.stream()
                .min(Comparator.comparingDouble((ComputeSku s) -> book.compute(target, region, s.name(), os)
                                .map(Price::onDemandHourly)
                                .orElse(1e9 + s.vcpus() * 1000 + s.memoryGib()))
                        .thenComparing(ComputeSku::name));
        if (chosen.isEmpty()) {
            throw new MigrationException(String.format(
                    Locale.ROOT,
                    "No %s size meets %s's need of %.1f vCPU and %.1f GiB",
                    target.displayName(),
                    r.name(),
                    need.vcpus(),
                    need.memoryGib()));
        }
        ComputeSku t = chosen.get();
        return new Sizing(
                r.id(),
                r.name(),
                "vm",
                sku,
                TargetServices.vm(target),
                t.name(),
                os,
                Roles.count(r),
                vcpus,
                memory,
                t.vcpus(),
                t.memoryGib(),
                0,
                change(vcpus, memory, t.vcpus(), t.memoryGib()),
                need.basis() + "; " + t.name() + " (" + t.vcpus() + " vCPU, " + fmt(t.memoryGib()) + " GiB, "
                        + t.family() + ") is the cheapest " + target.displayName() + " size that meets it",
                Optional.empty(),
                Optional.empty());
    }

    private Sizing database(Resource r) {
        String sku = Roles.sku(r);
        String engine = Roles.engine(r);
        String version = Roles.engineVersion(r);
        Optional<DatabaseSku> spec = databaseSpec(sku);
        double vcpus = spec.map(DatabaseSku::vcpus).orElse(0);
        double memory = spec.map(DatabaseSku::memoryGib).orElse(0.0);
        Need need = need(r, vcpus, memory, sku);
        String family = dbFamily(sku);
        boolean prod = Workloads.environment(r).equals("prod");
        List<DatabaseSku> fits = book.databaseSkus(target, engine).stream()
                .filter(s -> s.vcpus() >= need.vcpus() && s.memoryGib() >= need.memoryGib())
                .filter(s -> !prod || !dbFamily(s.name()).equals("burstable") || family.equals("burstable"))
                .toList();
        List<DatabaseSku> same =
                fits.stream().filter(s -> dbFamily(s.name()).equals(family)).toList();
        Optional<DatabaseSku> chosen = (same.isEmpty() ? fits : same)
                .stream()
                        .min(Comparator.comparingDouble(
                                        (DatabaseSku s) -> book.database(target, region, engine, s.name())
                                                .map(Price::onDemandHourly)
                                                .orElse(1e9 + s.vcpus() * 1000 + s.memoryGib()))
                                .thenComparing(DatabaseSku::name));
        if (chosen.isEmpty()) {
            throw new MigrationException(String.format(
                    Locale.ROOT,
                    "No %s database size meets %s's need of %.1f vCPU and %.1f GiB",
                    target.displayName(),
                    r.name(),
                    need.vcpus(),
                    need.memoryGib()));
        }
        DatabaseSku t = chosen.get();
        String targetVersion = Roles.targetVersion(engine, version);
        String upgrade = version.isEmpty() || Roles.major(version) == Roles.major(targetVersion)
                ? ""
                : "; engine upgrade " + engine + " " + version + " to " + targetVersion;
        return new Sizing(
                r.id(),
                r.name(),
                "database",
                sku,
                TargetServices.database(target, engine),
                t.name(),
                "n/a",
                1,
                vcpus,
                memory,
                t.vcpus(),
                t.memoryGib(),
                Roles.storageGb(r),
                change(vcpus, memory, t.vcpus(), t.memoryGib()),
                need.basis() + "; " + t.name() + " (" + t.vcpus() + " vCPU, " + fmt(t.memoryGib())
                        + " GiB) is the cheapest " + "size that meets it" + upgrade,
                Optional.of(engine),
                Optional.of(targetVersion));
    }

    /** What the resource needs: capacity times p95 utilization times the comfort factor. */
    private Need need(Resource r, double vcpus, double memory, String sku) {
        if (vcpus <= 0) {
            return new Need(2, 4, sku + " is not in the size catalog: matched to 2 vCPU and 4 GiB; check it");
        }
        Optional<Utilization> u = r.utilization();
        Optional<Percentiles> cpu = u.flatMap(Utilization::cpuPercent);
        Optional<Percentiles> mem = u.flatMap(Utilization::memoryPercent);
        if (cpu.isEmpty()) {
            return new Need(
                    vcpus,
                    memory,
                    "no utilization data: matched as is (" + fmt(vcpus) + " vCPU, " + fmt(memory) + " GiB)");
        }
        double needV = Math.max(1, vcpus * cpu.get().p95() / 100 * comfort);
        double needM =
                mem.map(p -> Math.max(0.5, memory * p.p95() / 100 * comfort)).orElse(memory);
        String basis = String.format(
                Locale.ROOT,
                "p95 CPU %.0f%% of %s vCPU x %.1f = %.1f vCPU; %s",
                cpu.get().p95(),
                fmt(vcpus),
                comfort,
                needV,
                mem.map(p -> String.format(
                                Locale.ROOT,
                                "p95 memory %.0f%% of %s GiB x %.1f = %.1f GiB",
                                p.p95(),
                                fmt(memory),
                                comfort,
                                needM))
                        .orElse("no memory data: memory kept at " + fmt(memory) + " GiB"));
        return new Need(needV, needM, basis + " (over " + u.get().windowDays() + " days)");
    }

    private record Need(double vcpus, double memoryGib, String basis) {}

    private Optional<ComputeSku> computeSpec(String sku) {
        for (Cloud c : List.of(source, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
            Optional<ComputeSku> found = book.computeSize(c, sku);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<DatabaseSku> databaseSpec(String sku) {
        for (Cloud c : List.of(source, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
            Optional<DatabaseSku> found = book.databaseSize(c, sku);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The family a size name says, where the catalog does not know it. */
    static String familyOf(String sku) {
        String s = sku.toLowerCase(Locale.ROOT);
        if (s.matches("(db\\.)?[rxz]\\d.*|.*highmem.*|standard_e\\d.*|.*-ultramem.*|m\\d-megamem.*")) {
            return "memory";
        }
        if (s.matches("(db\\.)?c\\d.*|.*highcpu.*|standard_f\\d.*|c2-.*|c3-.*")) {
            return "compute";
        }
        if (s.matches("(db\\.)?t\\d.*|standard_b\\d.*|e2-(micro|small|medium)|f1-micro|g1-small")) {
            return "burstable";
        }
        return "general";
    }

    /** A database size's family from its name: burstable, memory (optimized) or general. */
    static String dbFamily(String sku) {
        String s = sku.toLowerCase(Locale.ROOT);
        if (s.startsWith("db.t")
                || s.startsWith("b_")
                || s.contains("standard_b")
                || s.startsWith("db-f1")
                || s.startsWith("db-g1")
                || s.matches("s[0-4]|basic")) {
            return "burstable";
        }
        if (s.startsWith("db.r")
                || s.startsWith("db.x")
                || s.startsWith("db.z")
                || s.startsWith("mo_")
                || s.contains("highmem")
                || s.contains("standard_e")) {
            return "memory";
        }
        return "general";
    }

    /** Burstable sizes only for what is small and quiet or not production; otherwise the source's class. */
    private static String preferredFamily(String family, Resource r) {
        if (family.equals("burstable") && Workloads.environment(r).equals("prod")) {
            double p95 = r.utilization()
                    .flatMap(Utilization::cpuPercent)
                    .map(Percentiles::p95)
                    .orElse(100.0);
            return p95 <= 40 ? "burstable" : "general";
        }
        return family;
    }

    private static String change(double vcpus, double memory, double tv, double tm) {
        if (vcpus <= 0) {
            return "n/a";
        }
        if (tv < vcpus || (tv == vcpus && tm < memory)) {
            return "down";
        }
        if (tv > vcpus || tm > memory) {
            return "up";
        }
        return "same";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
