package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What stands in a workload's way, read from the estate data: world-open admin ports, out-of-support
 * operating systems, engines and runtimes, unencrypted sensitive data, public databases, disabled
 * backups, licensing, GPUs and size limits. Each finding names the resource, what is wrong and what to
 * do, and whether that is a pre-step of the wave.
 */
final class Findings {
    /** Tags that mark sensitive data, and the values that mean "not sensitive". */
    private static final List<String> SENSITIVE_TAGS = List.of("data-classification", "student-data", "data");

    /** The oldest community-supported major versions as of the price snapshots (November 2026). */
    private static final Map<String, Integer> OLDEST_SUPPORTED = Map.of("postgres", 14, "mysql", 8);

    private Findings() {}

    static boolean sensitive(Resource r) {
        for (String key : SENSITIVE_TAGS) {
            Optional<String> v = r.tag(key);
            if (v.isPresent()) {
                String value = v.get().toLowerCase(Locale.ROOT);
                if (value.equals("false") || value.equals("public") || value.equals("none")) {
                    continue;
                }
                if (key.equals("data") && !value.contains("pii") && !value.contains("phi")) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    static String sensitivity(Resource r) {
        return r.tag("data-classification")
                .or(() -> r.tag("student-data").filter("true"::equalsIgnoreCase).map(x -> "student data"))
                .or(() -> r.tag("data"))
                .orElse("sensitive");
    }

    static List<Blocker> of(List<Resource> resources, Reachability reachability, Cloud target) {
        List<Blocker> out = new ArrayList<>();
        for (Resource r : resources) {
            switch (Roles.of(r)) {
                case "vm" -> vm(r, reachability, target, out);
                case "database" -> database(r, target, out);
                case "bucket" -> bucket(r, out);
                case "function" -> function(r, out);
                default -> {}
            }
        }
        return out;
    }

    private static void vm(Resource r, Reachability reachability, Cloud target, List<Blocker> out) {
        for (int port : new int[] {22, 3389}) {
            boolean open = guarded(reachability, r)
                    && reachability.inbound(r.id(), "tcp", port).stream()
                            .anyMatch(g -> g.peerKind().equals(Reachability.INTERNET));
            if (open) {
                String what = port == 22 ? "SSH (22)" : "RDP (3389)";
                out.add(new Blocker(
                        r.id(),
                        r.name(),
                        port == 22 ? "ssh-open-to-internet" : "rdp-open-to-internet",
                        "condition",
                        what + " is open to the internet (0.0.0.0/0)",
                        "Close it on the source before the move (restrict to the admin range or use managed "
                                + "access); the target allows " + what + " only from var.admin_cidr",
                        true));
            }
        }
        if ("optional".equals(r.property("metadataOptions").path("httpTokens").asString(""))) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "imdsv1-allowed",
                    "condition",
                    "the instance metadata service allows IMDSv1 (no session token)",
                    "Check that the application does not call the metadata endpoint without a token; on the "
                            + "target, metadata access is hardened by default",
                    false));
        }
        String os = Roles.osDetail(r).trim();
        if (os.matches("(?i).*(2000|2003).*")) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "os-unsupported-by-migration-tools",
                    "blocker",
                    "the operating system (" + os + ") is older than any migration tool supports",
                    "Rebuild the server on a supported Windows Server (2019 or 2022) before it can move",
                    true));
        } else if (os.matches("(?i).*(2008|2012).*")) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "os-out-of-support",
                    "condition",
                    "the operating system (" + os + ") is out of support",
                    "Rehost it as it is (" + TargetServices.vmMigration(target) + " still moves it), then upgrade in "
                            + "place to Windows Server 2022 in the wave after, or buy extended security updates; test the "
                            + "application on the upgraded OS",
                    false));
        }
        if (Roles.os(r).equals("windows")) {
            String licence = r.tag("license").orElse("");
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "windows-licensing",
                    "info",
                    "Windows Server" + (licence.isEmpty() ? "" : " (licence tag: " + licence + ")"),
                    licence.toLowerCase(Locale.ROOT).contains("byol")
                                    && !licence.toLowerCase(Locale.ROOT).contains("none")
                            ? "Bring your own licence needs licence mobility; confirm it before sizing the cost"
                            : "Priced with the licence included; with Software Assurance, "
                                    + (target == Cloud.AZURE
                                            ? "Azure Hybrid Benefit lowers it"
                                            : "BYOL on dedicated hosts may"),
                    false));
        }
        String sku = Roles.sku(r);
        if (sku.matches("(?i)(a2|a3|g2)-.*|p[2-5].*|g[4-6].*|Standard_N.*")) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "gpu",
                    "condition",
                    "a GPU machine (" + sku + ")",
                    "GPU capacity needs a quota request on " + target.displayName() + " before the wave",
                    true));
        }
        if (sku.matches("m4\\..*|m3\\..*|c4\\..*|r4\\..*|Standard_A\\d+|n1-.*")) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "previous-generation",
                    "info",
                    "a previous-generation size (" + sku + ")",
                    "Sized to a current generation on the target",
                    false));
        }
    }

    private static boolean guarded(Reachability reachability, Resource r) {
        try {
            reachability.inbound(r.id(), "tcp", 22);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void database(Resource r, Cloud target, List<Blocker> out) {
        String engine = Roles.engine(r);
        String version = Roles.engineVersion(r);
        Integer oldest = OLDEST_SUPPORTED.get(engine);
        int major = Roles.major(version);
        if (oldest != null && major > 0 && major < oldest) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "engine-out-of-support",
                    "condition",
                    engine + " " + version + " is out of community support",
                    "Replatform with an engine upgrade to " + engine + " " + Roles.targetVersion(engine, version)
                            + "; test the application against it in the wave's validation",
                    true));
        }
        boolean encrypted = r.property("storageEncrypted").asBoolean(true);
        if (!encrypted) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "unencrypted-database",
                    sensitive(r) ? "condition" : "info",
                    "the database is not encrypted at rest" + (sensitive(r) ? " and holds " + sensitivity(r) : ""),
                    "The target instance is encrypted at rest with a managed key; migrate by replication into it "
                            + "(an unencrypted snapshot cannot be restored as encrypted in place)",
                    sensitive(r)));
        }
        var ip = r.property("settings").path("ipConfiguration");
        boolean worldOpen = false;
        for (var net : ip.path("authorizedNetworks")) {
            worldOpen |= "0.0.0.0/0".equals(net.path("value").asString(""));
        }
        if (worldOpen || r.property("publiclyAccessible").asBoolean(false)) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "database-open-to-internet",
                    "condition",
                    "the database accepts connections from the internet",
                    "Close public access before the move; the target database is reachable only from the "
                            + "application subnets",
                    true));
        }
        var backups = r.property("settings").path("backupConfiguration");
        if (backups.has("enabled") && !backups.path("enabled").asBoolean(true)) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "backups-disabled",
                    "blocker",
                    "automated backups are disabled",
                    "Enable backups (and binary logging for MySQL) before the wave: the cutover and the rollback "
                            + "both need a restorable copy",
                    true));
        }
        double storage = Roles.storageGb(r);
        double limit =
                switch (target) {
                    case AZURE -> engine.equals("sqlserver") ? 4096 : 32768;
                    case AWS -> 65536;
                    case GCP -> 65536;
                };
        if (storage > limit) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "size-limit",
                    "blocker",
                    String.format(
                            Locale.ROOT,
                            "%.0f GB is more than the %s limit of %.0f GB",
                            storage,
                            target.displayName(),
                            limit),
                    "Split the data, or choose a service with a higher limit (Hyperscale, Aurora, AlloyDB)",
                    true));
        }
    }

    private static void bucket(Resource r, List<Blocker> out) {
        if (sensitive(r)) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "sensitive-data-transfer",
                    "condition",
                    "holds " + sensitivity(r) + ": the transfer must stay encrypted and logged",
                    "Use the target's transfer service over TLS into an encrypted, private bucket; keep the "
                            + "transfer logs for the audit trail",
                    false));
        }
    }

    private static final Set<String> EOL_RUNTIMES =
            Set.of("python3.6", "python3.7", "python3.8", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "go1.x");

    private static void function(Resource r, List<Blocker> out) {
        String runtime = r.text("runtime").orElse("");
        if (EOL_RUNTIMES.contains(runtime)) {
            out.add(new Blocker(
                    r.id(),
                    r.name(),
                    "runtime-out-of-support",
                    "condition",
                    "the function runtime " + runtime + " is out of support",
                    "Port the function to a supported runtime as part of the refactor",
                    true));
        }
    }
}
