package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the template of every AWS {@link IacFixtures.Case}: the hand-built fixture and the planned models of
 * the demo estates on AWS. Fixture-only assertions (one firewall admitting another, fixed names) stay on the
 * fixture.
 */
class CloudFormationWriterTest {
    private static final String CASES = "io.sirsi.mcp.migration.IacFixtures#awsCases";
    private static final IacRequired REQUIRED = IacRequired.load("cloudformation-required.txt");
    private static final Set<String> PSEUDO = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");
    private static final Pattern SUB = Pattern.compile("\\$\\{(?!!)([^}.]+)(\\.[^}]+)?}");

    private final CloudFormationWriter writer = new CloudFormationWriter();

    private String text() {
        return text(IacFixtures.aws());
    }

    private String text(TargetModel model) {
        List<IacFile> files = writer.write(model);
        assertEquals(List.of("template.yaml"), files.stream().map(IacFile::path).toList());
        return files.getFirst().content();
    }

    private Map<String, Object> template() {
        return template(IacFixtures.aws());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> template(TargetModel model) {
        return new YAMLMapper().readValue(text(model), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(Map<String, Object> template, String name) {
        return (Map<String, Map<String, Object>>) template.get(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void isATemplate(IacFixtures.Case c) {
        Map<String, Object> template = template(c.model());
        assertEquals("2010-09-09", template.get("AWSTemplateFormatVersion"));
        assertTrue(section(template, "Resources").size() > 20);
        assertFalse(section(template, "Outputs").isEmpty());
        assertFalse(section(template, "Parameters").containsKey("Region"), "a stack's region is AWS::Region");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyResourceHasARealTypeAndItsRequiredProperties(IacFixtures.Case c) {
        for (var resource : section(template(c.model()), "Resources").entrySet()) {
            String type = String.valueOf(resource.getValue().get("Type"));
            assertTrue(REQUIRED.knows(type), type + " is not in cloudformation-required.txt");
            Map<?, ?> properties = (Map<?, ?>) resource.getValue().getOrDefault("Properties", Map.of());
            assertEquals(List.of(), REQUIRED.missing(type, properties), resource.getKey() + " (" + type + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyReferenceResolves(IacFixtures.Case c) {
        String text = text(c.model());
        Map<String, Object> template = template(c.model());
        Set<String> resources = section(template, "Resources").keySet();
        Set<String> parameters = section(template, "Parameters").keySet();
        List<String> problems = new ArrayList<>();
        int[] count = {0};
        walk(template.get("Resources"), resources, parameters, problems, count);
        walk(template.get("Outputs"), resources, parameters, problems, count);
        for (var resource : section(template, "Resources").entrySet()) {
            Object dependsOn = resource.getValue().get("DependsOn");
            if (dependsOn != null && !resources.contains(String.valueOf(dependsOn))) {
                problems.add(resource.getKey() + " depends on " + dependsOn);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(count[0] > 40, "too few references: " + count[0]);
        for (String parameter : parameters) {
            assertTrue(
                    text.contains("Ref: " + parameter) || text.contains("${" + parameter + "}"),
                    "parameter " + parameter + " is never used");
        }
    }

    private static void walk(
            Object value, Set<String> resources, Set<String> parameters, List<String> problems, int[] count) {
        switch (value) {
            case Map<?, ?> map -> {
                if (map.size() == 1 && map.containsKey("Ref")) {
                    String ref = String.valueOf(map.get("Ref"));
                    count[0]++;
                    if (!resources.contains(ref) && !parameters.contains(ref) && !PSEUDO.contains(ref)) {
                        problems.add("Ref " + ref);
                    }
                } else if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
                    List<?> getAtt = (List<?>) map.get("Fn::GetAtt");
                    count[0]++;
                    if (getAtt.size() != 2 || !resources.contains(String.valueOf(getAtt.getFirst()))) {
                        problems.add("Fn::GetAtt " + getAtt);
                    }
                } else if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                    Matcher m = SUB.matcher(String.valueOf(map.get("Fn::Sub")));
                    while (m.find()) {
                        count[0]++;
                        String name = m.group(1);
                        boolean attribute = m.group(2) != null;
                        if (!(attribute
                                ? resources.contains(name)
                                : resources.contains(name) || parameters.contains(name) || PSEUDO.contains(name))) {
                            problems.add("Fn::Sub ${" + name + "}");
                        }
                    }
                } else {
                    map.values().forEach(v -> walk(v, resources, parameters, problems, count));
                }
            }
            case List<?> list -> list.forEach(v -> walk(v, resources, parameters, problems, count));
            default -> {}
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyTargetResourceIsAResource(IacFixtures.Case c) {
        Set<String> resources = section(template(c.model()), "Resources").keySet();
        List<String> names = IacFixtures.names(c.model());
        // The logical id is the name in PascalCase; two names with one PascalCase would need a suffix.
        assertEquals(
                names.size(),
                names.stream().map(IacNames::pascal).distinct().count(),
                "names that share a logical id: " + names);
        for (String logical : names) {
            assertTrue(resources.contains(IacNames.pascal(logical)), logical + " is missing: " + resources);
        }
    }

    /**
     * A load balancer sends traffic only to targets in the zones it has a subnet in; an application load
     * balancer and a DB subnet group need two zones.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void loadBalancersReachTheirTargetsAndSubnetGroupsSpanTwoZones(IacFixtures.Case c) {
        Map<String, Map<String, Object>> resources = section(template(c.model()), "Resources");
        Map<String, Object> zones = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            if (r.get("Type").equals("AWS::EC2::Subnet")) {
                Map<?, ?> select = (Map<?, ?>) properties(r).get("AvailabilityZone");
                zones.put(id, ((List<?>) select.get("Fn::Select")).getFirst());
            }
        });
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var entry : resources.entrySet()) {
            Map<?, ?> properties = properties(entry.getValue());
            switch (String.valueOf(entry.getValue().get("Type"))) {
                case "AWS::ElasticLoadBalancingV2::Listener" -> {
                    Map<String, Object> lb = resources.get(ref(properties.get("LoadBalancerArn")));
                    Set<Object> lbZones = new LinkedHashSet<>();
                    ((List<?>) properties(lb).get("Subnets")).forEach(s -> lbZones.add(zones.get(ref(s))));
                    if (!"network".equals(properties(lb).get("Type")) && lbZones.size() < 2) {
                        problems.add(entry.getKey() + ": an application load balancer in zones " + lbZones);
                    }
                    for (Object action : (List<?>) properties.get("DefaultActions")) {
                        Map<String, Object> group = resources.get(ref(((Map<?, ?>) action).get("TargetGroupArn")));
                        Object targets = properties(group).get("Targets");
                        for (Object target : targets == null ? List.of() : (List<?>) targets) {
                            Map<String, Object> vm = resources.get(ref(((Map<?, ?>) target).get("Id")));
                            Object zone = zones.get(ref(properties(vm).get("SubnetId")));
                            checked++;
                            if (!lbZones.contains(zone)) {
                                problems.add(entry.getKey() + " in zones " + lbZones + " has a target in zone " + zone);
                            }
                        }
                    }
                }
                case "AWS::RDS::DBSubnetGroup" -> {
                    Set<Object> groupZones = new LinkedHashSet<>();
                    ((List<?>) properties.get("SubnetIds")).forEach(s -> groupZones.add(zones.get(ref(s))));
                    checked++;
                    if (groupZones.size() < 2) {
                        problems.add(entry.getKey() + " spans zones " + groupZones);
                    }
                }
                default -> {}
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 1, "checked " + checked);
    }

    private static Map<?, ?> properties(Map<String, Object> resource) {
        return (Map<?, ?>) resource.getOrDefault("Properties", Map.of());
    }

    private static String ref(Object value) {
        return String.valueOf(((Map<?, ?>) value).get("Ref"));
    }

    @Test
    void firewallsReferToEachOther() {
        Map<String, Map<String, Object>> resources = section(template(), "Resources");
        assertTrue(
                resources.values().stream()
                        .filter(r -> r.get("Type").equals("AWS::EC2::SecurityGroupIngress"))
                        .map(r -> ((Map<?, ?>) r.get("Properties")).get("SourceSecurityGroupId"))
                        .anyMatch(Map.of("Fn::GetAtt", List.of("LbFirewall", "GroupId"))::equals),
                "no ingress rule admits LbFirewall by Fn::GetAtt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theSecretsAreNoEchoWithoutDefault(IacFixtures.Case c) {
        Map<String, Object> template = template(c.model());
        List<String> secrets = IacFixtures.secrets(c.model());
        assertFalse(secrets.isEmpty(), "the model has no secret to check");
        for (String name : secrets) {
            Map<String, Object> secret = section(template, "Parameters").get(IacNames.pascal(name));
            assertEquals(Boolean.TRUE, secret.get("NoEcho"), name);
            assertFalse(secret.containsKey("Default"), name + " is a secret with a default");
        }
        for (TargetResource db : c.model().resources()) {
            if (db.kind().equals("database")) {
                Map<?, ?> properties = (Map<?, ?>) section(template, "Resources")
                        .get(IacNames.pascal(db.name()))
                        .get("Properties");
                String secret = ((VarRef) db.properties().get("password")).var();
                assertEquals(Map.of("Ref", IacNames.pascal(secret)), properties.get("MasterUserPassword"), db.name());
            }
        }
        assertTrue(section(template, "Parameters").get("Environment").containsKey("AllowedPattern"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingCases")
    void existingResourcesAreRetainedWithTheirIdentifiers(IacFixtures.Case c) {
        int checked = 0;
        for (TargetResource r : c.model().resources()) {
            if (r.existingId().isEmpty()) {
                continue;
            }
            Map<String, Object> resource =
                    section(template(c.model()), "Resources").get(IacNames.pascal(r.name()));
            assertEquals("Retain", resource.get("DeletionPolicy"));
            assertEquals("Retain", resource.get("UpdateReplacePolicy"));
            Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) resource.get("Metadata")).get("Sirsi::Import");
            assertEquals(
                    List.of(r.existingId().get()),
                    List.copyOf(((Map<?, ?>) metadata.get("ResourceIdentifier")).values()),
                    r.name());
            checked++;
        }
        assertTrue(checked > 0, "nothing exists");
    }

    @Test
    void theFixtureNetworkIsImportedByVpcId() {
        Map<String, Object> network = section(template(), "Resources").get("AppNetwork");
        Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) network.get("Metadata")).get("Sirsi::Import");
        assertEquals(Map.of("VpcId", "vpc-0a1b2c3d4e5f60789"), metadata.get("ResourceIdentifier"));
    }

    @Test
    void namesStartWithTheEnvironment() {
        Map<?, ?> lb = (Map<?, ?>) section(template(), "Resources").get("WebLb").get("Properties");
        assertEquals(Map.of("Fn::Sub", "${Environment}-web-lb"), lb.get("Name"));
        Map<?, ?> bucket =
                (Map<?, ?>) section(template(), "Resources").get("Assets").get("Properties");
        assertEquals(Map.of("Fn::Sub", "${Environment}-acme-assets-2019"), bucket.get("BucketName"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Cloud.class,
            names = {"AZURE", "GCP"})
    void refusesOtherClouds(Cloud cloud) {
        assertFalse(writer.supports(cloud));
        MigrationException e = assertThrows(MigrationException.class, () -> writer.write(IacFixtures.model(cloud)));
        assertTrue(e.getMessage().contains("terraform") && e.getMessage().contains("pulumi"), e.getMessage());
    }

    static Stream<IacFixtures.Case> existingCases() {
        return IacFixtures.casesWithExisting().filter(c -> c.cloud() == Cloud.AWS);
    }

    static Stream<IacFixtures.Case> realToolCases() {
        return IacFixtures.realToolCases().filter(c -> c.cloud() == Cloud.AWS);
    }

    @Test
    void refusesAPolicyThatIsNeitherAManagedPolicyNorAnArn() {
        TargetModel model = new TargetModel(
                Cloud.AWS,
                "us-east-1",
                List.of(TargetResource.builder("app_role", "role", "w")
                        .with("assumedBy", "compute")
                        .with("policies", List.of("CloudWatchAgentServerPolicy", "write app logs"))
                        .build()),
                List.of());
        MigrationException e = assertThrows(MigrationException.class, () -> writer.write(model));
        assertTrue(e.getMessage().contains("app_role grants 'write app logs'"), e.getMessage());
    }

    @Test
    void writingTwiceGivesTheSameText() {
        assertEquals(writer.write(IacFixtures.aws()), writer.write(IacFixtures.aws()));
    }

    /**
     * cfn-lint (the AWS template linter, with the resource specification) where it is installed; skipped
     * elsewhere. E3691 is left out: it rejects a major-only engine version ({@code 8.0}) that RDS accepts,
     * picking the newest minor version (aws-cloudformation/cfn-lint#3849).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realToolCases")
    void cfnLintFindsNoErrors(IacFixtures.Case c, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
                        .anyMatch(folder -> Files.isExecutable(Path.of(folder, "cfn-lint"))),
                "no cfn-lint on the PATH");
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, text(c.model()));
        Process process = new ProcessBuilder("cfn-lint", "--ignore-checks", "E3691", "--", template.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint timed out");
        // Exit code bits: 1 fatal, 2 error, 4 warning, 8 informational.
        assertEquals(0, process.exitValue() & 3, output);
    }
}
