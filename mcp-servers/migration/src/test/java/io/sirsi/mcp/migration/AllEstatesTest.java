package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every demo estate to every other cloud: assessment, waves, cost and IaC in every format the cloud takes. */
class AllEstatesTest {
    private static final Planner PLANNER = new Planner(KulturioPlanTest.BOOK);

    static Stream<Arguments> moves() {
        List<Arguments> out = new ArrayList<>();
        for (String estate : List.of("kulturio", "tvfone", "uniedu")) {
            Cloud source = Cloud.of(Estates.PROVIDERS.get(estate));
            for (Cloud target : Cloud.values()) {
                if (target != source) {
                    out.add(Arguments.of(estate, target));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("moves")
    void eachEstateIsAssessedPlannedPricedAndWritten(String estate, Cloud target) {
        Inventory inventory = Estates.load(estate);
        Plan plan = PLANNER.plan(inventory, estate, Planner.Options.of(target), Optional.empty());
        assertEquals(plan.workloads().size(), plan.decisions().size());
        assertTrue(
                plan.waves().size() >= 3,
                "landing zone, at least one move, and more: " + plan.waves().size());
        assertFalse(plan.cost().lines().isEmpty());
        assertTrue(plan.cost().targetOnDemandMonthly() > 0);
        assertTrue(plan.cost().sources().stream().allMatch(s -> s.cloud() == target));
        TargetModel model = PLANNER.targetModel(inventory, plan, Map.of());
        for (IacWriter writer : IacWriters.all()) {
            if (writer.supports(target)) {
                List<IacFile> files = writer.write(model);
                assertFalse(files.isEmpty(), writer.format());
                assertTrue(files.stream().allMatch(f -> !f.content().isBlank()), writer.format());
            } else {
                var error = assertThrows(MigrationException.class, () -> writer.write(model));
                assertTrue(
                        error.getMessage().contains(writer.format().equals("bicep") ? "Azure" : "AWS"),
                        error.getMessage());
            }
        }
    }

    @Test
    void allFourFormatsAreWrittenAcrossTheTargets() {
        Set<String> written = new TreeSet<>();
        moves().forEach(a -> {
            Cloud target = (Cloud) a.get()[1];
            IacWriters.all().stream().filter(w -> w.supports(target)).forEach(w -> written.add(w.format()));
        });
        assertEquals(Set.of("bicep", "cloudformation", "pulumi", "terraform"), written);
    }

    private static Decision decisionOf(Plan plan, Inventory inventory, String name) {
        String id = inventory.resources().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .map(Resource::id)
                .orElseThrow();
        String w = plan.workloads().stream()
                .filter(x -> x.resourceIds().contains(id))
                .findFirst()
                .orElseThrow()
                .id();
        return plan.decision(w).orElseThrow();
    }

    @Test
    void tvfoneToAwsFollowsItsData() {
        Inventory tvfone = Estates.load("tvfone");
        Plan plan = PLANNER.plan(tvfone, "tvfone", Planner.Options.of(Cloud.AWS), Optional.empty());
        Decision playout = decisionOf(plan, tvfone, "vm-playout-legacy");
        assertEquals(Strategy.REHOST, playout.strategy());
        assertTrue(
                playout.blockers().stream()
                        .anyMatch(b -> b.code().equals("os-out-of-support")
                                && b.message().contains("2008-R2")),
                playout.blockers().toString());
        assertEquals(Strategy.REPURCHASE, decisionOf(plan, tvfone, "vm-jumpbox").strategy());
        assertEquals(
                Strategy.RETAIN,
                decisionOf(plan, tvfone, "vm-web-dr-01").strategy(),
                "a DR copy waits for its primary");
        Decision subscribers = decisionOf(plan, tvfone, "subscribers");
        assertEquals(Strategy.REPLATFORM, subscribers.strategy());
        assertTrue(subscribers.sizings().stream()
                .anyMatch(s -> s.sourceName().equals("subscribers")
                        && s.targetService().equals("Amazon RDS for SQL Server")));
        Sizing encoder = decisionOf(plan, tvfone, "vm-encoder-01").sizings().stream()
                .filter(s -> s.sourceName().equals("vm-encoder-01"))
                .findFirst()
                .orElseThrow();
        assertEquals("windows", encoder.os());
        assertTrue(encoder.targetVcpus() >= 16, "94% of 16 vCPU needs more than 16: " + encoder.basis());
    }

    @Test
    void unieduToAzureFollowsItsData() {
        Inventory uniedu = Estates.load("uniedu");
        Plan plan = PLANNER.plan(uniedu, "uniedu", Planner.Options.of(Cloud.AZURE), Optional.empty());
        Decision lms = decisionOf(plan, uniedu, "lms-mysql");
        assertEquals(Strategy.REPLATFORM, lms.strategy());
        Sizing mysql = lms.sizings().stream()
                .filter(s -> s.sourceName().equals("lms-mysql"))
                .findFirst()
                .orElseThrow();
        assertEquals(Optional.of("8.0"), mysql.version(), "MySQL 5.7 is upgraded to 8.0");
        assertTrue(lms.blockers().stream()
                .anyMatch(
                        b -> b.code().equals("backups-disabled") && b.severity().equals("blocker")));
        assertTrue(lms.blockers().stream().anyMatch(b -> b.code().equals("database-open-to-internet")));
        assertEquals(Readiness.NOT_READY, lms.readiness(), "backups must be on before the move");
        Decision gpu = decisionOf(plan, uniedu, "research-gpu-1");
        assertEquals(Strategy.RETIRE, gpu.strategy(), gpu.rationale());
        assertTrue(gpu.rationale().contains("confirm with physics"), gpu.rationale());
        Sizing quiet = lms.sizings().stream()
                .filter(s -> s.sourceName().equals("lms-web-4"))
                .findFirst()
                .orElseThrow();
        assertEquals("down", quiet.change(), quiet.basis());
    }

    @Test
    void aLoadBalancerReachesItsServersThroughABackendService() {
        Inventory uniedu = Estates.load("uniedu");
        Plan plan = PLANNER.plan(uniedu, "uniedu", Planner.Options.of(Cloud.AWS), Optional.empty());
        TargetResource lb = PLANNER.targetModel(uniedu, plan, Map.of())
                .resource("lms_https")
                .orElseThrow();
        assertEquals(
                List.of("lms_web_1", "lms_web_2", "lms_web_3", "lms_web_4"),
                ((List<?>) lb.properties().get("targets"))
                        .stream().map(t -> ((Ref) t).ref()).sorted().toList(),
                "lms-https exposes lms-web-backend, which exposes the four web servers");
    }
}
