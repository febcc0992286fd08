package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.Planner;
import io.sirsi.mcp.migration.Ref;
import io.sirsi.mcp.migration.TargetModel;
import io.sirsi.mcp.migration.TargetResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** check_plan: what the plan would build is checked, and each current finding is fixed, carried or left. */
class PlanCheckTest {
    private static final CheckCatalog CATALOG = CheckCatalog.bundled();

    private static Map<String, String> outcomes(PlanCheck.Result r) {
        return r.verdicts().stream()
                .collect(Collectors.toMap(
                        v -> v.finding().checkId() + "@" + v.finding().resourceName(),
                        PlanCheck.Verdict::outcome,
                        (a, b) -> a,
                        java.util.TreeMap::new));
    }

    @Test
    void theKulturioPlanFixesThePhiDatabaseAndTheOldWindowsServer() {
        var r = new PlanCheck(CATALOG)
                .check(
                        new EstateInput("kulturio", Planner.estate("kulturio")),
                        Cloud.AZURE,
                        Optional.empty(),
                        Optional.empty());
        Map<String, String> outcomes = outcomes(r);
        assertEquals("fixed", outcomes.get("aws-rds-storage-unencrypted@kulturio-phi-pg"), outcomes.toString());
        assertEquals("fixed", outcomes.get("aws-rds-engine-outdated@kulturio-phi-pg"));
        assertEquals("fixed", outcomes.get("aws-ec2-instance-os-unsupported@kulturio-batch-win-1"), "rebuilt on 2022");
        assertEquals("notMoved", outcomes.get("aws-ec2-instance-imdsv1@kulturio-reporting-legacy"), "retired");
        assertEquals(
                "unverified",
                outcomes.get("aws-ec2-instance-admin-via-exposed-host@kulturio-web-1"),
                "no plan check looks at a VM's exposure");
        assertEquals("notMoved", outcomes.get("aws-iam-policy-admin-wildcard@kulturio-ops-everything"));
        assertEquals(r.current().findings().size(), r.verdicts().size());
        assertTrue(
                r.planned().findings().isEmpty(),
                "the planner builds no known risk: " + r.planned().findings());
        assertTrue(r.planned().checksRun() >= 8);
    }

    @Test
    void aTargetThatKeepsTheRiskCarriesIt() {
        Instant at = Instant.parse("2026-11-01T06:00:00Z");
        var db = TargetResource.builder("phi_pg", "database", "portal")
                .replaces(Planner.estate("kulturio").resources().stream()
                        .filter(x -> x.name().equals("kulturio-phi-pg"))
                        .findFirst()
                        .orElseThrow()
                        .id())
                .with("engine", "postgres")
                .with("version", "11")
                .with("encrypted", false)
                .build();
        var fw = TargetResource.builder("web_fw", "firewall", "portal")
                .with("network", Ref.to("net"))
                .with(
                        "rules",
                        List.of(Map.of(
                                "protocol", "tcp", "fromPort", 22, "toPort", 22, "sources", List.of("0.0.0.0/0"))))
                .build();
        var fine = TargetResource.builder("app_fw", "firewall", "portal")
                .with("network", Ref.to("net"))
                .with(
                        "rules",
                        List.of(Map.of(
                                "protocol",
                                "tcp",
                                "fromPort",
                                22,
                                "toPort",
                                22,
                                "sources",
                                List.<Object>of("10.50.0.0/16"))))
                .build();
        var net = TargetResource.builder("net", "network", "landing-zone")
                .with("cidr", "10.0.0.0/16")
                .build();
        TargetModel model = new TargetModel(Cloud.AZURE, "westeurope", List.of(net, db, fw, fine), List.of());
        Scan planned = Scanner.run("p", PlannedTarget.of(model, "kulturio", at), CATALOG.checks());
        assertEquals(
                List.of(
                        "plan-database-engine-outdated@phi_pg",
                        "plan-database-unencrypted@phi_pg",
                        "plan-firewall-admin-open@web_fw"),
                planned.findings().stream()
                        .map(f -> f.checkId() + "@" + f.resourceName())
                        .sorted()
                        .toList());
        Scan current = Scanner.run("kulturio", Planner.estate("kulturio"), CATALOG.checks());
        var verdicts = PlanCheck.verdicts(current, planned, model, CATALOG.checks());
        var byKey = verdicts.stream()
                .collect(Collectors.toMap(
                        v -> v.finding().checkId() + "@" + v.finding().resourceName(), PlanCheck.Verdict::outcome));
        assertEquals("carried", byKey.get("aws-rds-storage-unencrypted@kulturio-phi-pg"));
        assertEquals("carried", byKey.get("aws-rds-engine-outdated@kulturio-phi-pg"));
        assertEquals("notMoved", byKey.get("aws-ec2-instance-imdsv1@kulturio-reporting-legacy"));
    }
}
