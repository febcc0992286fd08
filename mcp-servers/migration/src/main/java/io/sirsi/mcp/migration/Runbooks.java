package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes each wave's runbook from its decisions: the findings' pre-steps and the target quotas to
 * check, a backup of everything that moves, the steps for each resource by its strategy and role
 * (replicate servers, replicate databases with change data capture, copy objects, switch DNS), the
 * checks that prove the move, and the way back.
 */
final class Runbooks {
    /** How long the source stays intact, stopped, after a cutover: the rollback window. */
    static final int ROLLBACK_DAYS = 14;

    private final Map<String, Resource> byId;
    private final Map<String, Workload> workloads;
    private final Map<String, Decision> decisions;
    private final Cloud target;

    Runbooks(Inventory inventory, Map<String, Workload> workloads, Map<String, Decision> decisions, Cloud target) {
        this.byId = inventory.byId();
        this.workloads = workloads;
        this.decisions = decisions;
        this.target = target;
    }

    Runbook landingZone(List<String> foundation) {
        return new Runbook(
                List.of(
                        "Agree the target address plan: the network must not overlap the source networks it will talk "
                                + "to during the migration",
                        "Set var.admin_cidr to the administrators' range; no admin port is opened to the internet",
                        "Check the account, subscription or project limits for the sizes in later waves"),
                List.of(
                        "Export the source's network, firewall and identity configuration (the inventory is the record)"),
                List.of(
                        "Apply the generated IaC's network, subnet, firewall and identity resources on "
                                + target.displayName(),
                        "Connect the source and the target privately (site-to-site VPN or interconnect) for replication",
                        "Route the target's logs to the central log store and turn on its audit trail"),
                List.of(
                        "A test machine in each subnet reaches the others only where the firewall rules allow",
                        "Replication traffic flows over the private link, not the internet"),
                List.of("Destroy the landing zone with the IaC (nothing depends on it yet)"));
    }

    Runbook wave(List<String> ids) {
        Set<String> pre = new LinkedHashSet<>();
        List<String> backups = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        Set<String> validation = new LinkedHashSet<>();
        Set<String> rollback = new LinkedHashSet<>();
        pre.add("Wave 0's landing zone is in place and the private link is up");
        Map<String, Double> vcpusBySize = new TreeMap<>();
        boolean dns = false;
        for (String id : ids) {
            Decision d = decisions.get(id);
            for (Blocker b : d.blockers()) {
                if (b.preStep()) {
                    pre.add(b.resourceName() + ": " + b.remedy());
                }
            }
            for (Sizing s : d.sizings()) {
                Resource r = byId.get(s.sourceId());
                switch (s.role()) {
                    case "vm" -> {
                        vcpusBySize.merge(s.targetSku(), s.targetVcpus() * s.count(), Double::sum);
                        backups.add("Snapshot the disks of " + r.name() + " (an image or crash-consistent snapshots)");
                        steps.add("Replicate " + r.name() + " with " + TargetServices.vmMigration(target) + " to a "
                                + s.targetSku() + (s.count() > 1 ? " x " + s.count() : "") + "; launch a test copy; at "
                                + "cutover, stop the source, do the final sync and start the target");
                        validation.add(r.name() + ": the service answers its health check on the target");
                        rollback.add("Start " + r.name() + " again on the source and point traffic back");
                    }
                    case "database" -> {
                        String engine = s.engine().orElse("");
                        backups.add(
                                "Take a final snapshot of " + r.name() + " and restore it once to prove it restores");
                        steps.add("Create " + s.targetService() + " " + s.targetSku() + " (" + engine + " "
                                + s.version().orElse("") + ", encrypted) from the IaC; run "
                                + TargetServices.databaseMigration(target) + " from " + r.name()
                                + " (full load, then change data capture); at cutover, stop writes, wait for zero lag, "
                                + "switch the connection strings");
                        validation.add(r.name() + ": row counts and checksums of every table match the source");
                        if (!Roles.engineVersion(r).isEmpty()
                                && Roles.major(Roles.engineVersion(r))
                                        != Roles.major(s.version().orElse(""))) {
                            validation.add(r.name() + ": the application's test suite passes on " + engine + " "
                                    + s.version().orElse("") + " (engine upgrade)");
                        }
                        rollback.add("Point the application back at " + r.name()
                                + ", which stays read-write until the cutover and intact for " + ROLLBACK_DAYS
                                + " days");
                    }
                    case "bucket" -> {
                        backups.add(
                                "Turn on versioning (or an inventory) of " + r.name() + " so the copy can be checked");
                        steps.add(String.format(
                                Locale.ROOT,
                                "Copy %s (%.0f GB) to %s with %s, then sync the changes until cutover; switch the "
                                        + "applications' endpoints",
                                r.name(),
                                s.storageGb(),
                                s.targetService(),
                                TargetServices.objectTransfer(target)));
                        validation.add(
                                r.name() + ": object counts and total bytes match; a sample of checksums matches");
                        rollback.add("Point the applications back at " + r.name()
                                + " (it keeps receiving until the cutover)");
                    }
                    case "load-balancer" -> {
                        dns = true;
                        steps.add("Create the " + s.targetService() + " for " + r.name() + " from the IaC; at cutover "
                                + "switch DNS to it");
                        validation.add(r.name() + ": requests through the new load balancer succeed and p95 latency "
                                + "is no worse than the source's");
                        rollback.add("Switch DNS back to " + r.name());
                    }
                    case "function" -> {
                        steps.add("Port " + r.name() + " to " + s.targetService() + ", deploy it beside the source and "
                                + "move its triggers");
                        validation.add(r.name() + ": a test event produces the same result as on the source");
                        rollback.add("Re-enable the triggers of " + r.name() + " on the source");
                    }
                    case "cdn" -> {
                        dns = true;
                        steps.add("Create the " + s.targetService() + " profile for " + r.name()
                                + " and switch the hostnames' DNS");
                        validation.add(r.name() + ": cached objects are served from the new CDN");
                        rollback.add("Switch the CDN hostnames back to " + r.name());
                    }
                    default -> {}
                }
            }
            if (d.strategy() == Strategy.REPURCHASE) {
                steps.add(workloads.get(id).name() + ": " + d.rationale()
                        + "; run both side by side for a week, then switch off the old one");
                validation.add(workloads.get(id).name() + ": the replacement covers what the old one did");
                rollback.add("Keep " + workloads.get(id).name() + " running until the replacement is accepted");
            }
        }
        vcpusBySize.forEach((sku, vcpus) -> pre.add(
                "The " + target.displayName() + " quota allows " + Rightsizer.fmt(vcpus) + " more vCPU of " + sku));
        if (dns) {
            pre.add("Lower the DNS records' TTL to 60 seconds at least 48 hours before the cutover");
        }
        pre.add("Announce the cutover window to the workloads' owners and freeze changes on them");
        validation.add("Monitoring and alerts for the moved workloads are green for 24 hours");
        List<String> back = new ArrayList<>(rollback);
        back.add("Keep every source resource stopped but intact for " + ROLLBACK_DAYS + " days after the cutover");
        return new Runbook(new ArrayList<>(pre), backups, steps, new ArrayList<>(validation), back);
    }

    Runbook decommission(List<String> ids) {
        List<String> pre = new ArrayList<>();
        List<String> backups = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (String id : ids) {
            Workload w = workloads.get(id);
            Decision d = decisions.get(id);
            pre.add(w.name() + ": " + d.rationale());
            for (String rid : w.resourceIds()) {
                Resource r = byId.get(rid);
                if (Roles.of(r).equals("vm")
                        || r.type().endsWith("volume")
                        || r.type().endsWith("disk")) {
                    backups.add("Snapshot " + r.name() + " and keep the snapshot for 90 days");
                }
            }
            steps.add("Stop " + w.name() + "'s resources for two weeks (a scream test), then delete them");
        }
        return new Runbook(
                pre,
                backups,
                steps,
                List.of(
                        "Nobody has asked for the stopped resources during the scream test",
                        "The bill no longer shows them"),
                List.of("Start the stopped resources again, or restore them from the snapshots"));
    }
}
