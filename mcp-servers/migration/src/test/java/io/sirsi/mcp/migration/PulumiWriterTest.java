package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the Pulumi YAML of every {@link IacFixtures.Case}: the hand-built fixtures and the planned models of
 * the demo estates. Fixture-only assertions (how Azure Native properties are flattened) stay on the fixtures.
 */
class PulumiWriterTest {
    private static final String CASES = "io.sirsi.mcp.migration.IacFixtures#cases";
    private static final IacRequired REQUIRED = IacRequired.load("pulumi-required.txt");
    /** {@code ${root...}} not escaped as {@code $${...}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([^}]+)}");

    private final PulumiWriter writer = new PulumiWriter();

    private Map<String, Object> program(Cloud cloud) {
        return program(IacFixtures.model(cloud));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> program(TargetModel model) {
        List<IacFile> files = writer.write(model);
        assertEquals(List.of("Pulumi.yaml"), files.stream().map(IacFile::path).toList());
        return new YAMLMapper().readValue(files.getFirst().content(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(Map<String, Object> program, String name) {
        return (Map<String, Map<String, Object>>) program.getOrDefault(name, Map.of());
    }

    private static void strings(Object value, List<String> into) {
        switch (value) {
            case String s -> into.add(s);
            case Map<?, ?> map -> map.values().forEach(v -> strings(v, into));
            case List<?> list -> list.forEach(v -> strings(v, into));
            default -> {}
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void isAYamlProgram(IacFixtures.Case c) {
        Map<String, Object> program = program(c.model());
        assertEquals("yaml", program.get("runtime"));
        assertTrue(String.valueOf(program.get("name")).matches("[a-z][a-z0-9-]*"), "name " + program.get("name"));
        assertTrue(
                section(program, "resources").size() > 20,
                "resources: " + section(program, "resources").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyResourceHasAKnownTypeAndItsRequiredInputs(IacFixtures.Case c) {
        for (var resource : section(program(c.model()), "resources").entrySet()) {
            String type = String.valueOf(resource.getValue().get("type"));
            assertTrue(
                    REQUIRED.knows(type), type + " is not in pulumi-required.txt: a typo, or add it from the registry");
            Map<?, ?> properties = (Map<?, ?>) resource.getValue().getOrDefault("properties", Map.of());
            assertEquals(List.of(), REQUIRED.missing(type, properties), resource.getKey() + " (" + type + ")");
            if (!type.startsWith("pulumi:providers:")) {
                Map<?, ?> options = (Map<?, ?>) resource.getValue().get("options");
                assertEquals("${provider}", options.get("provider"), resource.getKey() + " has no explicit provider");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyInterpolationNamesConfigAVariableOrAResource(IacFixtures.Case c) {
        Map<String, Object> program = program(c.model());
        Set<String> roots = new LinkedHashSet<>(List.of("pulumi"));
        roots.addAll(section(program, "config").keySet());
        roots.addAll(section(program, "variables").keySet());
        roots.addAll(section(program, "resources").keySet());
        List<String> texts = new ArrayList<>();
        strings(program.get("variables"), texts);
        strings(program.get("resources"), texts);
        strings(program.get("outputs"), texts);
        int found = 0;
        for (String text : texts) {
            Matcher m = INTERPOLATION.matcher(text);
            while (m.find()) {
                String root = m.group(1).split("[.\\[]")[0];
                assertTrue(roots.contains(root), "${" + m.group(1) + "} names nothing declared");
                found++;
            }
        }
        assertTrue(found > 50, "too few interpolations: " + found);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyTargetResourceIsAResource(IacFixtures.Case c) {
        Set<String> resources = section(program(c.model()), "resources").keySet();
        for (String logical : IacFixtures.names(c.model())) {
            assertTrue(resources.contains(logical), logical + " is missing: " + resources);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theSecretsAreSecretConfigWithoutDefault(IacFixtures.Case c) {
        Map<String, Object> program = program(c.model());
        List<String> texts = new ArrayList<>();
        strings(program.get("resources"), texts);
        List<String> secrets = IacFixtures.secrets(c.model());
        assertFalse(secrets.isEmpty(), "the model has no secret to check");
        for (String name : secrets) {
            Map<String, Object> secret = section(program, "config").get(name);
            assertEquals(Boolean.TRUE, secret.get("secret"), name);
            assertFalse(secret.containsKey("default"), name + " is a secret with a default");
            assertTrue(texts.contains("${" + name + "}"), "nothing takes " + name + " from config");
        }
        assertTrue(section(program, "config").keySet().containsAll(List.of("environment", "region")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sirsi.mcp.migration.IacFixtures#casesWithExisting")
    void existingResourcesAreImportedAndProtected(IacFixtures.Case c) {
        Map<String, Map<String, Object>> resources = section(program(c.model()), "resources");
        int imported = 0;
        for (TargetResource existing : c.model().resources()) {
            if (existing.existingId().isEmpty()) {
                continue;
            }
            Map<?, ?> options = (Map<?, ?>) resources.get(existing.name()).get("options");
            assertEquals(existing.existingId().get(), options.get("import"), existing.name());
            assertEquals(Boolean.TRUE, options.get("protect"), existing.name());
            imported++;
        }
        long importing = resources.values().stream()
                .filter(r -> r.get("options") instanceof Map<?, ?> o && o.containsKey("import"))
                .count();
        assertEquals(imported, importing, "resources that import but are not existing ones");
    }

    @Test
    void firewallsReferToEachOtherByOutput() {
        Map<String, Map<String, Object>> resources = section(program(Cloud.AWS), "resources");
        assertTrue(
                resources.values().stream()
                        .filter(r -> r.get("type").equals("aws:vpc:SecurityGroupIngressRule"))
                        .map(r -> ((Map<?, ?>) r.get("properties")).get("referencedSecurityGroupId"))
                        .anyMatch("${lb_firewall.id}"::equals),
                "no rule admits lb_firewall by reference");
        Map<?, ?> subnet = (Map<?, ?>) resources.get("web_subnet").get("properties");
        assertEquals("${app_network.id}", subnet.get("vpcId"));
    }

    @Test
    void azureNativePropertiesAreFlattenedAndNamed() {
        Map<String, Map<String, Object>> resources = section(program(Cloud.AZURE), "resources");
        Map<?, ?> vm = (Map<?, ?>) resources.get("web1").get("properties");
        assertEquals("${environment}-web1", vm.get("vmName"));
        assertFalse(vm.containsKey("properties"), "ARM properties not flattened");
        assertTrue(vm.containsKey("hardwareProfile"), "no hardwareProfile: " + vm.keySet());
        Map<?, ?> subnet = (Map<?, ?>) resources.get("web_subnet").get("properties");
        assertEquals("${app_network.name}", subnet.get("virtualNetworkName"));
        assertEquals(
                "landing-zone", subnet.get("resourceGroupName"), "a subnet of an existing network lives in its group");
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void writingTwiceGivesTheSameText(Cloud cloud) {
        assertEquals(writer.write(IacFixtures.model(cloud)), writer.write(IacFixtures.model(cloud)));
    }
}
