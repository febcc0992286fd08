package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Kulturio plan, checked against what the estate data says (see the estate's definition). */
class KulturioPlanTest {
    static final PriceBook BOOK = BundledPriceBook.load();
    static final Inventory KULTURIO = Estates.load("kulturio");
    static final Plan TO_AZURE =
            new Planner(BOOK).plan(KULTURIO, "kulturio", Planner.Options.of(Cloud.AZURE), Optional.empty());

    static String id(String name) {
        return KULTURIO.resources().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .map(Resource::id)
                .orElseThrow();
    }

    static Workload workloadOf(Plan plan, String resourceName) {
        String id = id(resourceName);
        return plan.workloads().stream()
                .filter(w -> w.resourceIds().contains(id))
                .findFirst()
                .orElseThrow();
    }

    static Decision decisionOf(Plan plan, String resourceName) {
        return plan.decision(workloadOf(plan, resourceName).id()).orElseThrow();
    }

    static Sizing sizingOf(Plan plan, String resourceName) {
        return decisionOf(plan, resourceName).sizings().stream()
                .filter(s -> s.sourceName().equals(resourceName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sizing for " + resourceName));
    }

    static int waveOf(Plan plan, String resourceName) {
        String w = workloadOf(plan, resourceName).id();
        return plan.waves().stream()
                .filter(x -> x.workloads().contains(w))
                .findFirst()
                .orElseThrow(() -> new AssertionError(resourceName + " is in no wave"))
                .number();
    }

    @Test
    void thePostgres11DatabaseIsReplatformedWithAnEngineUpgrade() {
        Decision portal = decisionOf(TO_AZURE, "kulturio-phi-pg");
        assertEquals(Strategy.REPLATFORM, portal.strategy());
        Sizing pg = sizingOf(TO_AZURE, "kulturio-phi-pg");
        assertEquals("database", pg.role());
        assertEquals(Optional.of("postgres"), pg.engine());
        assertEquals(Optional.of("16"), pg.version(), "PostgreSQL 11 is past community support: upgrade to 16");
        assertEquals("Azure Database for PostgreSQL flexible server", pg.targetService());
        assertTrue(
                portal.rationale()
                        .contains("kulturio-phi-pg (postgres 11.22) to Azure Database for PostgreSQL "
                                + "flexible server with an engine upgrade to 16"),
                portal.rationale());
        assertTrue(portal.blockers().stream()
                .anyMatch(b -> b.code().equals("engine-out-of-support")
                        && b.resourceName().equals("kulturio-phi-pg")));
        assertTrue(
                portal.blockers().stream()
                        .anyMatch(b -> b.code().equals("unencrypted-database")
                                && b.resourceName().equals("kulturio-phi-pg")
                                && b.severity().equals("condition")),
                "unencrypted PHI is a condition of the move");
    }

    @Test
    void theWindowsBatchServerIsRehostedAsItIsWithItsReasonAndLicensing() {
        Decision batch = decisionOf(TO_AZURE, "kulturio-batch-win-1");
        assertEquals(Strategy.REHOST, batch.strategy());
        assertTrue(
                batch.rationale()
                        .contains("kulturio-batch-win-1 (Windows Server 2012 R2 Standard on m5.2xlarge, "
                                + "p95 CPU 88%, licence tag BYOL-none)"),
                batch.rationale());
        Blocker os = batch.blockers().stream()
                .filter(b -> b.code().equals("os-out-of-support"))
                .findFirst()
                .orElseThrow();
        assertEquals("condition", os.severity(), "2012 R2 still moves; it is upgraded after");
        assertEquals(Readiness.READY_WITH_CONDITIONS, batch.readiness());
        Sizing s = sizingOf(TO_AZURE, "kulturio-batch-win-1");
        assertEquals("windows", s.os());
        assertNotEquals("down", s.change(), "88% at p95 leaves no room to shrink: " + s.basis());
        assertTrue(s.targetVcpus() >= 8 * 0.88 * 1.3 - 1e-9, s.basis());
        assertTrue(batch.blockers().stream().anyMatch(b -> b.code().equals("windows-licensing")));
    }

    @Test
    void theAlbWebAndDatabaseChainLandsInOneWave() {
        int alb = waveOf(TO_AZURE, "kulturio-portal");
        assertTrue(alb >= 1, "after the landing zone");
        assertEquals(alb, waveOf(TO_AZURE, "kulturio-web-1"));
        assertEquals(alb, waveOf(TO_AZURE, "kulturio-app-internal"));
        assertEquals(alb, waveOf(TO_AZURE, "kulturio-app-3"));
        assertEquals(alb, waveOf(TO_AZURE, "kulturio-phi-pg"));
        assertEquals(alb, waveOf(TO_AZURE, "kulturio-phi-pg-replica"));
    }

    @Test
    void openSshIsAPreStepOfTheWaveThatMovesIt() {
        Decision bastion = decisionOf(TO_AZURE, "kulturio-bastion-1");
        assertEquals(Strategy.REPURCHASE, bastion.strategy(), bastion.rationale());
        assertTrue(bastion.rationale().contains("Azure Bastion"), bastion.rationale());
        Blocker ssh = bastion.blockers().stream()
                .filter(b -> b.code().equals("ssh-open-to-internet"))
                .findFirst()
                .orElseThrow();
        assertTrue(ssh.preStep());
        Wave wave = TO_AZURE.waves().get(waveOf(TO_AZURE, "kulturio-bastion-1"));
        assertTrue(
                wave.runbook().preChecks().stream()
                        .anyMatch(p -> p.startsWith("kulturio-bastion-1: Close it on the source")
                                && p.contains("var.admin_cidr")),
                wave.runbook().preChecks().toString());
        // The legacy reporting server, also open to SSH, is idle: retired, with its owner asked first.
        Decision legacy = decisionOf(TO_AZURE, "kulturio-reporting-legacy");
        assertEquals(Strategy.RETIRE, legacy.strategy());
        assertTrue(legacy.rationale().contains("confirm with bob@kulturio.example"), legacy.rationale());
        assertTrue(legacy.blockers().stream().anyMatch(b -> b.code().equals("ssh-open-to-internet")));
    }

    @Test
    void lowUtilizationIsSizedDown() {
        Sizing etl = sizingOf(TO_AZURE, "kulturio-etl-1");
        assertEquals("down", etl.change(), etl.basis());
        assertTrue(etl.targetVcpus() < 8, "c5.2xlarge at 9% p95 needs about 1 vCPU: " + etl.basis());
        Sizing quiet = sizingOf(TO_AZURE, "kulturio-app-5");
        assertEquals("down", quiet.change(), quiet.basis());
        Sizing busy = sizingOf(TO_AZURE, "kulturio-app-1");
        assertTrue(busy.targetVcpus() >= 4, "78% of 4 vCPU x 1.3 needs 4: " + busy.basis());
        assertTrue(quiet.targetVcpus() < busy.targetVcpus());
        assertTrue(etl.basis().startsWith("p95 CPU 9% of 8 vCPU x 1.3 = 1.0 vCPU"), etl.basis());
    }

    @Test
    void everyWorkloadHasADecisionAndTheRulesSortTheEstate() {
        Set<String> decided =
                TO_AZURE.decisions().stream().map(Decision::workload).collect(Collectors.toSet());
        assertEquals(TO_AZURE.workloads().stream().map(Workload::id).collect(Collectors.toSet()), decided);
        assertEquals(
                Strategy.REPURCHASE,
                decisionOf(TO_AZURE, "kulturio-monitoring-1").strategy());
        assertEquals(Strategy.RETIRE, decisionOf(TO_AZURE, "unattached-1").strategy());
        assertEquals(
                Strategy.REFACTOR,
                decisionOf(TO_AZURE, "kulturio-report-mailer").strategy());
        assertTrue(
                decisionOf(TO_AZURE, "kulturio-report-mailer").blockers().stream()
                        .anyMatch(b -> b.code().equals("runtime-out-of-support")),
                "python3.7");
        assertEquals(
                Strategy.REPLATFORM,
                decisionOf(TO_AZURE, "kulturio-imaging-archive").strategy());
        assertEquals("dev", workloadOf(TO_AZURE, "kulturio-dev-web").environment());
        assertEquals(workloadOf(TO_AZURE, "kulturio-dev-web"), workloadOf(TO_AZURE, "kulturio-dev-db"));
        for (Decision d : TO_AZURE.decisions()) {
            assertFalse(d.rationale().isBlank(), d.workload());
            assertTrue(d.confidence() >= 0.2 && d.confidence() <= 0.95, d.workload());
        }
        // Every resource is in exactly one workload.
        long placed = TO_AZURE.workloads().stream()
                .mapToLong(w -> w.resourceIds().size())
                .sum();
        assertEquals(KULTURIO.resources().size(), placed);
    }

    @Test
    void wavesRespectDependenciesAndStartWithTheLandingZone() {
        List<Wave> waves = TO_AZURE.waves();
        assertEquals(0, waves.get(0).number());
        assertEquals(List.of("foundation"), waves.get(0).workloads());
        for (Wave w : waves) {
            for (int before : w.after()) {
                assertTrue(before < w.number(), w.name() + " after " + before);
            }
            assertFalse(w.runbook().steps().isEmpty(), w.name());
            assertFalse(w.runbook().rollback().isEmpty(), w.name());
        }
        Wave last = waves.get(waves.size() - 1);
        assertEquals("Decommission", last.name());
        assertTrue(last.workloads()
                .contains(workloadOf(TO_AZURE, "kulturio-reporting-legacy").id()));
    }

    @Test
    void theCostComparesTheRunRateWithDatedPrices() {
        CostComparison cost = TO_AZURE.cost();
        double moved = TO_AZURE.workloads().stream()
                .filter(w -> {
                    Strategy s = TO_AZURE.decision(w.id()).orElseThrow().strategy();
                    return s != Strategy.RETIRE && s != Strategy.RETAIN;
                })
                .flatMap(w -> w.resourceIds().stream())
                .mapToDouble(id -> KULTURIO.byId().get(id).monthlyCost().orElse(0.0))
                .sum();
        assertEquals(Math.round(moved * 100) / 100.0, cost.currentMonthly(), 0.01);
        double lines =
                cost.lines().stream().mapToDouble(CostLine::onDemandMonthly).sum();
        assertEquals(cost.targetOnDemandMonthly(), lines, 0.05);
        assertTrue(cost.targetThreeYearMonthly() < cost.targetOneYearMonthly());
        assertTrue(cost.targetOneYearMonthly() < cost.targetOnDemandMonthly());
        assertFalse(cost.sources().isEmpty());
        assertTrue(
                cost.lines().stream().allMatch(l -> l.source().matches(".+, \\d{4}-\\d{2}-\\d{2}")),
                "every line is dated");
        assertTrue(cost.migrationEffortDays() > 0 && cost.migrationEffortCost() == cost.migrationEffortDays() * 900);
        assertTrue(cost.retiredMonthly() > 0, "retiring the idle server and the orphans saves money");
    }
}
