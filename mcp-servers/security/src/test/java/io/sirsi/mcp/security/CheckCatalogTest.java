package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled rule files, and what a tool developer's broken rule file is told. */
class CheckCatalogTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            id: aws-ec2-instance-t2
            title: Instance on a previous-generation T2 size
            severity: low
            provider: aws
            service: ec2
            category: instance-hardening
            resourceTypes: [aws.ec2.instance]
            description: The instance type is t2.
            risk: Older generations get fewer Nitro protections.
            remediation: Move to t3 or t4g.
            frameworks:
              soc2: [CC7.1]
            fail: {path: instanceType, matches: '^t2\\.'}
            message: "{name} is a {p:instanceType}"
            examples:
              fail: [{properties: {instanceType: t2.micro}}]
              pass: [{properties: {instanceType: t3.micro}}]
            """;

    @Test
    void bundledChecksCoverEveryCloudWithFrameworkMappings() {
        CheckCatalog catalog = CheckCatalog.bundled();
        Map<String, Long> byProvider =
                catalog.checks().stream().collect(Collectors.groupingBy(Check::provider, Collectors.counting()));
        long cloud = byProvider.get("aws") + byProvider.get("azure") + byProvider.get("gcp");
        assertTrue(cloud >= 60, "at least 60 checks across the clouds: " + byProvider);
        for (String p : List.of("aws", "azure", "gcp")) {
            assertTrue(byProvider.get(p) >= 15, p + " has " + byProvider.get(p));
        }
        for (Check c : catalog.checks()) {
            assertTrue(c.remediation().length() > 20, c.id() + " says how to fix it");
            if (!c.provider().equals("plan")) {
                assertTrue(c.frameworks().size() >= 2, c.id() + " maps to at least two frameworks");
            }
        }
        for (String f : List.of("cis-aws", "cis-azure", "cis-gcp", "hipaa", "pci-dss", "soc2")) {
            assertTrue(catalog.checks().stream().anyMatch(c -> c.inFramework(f)), f + " has checks");
        }
    }

    @Test
    void aToolDeveloperAddsACheckWithoutTouchingTheEngine() throws IOException {
        Files.writeString(dir.resolve("aws-ec2-instance-t2.yaml"), GOOD);
        CheckCatalog catalog = CheckCatalog.load(List.of(dir));
        Check added = catalog.check("aws-ec2-instance-t2").orElseThrow();
        Scan scan = Scanner.run("kulturio", io.sirsi.mcp.migration.Planner.estate("kulturio"), List.of(added));
        assertTrue(scan.findings().isEmpty(), "Kulturio runs no t2 instances: " + scan.findings());
        assertEquals(List.of("aws-ec2-instance-t2"), scan.passed());
    }

    private String refused(String file, String yaml) throws IOException {
        Files.writeString(dir.resolve(file), yaml);
        return assertThrows(SecurityException.class, () -> CheckCatalog.load(List.of(dir)))
                .getMessage();
    }

    @Test
    void brokenRuleFilesAreRefusedWithTheFileAndTheProblem() throws IOException {
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD.replace("matches:", "resembles:"))
                .contains("exactly one operator of"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD.replace("soc2: [CC7.1]", "sox: [404]"))
                .contains("unknown framework 'sox'"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        String typo = refused("aws-ec2-instance-t2.yaml", GOOD.replace("soc2: [CC7.1]", "cis-aws: ['9.99']"));
        assertTrue(typo.contains("has no control '9.99'") && typo.contains("aws-ec2-instance-t2.yaml"), typo);
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD.replace("soc2: [CC7.1]", "cis-gcp: ['3.6']"))
                .contains("written for gcp, not aws"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD.replace("t3.micro", "t2.nano"))
                .contains("examples.pass[0] fails the check"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("something-else.yaml", GOOD).contains("must be named aws-ec2-instance-t2.yaml"));
        Files.delete(dir.resolve("something-else.yaml"));
        assertTrue(
                refused("aws-ec2-instance-imdsv1.yaml", GOOD.replace("aws-ec2-instance-t2", "aws-ec2-instance-imdsv1"))
                        .contains("is already defined by"));
        Files.delete(dir.resolve("aws-ec2-instance-imdsv1.yaml"));
        String severity = refused("aws-ec2-instance-t2.yaml", GOOD.replace("severity: low", "severity: dire"));
        assertTrue(
                severity.contains("Unknown severity 'dire'") && severity.contains("aws-ec2-instance-t2.yaml"),
                severity);
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        String port = refused(
                "aws-ec2-instance-t2.yaml",
                GOOD.replace(
                        "fail: {path: instanceType, matches: '^t2\\.'}",
                        "fail: {internetReachable: {ports: [99999]}}"));
        assertTrue(
                port.contains("a port is a number from 0 to 65535, not 99999")
                        && port.contains("aws-ec2-instance-t2.yaml"),
                port);
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        String meta = refused("aws-ec2-instance-t2.yaml", GOOD.replace("{path: instanceType,", "{path: $nmae,"));
        assertTrue(meta.contains("unknown path $nmae") && meta.contains("aws-ec2-instance-t2.yaml"), meta);
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        String placeholder = refused("aws-ec2-instance-t2.yaml", GOOD.replace("{name} is a", "{nmae} is a"));
        assertTrue(placeholder.contains("placeholder {nmae}"), placeholder);
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD.replace("matches: '^t2\\.'", "versionBelow: 5.10"))
                .contains("quoted version"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", GOOD + "colour: red\n").contains("unknown key 'colour'"));
        Files.delete(dir.resolve("aws-ec2-instance-t2.yaml"));
        assertTrue(refused("aws-ec2-instance-t2.yaml", "id: [unclosed").contains("not valid YAML"));
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertEquals(List.of(5, 7), Comparison.numbers("MYSQL_5_7"));
        assertEquals(List.of(11, 22), Comparison.numbers("11.22"));
    }
}
