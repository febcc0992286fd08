package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bicep has no Java parser: these tests check the file with {@link BicepTokens}, a tokenizer, not a compiler.
 * The structural checks run over every Azure {@link IacFixtures.Case}: the hand-built fixture and the planned
 * models of the demo estates on Azure.
 */
class BicepWriterTest {
    private static final String CASES = "io.sirsi.mcp.migration.IacFixtures#azureCases";

    private final BicepWriter writer = new BicepWriter();

    private String bicep() {
        return bicep(IacFixtures.azure());
    }

    private String bicep(TargetModel model) {
        List<IacFile> files = writer.write(model);
        assertEquals(List.of("main.bicep"), files.stream().map(IacFile::path).toList());
        return files.getFirst().content();
    }

    static Stream<IacFixtures.Case> existingCases() {
        return IacFixtures.casesWithExisting().filter(c -> c.cloud() == Cloud.AZURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theFileTokenizesWithoutProblems(IacFixtures.Case c) {
        BicepTokens bicep = BicepTokens.check(bicep(c.model()));
        assertEquals(List.of(), bicep.problems);
        assertTrue(bicep.references.size() > 40, "too few references: " + bicep.references.size());
    }

    @Test
    void theCheckerFindsWhatIsWrong() {
        String broken = """
                param environment string = 'prod'
                param unused string
                resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
                  name: '${environment}-vnet'
                  properties: {
                    id: subnet.id
                  }
                resource vnet 'Microsoft.Network/virtualNetworks' = {
                }
                """;
        List<String> problems = BicepTokens.check(broken).problems;
        assertTrue(problems.stream().anyMatch(p -> p.contains("subnet is not declared")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("declared twice")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("has type")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unused is never used")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unclosed")), problems.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyTargetResourceIsADeclaredResource(IacFixtures.Case c) {
        BicepTokens bicep = BicepTokens.check(bicep(c.model()));
        for (TargetResource r : c.model().resources()) {
            assertTrue(
                    bicep.resources.containsKey(r.name()), r.name() + " is not declared: " + bicep.resources.keySet());
            if (r.kind().equals("vm")) {
                assertEquals("Microsoft.Compute/virtualMachines@2023-09-01", bicep.resources.get(r.name()));
            }
        }
    }

    @Test
    void referencesUseSymbolsNotIds() {
        String text = bicep();
        assertTrue(text.contains("id: web_subnet.id"), "the NIC does not refer to its subnet by symbol");
        assertTrue(text.contains("id: web_firewall_members.id"), "a firewall does not admit the other by symbol");
        String code =
                String.join("\n", text.lines().filter(l -> !l.startsWith("//")).toList());
        assertFalse(code.contains("/subscriptions/00000000"), "a literal resource id outside a comment");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theSecretsAreSecureParamsWithoutDefault(IacFixtures.Case c) {
        String text = bicep(c.model());
        BicepTokens bicep = BicepTokens.check(text);
        List<String> secrets = IacFixtures.secrets(c.model());
        assertFalse(secrets.isEmpty(), "the model has no secret to check");
        for (String name : secrets) {
            assertTrue(bicep.secureWithoutDefault.contains(name), name + " not in " + bicep.secureWithoutDefault);
            assertEquals(Boolean.FALSE, bicep.params.get(name), name);
            assertTrue(text.contains("administratorLoginPassword: " + name), name + " is not a password");
        }
        assertTrue(bicep.params.keySet().containsAll(List.of("environment", "region")), "params " + bicep.params);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingCases")
    void existingResourcesAreReferencedNotDeployed(IacFixtures.Case c) {
        String text = bicep(c.model());
        Set<String> existing = new LinkedHashSet<>();
        for (TargetResource r : c.model().resources()) {
            r.existingId().ifPresent(id -> {
                existing.add(r.name());
                String name = id.substring(id.lastIndexOf('/') + 1);
                assertTrue(text.contains("existing = {\n  name: '" + name + "'\n}"), r.name() + " keeps its name");
            });
        }
        assertEquals(existing, BicepTokens.check(text).existing);
        String code =
                String.join("\n", text.lines().filter(l -> !l.startsWith("//")).toList());
        assertFalse(code.contains("/subscriptions/"), "a literal resource id outside a comment");
    }

    @Test
    void namesStartWithTheEnvironment() {
        String text = bicep();
        assertTrue(text.contains("name: '${environment}-web1'"), "web1");
        assertTrue(text.contains("name: '${replace(environment, '-', '')}assets'"), "storage account without hyphens");
    }

    @ParameterizedTest
    @EnumSource(
            value = Cloud.class,
            names = {"AWS", "GCP"})
    void refusesOtherClouds(Cloud cloud) {
        assertFalse(writer.supports(cloud));
        MigrationException e = assertThrows(MigrationException.class, () -> writer.write(IacFixtures.model(cloud)));
        assertTrue(e.getMessage().contains("terraform") && e.getMessage().contains("pulumi"), e.getMessage());
        assertTrue(e.getMessage().contains(cloud.displayName()), e.getMessage());
    }

    @Test
    void writingTwiceGivesTheSameText() {
        assertEquals(writer.write(IacFixtures.azure()), writer.write(IacFixtures.azure()));
    }
}
