package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IacWritersTest {
    /** The sizing roles the target model builds a resource for, with the kind it builds. */
    private static final Map<String, String> BUILT =
            Map.of("vm", "vm", "database", "database", "bucket", "bucket", "load-balancer", "load-balancer");

    @Test
    void listsTheFourFormats() {
        assertEquals(
                List.of("terraform", "bicep", "pulumi", "cloudformation"),
                IacWriters.all().stream().map(IacWriter::format).toList());
    }

    @Test
    void findsAWriterByFormatInAnyCase() {
        assertEquals(BicepWriter.class, IacWriters.of(" Bicep ").getClass());
        assertEquals(CloudFormationWriter.class, IacWriters.of("CLOUDFORMATION").getClass());
    }

    @Test
    void anUnknownFormatNamesTheFormats() {
        MigrationException e = assertThrows(MigrationException.class, () -> IacWriters.of("ansible"));
        assertTrue(
                e.getMessage().contains("ansible")
                        && e.getMessage().contains("terraform, bicep, pulumi, cloudformation"),
                e.getMessage());
    }

    @Test
    void saysWhichFormatsEachCloudHas() {
        assertEquals(
                List.of("terraform", "pulumi", "cloudformation"),
                IacWriters.supporting(Cloud.AWS).stream().map(IacWriter::format).toList());
        assertEquals(
                List.of("terraform", "bicep", "pulumi"),
                IacWriters.supporting(Cloud.AZURE).stream()
                        .map(IacWriter::format)
                        .toList());
        assertEquals(
                List.of("terraform", "pulumi"),
                IacWriters.supporting(Cloud.GCP).stream().map(IacWriter::format).toList());
    }

    @Test
    void everyAzureWriterRefusesHighAvailabilityOnABurstableDatabase() {
        TargetModel model = new TargetModel(
                Cloud.AZURE,
                "westeurope",
                List.of(
                        TargetResource.builder("net", "network", "w")
                                .with("cidr", "10.0.0.0/16")
                                .build(),
                        TargetResource.builder("data", "subnet", "w")
                                .with("network", Ref.to("net"))
                                .with("cidr", "10.0.1.0/24")
                                .build(),
                        TargetResource.builder("db", "database", "w")
                                .with("engine", "mysql")
                                .with("version", "8.0")
                                .with("size", "B_Standard_B2s")
                                .with("storageGb", 20)
                                .with("subnets", List.of(Ref.to("data")))
                                .with("highAvailability", true)
                                .with("password", VarRef.to("db_password"))
                                .build()),
                List.of(Variable.secret("db_password", "password")));
        for (IacWriter writer : IacWriters.supporting(Cloud.AZURE)) {
            MigrationException e = assertThrows(MigrationException.class, () -> writer.write(model), writer.format());
            assertTrue(e.getMessage().contains("db asks for high availability on B_Standard_B2s"), e.getMessage());
        }
    }

    /**
     * No resource in the plan is lost on the way to the target model: every sizing of a decision that builds
     * on the target, in a role the model builds, has a target resource replacing its source, and each kind
     * has as many resources as the sizings ask for (a VM sizing's count of instances).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sirsi.mcp.migration.IacFixtures#planned")
    void thePlannedModelHasAResourceForEverySizingThatBuildsOnTheTarget(IacFixtures.Case c) {
        Plan plan = c.plan().orElseThrow();
        List<String> lost = new ArrayList<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        BUILT.values().forEach(kind -> expected.put(kind, 0));
        for (Decision d : plan.decisions()) {
            if (!d.strategy().buildsOnTarget()) {
                continue;
            }
            for (Sizing s : d.sizings()) {
                String kind = BUILT.get(s.role());
                if (kind == null) {
                    continue;
                }
                expected.merge(kind, kind.equals("vm") ? s.count() : 1, Integer::sum);
                List<TargetResource> replacing = c.model().resources().stream()
                        .filter(r -> r.sourceIds().contains(s.sourceId()))
                        .toList();
                if (replacing.isEmpty()) {
                    lost.add(d.workload() + "/" + s.role() + " " + s.sourceName());
                } else if (replacing.stream().noneMatch(r -> r.kind().equals(kind))) {
                    lost.add(d.workload() + "/" + s.role() + " " + s.sourceName() + " became "
                            + replacing.stream().map(TargetResource::kind).toList());
                }
            }
        }
        assertEquals(List.of(), lost, "sizings with no target resource");
        Map<String, Integer> actual = new LinkedHashMap<>();
        BUILT.values()
                .forEach(kind -> actual.put(kind, (int) c.model().resources().stream()
                        .filter(r -> r.kind().equals(kind))
                        .count()));
        assertEquals(expected, actual, "target resources per kind");
        assertTrue(expected.values().stream().mapToInt(Integer::intValue).sum() > 5, "too few sizings: " + expected);
    }

    /** The planned models cover every demo estate to every cloud, and each writer that supports the cloud. */
    @Test
    void everyEstateIsPlannedToEveryCloud() {
        List<String> labels = IacFixtures.planned().map(IacFixtures.Case::label).toList();
        for (String estate : List.of("kulturio", "tvfone", "uniedu")) {
            for (Cloud cloud : Cloud.values()) {
                assertTrue(labels.contains(estate + " -> " + cloud.id()), estate + " -> " + cloud.id() + ": " + labels);
            }
        }
        assertEquals(
                Set.of("kulturio -> aws", "tvfone -> azure", "uniedu -> gcp"),
                Set.copyOf(IacFixtures.planned()
                        .filter(IacFixtures.Case::hasExisting)
                        .map(IacFixtures.Case::label)
                        .toList()),
                "same-cloud replans keep their landing network");
    }
}
