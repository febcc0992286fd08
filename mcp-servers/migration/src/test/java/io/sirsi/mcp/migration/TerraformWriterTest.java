package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the Terraform of every {@link IacFixtures.Case}: the hand-built fixtures and the planned models of
 * the demo estates. Fixture-only assertions (a firewall admitting another by address) stay on the fixtures.
 */
class TerraformWriterTest {
    private static final String CASES = "io.sirsi.mcp.migration.IacFixtures#cases";
    private static final IacRequired REQUIRED = IacRequired.load("terraform-required.txt");
    private static final Pattern ADDRESS =
            Pattern.compile("(?<![\\w.])((?:data\\.)?(?:aws|azurerm|google)_[a-z0-9_]+\\.[a-z_][a-z0-9_]*)");
    private static final Pattern VAR = Pattern.compile("(?<![\\w.])var\\.([A-Za-z_][A-Za-z0-9_]*)");

    private final TerraformWriter writer = new TerraformWriter();

    private static Map<String, String> files(TargetModel model) {
        Map<String, String> files = new LinkedHashMap<>();
        new TerraformWriter().write(model).forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String hcl) {
        try {
            return (Map<String, Object>) new HCLParser().parse(hcl);
        } catch (Exception e) {
            throw new AssertionError("hcl4j rejects the file: " + e.getMessage() + "\n" + hcl, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> blocks(Map<String, Object> parsed, String kind) {
        return (Map<String, Map<String, Map<String, Object>>>) parsed.getOrDefault(kind, Map.of());
    }

    /** {@code type.name} of every resource block, and {@code data.type.name} of every data block. */
    private static Set<String> declared(Map<String, Object> main) {
        Set<String> addresses = new LinkedHashSet<>();
        blocks(main, "resource").forEach((type, byName) -> byName.keySet().forEach(n -> addresses.add(type + "." + n)));
        blocks(main, "data")
                .forEach((type, byName) -> byName.keySet().forEach(n -> addresses.add("data." + type + "." + n)));
        return addresses;
    }

    /**
     * The HCL with the text of string literals blanked out, but the expressions inside {@code ${...}} kept:
     * what is left is where references can be.
     */
    static String code(String hcl) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        int interpolation = 0;
        for (int i = 0; i < hcl.length(); i++) {
            char c = hcl.charAt(i);
            if (!inString && interpolation == 0 && c == '#') {
                while (i < hcl.length() && hcl.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
                continue;
            }
            if (inString && interpolation == 0) {
                if (c == '\\') {
                    i++;
                    out.append("  ");
                } else if (c == '$' && i + 1 < hcl.length() && hcl.charAt(i + 1) == '$') {
                    i++;
                    out.append("  ");
                } else if (c == '$' && i + 1 < hcl.length() && hcl.charAt(i + 1) == '{') {
                    interpolation = 1;
                    i++;
                    out.append(" (");
                } else if (c == '"') {
                    inString = false;
                    out.append('"');
                } else {
                    out.append(c == '\n' ? '\n' : ' ');
                }
            } else if (interpolation > 0) {
                if (c == '{') {
                    interpolation++;
                } else if (c == '}' && --interpolation == 0) {
                    out.append(')');
                    continue;
                }
                out.append(c);
            } else {
                if (c == '"') {
                    inString = true;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyFileParsesWithTheHclParser(IacFixtures.Case c) {
        Map<String, String> files = files(c.model());
        Set<String> expected = new LinkedHashSet<>(List.of("versions.tf", "variables.tf", "main.tf", "outputs.tf"));
        if (c.hasExisting()) {
            expected.add("imports.tf");
        }
        assertEquals(expected, files.keySet());
        files.forEach((path, text) -> assertFalse(parse(text).isEmpty(), path + " parsed to nothing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyTargetResourceIsAResourceBlock(IacFixtures.Case c) {
        TargetModel model = c.model();
        Set<String> names = new LinkedHashSet<>();
        blocks(parse(files(model).get("main.tf")), "resource")
                .values()
                .forEach(byName -> names.addAll(byName.keySet()));
        for (String logical : IacFixtures.names(model)) {
            assertTrue(names.contains(logical), logical + " has no resource block; blocks: " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyReferenceNamesADeclaredBlock(IacFixtures.Case c) {
        Map<String, String> files = files(c.model());
        Set<String> declared = declared(parse(files.get("main.tf")));
        List<String> references = new ArrayList<>();
        for (String path : List.of("main.tf", "outputs.tf", "imports.tf")) {
            Matcher m = ADDRESS.matcher(code(files.getOrDefault(path, "")));
            while (m.find()) {
                references.add(m.group(1));
            }
        }
        assertTrue(references.size() > 25, "too few references to be a real program: " + references.size());
        for (String reference : references) {
            assertTrue(declared.contains(reference), reference + " is used but not declared");
        }
    }

    @Test
    void firewallsReferToEachOtherByAddress() {
        String main = files(IacFixtures.aws()).get("main.tf");
        Map<String, Map<String, Object>> rules =
                blocks(parse(main), "resource").get("aws_vpc_security_group_ingress_rule");
        assertTrue(
                rules.values().stream()
                        .map(r -> String.valueOf(r.get("referenced_security_group_id"))
                                .strip())
                        .anyMatch("aws_security_group.lb_firewall.id"::equals),
                "no ingress rule of web_firewall admits lb_firewall by reference: " + rules);
        assertFalse(main.contains("\"sg-"), "a literal security group id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyVariableUsedIsDeclared(IacFixtures.Case c) {
        Map<String, String> files = files(c.model());
        Set<String> declared =
                blocks(parse(files.get("variables.tf")), "variable").keySet();
        assertTrue(declared.containsAll(List.of("environment", "region")), "environment and region: " + declared);
        Set<String> used = new LinkedHashSet<>();
        for (String text : files.values()) {
            Matcher m = VAR.matcher(code(text));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertTrue(used.containsAll(List.of("environment", "region")), "used: " + used);
        assertTrue(used.containsAll(IacFixtures.secrets(c.model())), "a secret is never used: " + used);
        assertTrue(declared.containsAll(used), "used but not declared: " + used + " vs " + declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theSecretsAreSensitiveWithoutADefault(IacFixtures.Case c) {
        Map<String, String> files = files(c.model());
        List<String> secrets = IacFixtures.secrets(c.model());
        assertFalse(secrets.isEmpty(), "the model has no secret to check");
        Map<?, ?> variables = (Map<?, ?>) parse(files.get("variables.tf")).get("variable");
        for (String name : secrets) {
            Map<?, ?> secret = (Map<?, ?>) variables.get(name);
            assertEquals(Boolean.TRUE, secret.get("sensitive"), name);
            assertFalse(secret.containsKey("default"), name + " is a secret with a default");
        }
        Matcher literalPassword = Pattern.compile("password\\s*=\\s*\"").matcher(files.get("main.tf"));
        assertFalse(literalPassword.find(), "a password is a literal string");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void namesStartWithTheEnvironment(IacFixtures.Case c) {
        // Names scoped inside a parent the environment already names, or fixed by the cloud, are exempt.
        Set<String> scoped = Set.of(
                "azurerm_lb_backend_address_pool",
                "azurerm_lb_probe",
                "azurerm_lb_rule",
                "google_sql_user",
                "azurerm_private_dns_zone",
                "azurerm_mssql_database",
                "azurerm_storage_container");
        String main = files(c.model()).get("main.tf");
        int checked = 0;
        for (var byType : blocks(parse(main), "resource").entrySet()) {
            for (var block : byType.getValue().entrySet()) {
                if (scoped.contains(byType.getKey()) || block.getValue().containsKey("lifecycle")) {
                    continue;
                }
                // hcl4j evaluates functions over unknown variables to text without them: read the source line.
                int start = main.indexOf("resource \"" + byType.getKey() + "\" \"" + block.getKey() + "\" {");
                String text = main.substring(start, main.indexOf("\n}\n", start));
                String keys = byType.getKey().equals("aws_s3_bucket") ? "bucket" : "name|identifier|account_id";
                Matcher name =
                        Pattern.compile("(?m)^  (?:" + keys + ") += (.*)$").matcher(text);
                if (name.find()) {
                    checked++;
                    assertTrue(
                            name.group(1).contains("var.environment"),
                            byType.getKey() + "." + block.getKey() + " is named " + name.group(1));
                }
            }
        }
        assertTrue(checked > 5, "too few names: " + checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sirsi.mcp.migration.IacFixtures#casesWithExisting")
    void existingResourcesAreImportedAndProtected(IacFixtures.Case c) {
        Map<String, String> existing = new LinkedHashMap<>();
        c.model().resources().forEach(r -> r.existingId().ifPresent(id -> existing.put(r.name(), id)));
        Map<String, String> files = files(c.model());
        Object imports = parse(files.get("imports.tf")).get("import");
        List<?> all = imports instanceof List<?> list ? list : List.of(imports);
        assertEquals(existing.size(), all.size(), "imports: " + all);
        Map<String, Object> main = parse(files.get("main.tf"));
        for (Object item : all) {
            Map<?, ?> block = (Map<?, ?>) item;
            String to = String.valueOf(block.get("to"));
            String name = to.substring(to.lastIndexOf('.') + 1);
            assertEquals(existing.get(name), block.get("id"), "import to " + to);
            assertTrue(declared(main).contains(to), to + " is not declared");
            Map<String, Object> body = blocks(main, "resource")
                    .get(to.substring(0, to.indexOf('.')))
                    .get(name);
            assertEquals(Boolean.TRUE, ((Map<?, ?>) body.get("lifecycle")).get("prevent_destroy"), to);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyResourceHasItsRequiredArguments(IacFixtures.Case c) {
        Map<String, Object> main = parse(files(c.model()).get("main.tf"));
        int checked = 0;
        for (String kind : List.of("resource", "data")) {
            for (var byType : blocks(main, kind).entrySet()) {
                String type = (kind.equals("data") ? "data." : "") + byType.getKey();
                assertTrue(
                        REQUIRED.knows(type),
                        type + " is not in terraform-required.txt: a typo, or add it from the docs");
                for (var block : byType.getValue().entrySet()) {
                    assertEquals(List.of(), REQUIRED.missing(type, block.getValue()), type + "." + block.getKey());
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    @Test
    void theRequiredTableCatchesAMissingArgument() {
        assertEquals(
                List.of("ami|launch_template", "instance_type|launch_template"),
                REQUIRED.missing("aws_instance", Map.of("subnet_id", "x")));
        assertEquals(
                List.of("default_action.type"),
                REQUIRED.missing(
                        "aws_lb_listener",
                        Map.of("load_balancer_arn", "x", "default_action", List.of(Map.of("target_group_arn", "y")))));
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void providersArePinnedToAMajorVersion(Cloud cloud) {
        Map<String, Object> versions = parse(files(IacFixtures.model(cloud)).get("versions.tf"));
        Map<?, ?> terraform = (Map<?, ?>) versions.get("terraform");
        Map<?, ?> providers = (Map<?, ?>) terraform.get("required_providers");
        assertEquals(1, providers.size());
        Map<?, ?> provider = (Map<?, ?>) providers.values().iterator().next();
        assertTrue(String.valueOf(provider.get("source")).startsWith("hashicorp/"), "source " + provider.get("source"));
        assertTrue(
                String.valueOf(provider.get("version")).matches("~> \\d+\\.0"), "version " + provider.get("version"));
        assertTrue(String.valueOf(terraform.get("required_version")).startsWith(">= 1.5"), "import blocks need 1.5");
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void writingTwiceGivesTheSameText(Cloud cloud) {
        assertEquals(writer.write(IacFixtures.model(cloud)), writer.write(IacFixtures.model(cloud)));
    }

    @Test
    void refusesALiteralPassword() {
        TargetModel model = new TargetModel(
                Cloud.AWS,
                "us-east-1",
                List.of(TargetResource.builder("db", "database", "w")
                        .with("engine", "postgres")
                        .with("version", "16")
                        .with("size", "db.t3.micro")
                        .with("storageGb", 20)
                        .with("password", "hunter2")
                        .build()),
                List.of());
        MigrationException e =
                org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> writer.write(model));
        assertTrue(e.getMessage().contains("secret variable"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = Cloud.class,
            names = {"AWS", "GCP"})
    void refusesAPolicyThatTheCloudDoesNotName(Cloud cloud) {
        TargetModel model = new TargetModel(
                cloud,
                "eu-west-1",
                List.of(TargetResource.builder("app_role", "role", "w")
                        .with("assumedBy", "compute")
                        .with("policies", List.of("read app secrets"))
                        .build()),
                List.of());
        MigrationException e =
                org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> writer.write(model));
        assertTrue(e.getMessage().contains("app_role grants 'read app secrets'"), e.getMessage());
    }

    @Test
    void refusesAnEnvironmentThatCannotPrefixNames() {
        TargetModel model = new TargetModel(
                Cloud.GCP, "europe-west1", List.of(), List.of(Variable.of("environment", "Prod_EU", "name prefix")));
        MigrationException e =
                org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> writer.write(model));
        assertTrue(e.getMessage().contains("Prod_EU"), e.getMessage());
    }

    /**
     * {@code terraform validate} against the real provider schema, where a Terraform binary and a local
     * provider mirror exist (set SIRSI_TF_PLUGIN_DIR, default /opt/tf-plugins); skipped elsewhere.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sirsi.mcp.migration.IacFixtures#realToolCases")
    void terraformValidateAcceptsTheFilesWhereTheProviderIsMirrored(IacFixtures.Case c, @TempDir Path dir)
            throws Exception {
        String provider =
                switch (c.cloud()) {
                    case AWS -> "aws";
                    case AZURE -> "azurerm";
                    case GCP -> "google";
                };
        Path mirror = Path.of(System.getenv().getOrDefault("SIRSI_TF_PLUGIN_DIR", "/opt/tf-plugins"));
        Assumptions.assumeTrue(
                Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/" + provider)),
                "no local mirror of hashicorp/" + provider);
        Assumptions.assumeTrue(onPath("terraform"), "no terraform on the PATH");
        for (IacFile f : writer.write(c.model())) {
            Files.writeString(dir.resolve(f.path()), f.content());
        }
        Path config = dir.resolve("cli.tfrc");
        Files.writeString(
                config,
                "provider_installation {\n  filesystem_mirror {\n    path = \"" + mirror.toAbsolutePath()
                        + "\"\n  }\n}\n");
        run(dir, config, "terraform", "init", "-backend=false", "-input=false", "-no-color");
        String validate = run(dir, config, "terraform", "validate", "-no-color");
        assertTrue(validate.contains("The configuration is valid"), validate);
        assertTrue(
                run(dir, config, "terraform", "fmt", "-check", "-no-color").isBlank(),
                "terraform fmt would change files");
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Path dir, Path config, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_CLI_CONFIG_FILE", config.toString());
        builder.environment().put("TF_DATA_DIR", dir.resolve(".terraform").toString());
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
