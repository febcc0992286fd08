package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cloud names the writers give are valid for their resource type and distinct within it, for the
 * shortest and the longest environment a name may start with. The names are read from the Terraform of every
 * {@link IacFixtures.Case}, where they are plain text; Bicep, Pulumi and CloudFormation take them from the
 * same builders ({@link IacNames}).
 */
class CloudNamesWriterTest {
    /** The shortest and the longest environment {@link IacNames#ENVIRONMENT_REGEX} admits. */
    private static final List<String> ENVIRONMENTS = List.of("ab", "abcdefgh-ijklmno");

    private static final String GCP_NAME = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String AZURE_NETWORK_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_]";

    /**
     * {@code TYPE.ARGUMENT} and the rule its value follows, from each cloud's naming rules (AWS resource
     * references, "Naming rules and restrictions for Azure resources", Google Cloud resource naming).
     */
    private static final Map<String, Pattern> RULES = rules(
            "aws_lb.name", "(?!internal-)[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?",
            "aws_lb_target_group.name", "[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?",
            "aws_db_instance.identifier", "[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]",
            "aws_db_instance.final_snapshot_identifier", "[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,253}[a-zA-Z0-9]",
            "aws_db_subnet_group.name", "(?!default$)[a-z0-9 ._-]{1,255}",
            "aws_s3_bucket.bucket", "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
            "aws_iam_role.name", "[\\w+=,.@-]{1,64}",
            "aws_iam_instance_profile.name", "[\\w+=,.@-]{1,128}",
            "aws_security_group.name", "(?!sg-).{1,255}",
            "azurerm_resource_group.name", "[-\\w.()]{0,89}[-\\w()]",
            "azurerm_virtual_network.name", "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]",
            "azurerm_subnet.name", AZURE_NETWORK_NAME,
            "azurerm_network_security_group.name", AZURE_NETWORK_NAME,
            "azurerm_application_security_group.name", AZURE_NETWORK_NAME,
            "azurerm_public_ip.name", AZURE_NETWORK_NAME,
            "azurerm_network_interface.name", AZURE_NETWORK_NAME,
            "azurerm_lb.name", AZURE_NETWORK_NAME,
            "azurerm_private_endpoint.name", AZURE_NETWORK_NAME,
            "azurerm_linux_virtual_machine.name", "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]",
            "azurerm_windows_virtual_machine.name", "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]",
            "azurerm_windows_virtual_machine.computer_name", "(?![0-9]+$)[a-zA-Z0-9-]{1,15}",
            "azurerm_postgresql_flexible_server.name", "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
            "azurerm_mysql_flexible_server.name", "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
            "azurerm_mssql_server.name", "[a-z0-9][a-z0-9-]{0,61}[a-z0-9]",
            "azurerm_storage_account.name", "[a-z0-9]{3,24}",
            "azurerm_user_assigned_identity.name", "[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}",
            "google_compute_network.name", GCP_NAME,
            "google_compute_subnetwork.name", GCP_NAME,
            "google_compute_firewall.name", GCP_NAME,
            "google_compute_instance.name", GCP_NAME,
            "google_compute_global_address.name", GCP_NAME,
            "google_compute_instance_group.name", GCP_NAME,
            "google_compute_region_health_check.name", GCP_NAME,
            "google_compute_region_backend_service.name", GCP_NAME,
            "google_compute_forwarding_rule.name", GCP_NAME,
            "google_sql_database_instance.name", GCP_NAME,
            "google_storage_bucket.name", "[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]",
            "google_service_account.account_id", "[a-z]([-a-z0-9]{4,28}[a-z0-9])");

    private static final Pattern BLOCK =
            Pattern.compile("(?ms)^resource \"([a-z0-9_]+)\" \"([a-z0-9_]+)\" \\{\\n(.*?)^}\\n");

    private static Map<String, Pattern> rules(String... pairs) {
        Map<String, Pattern> rules = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rules.put(pairs[i], Pattern.compile(pairs[i + 1]));
        }
        return rules;
    }

    /**
     * The names each {@code TYPE.ARGUMENT} of {@link #RULES} takes in {@code main}, with {@code environment}
     * put in; names of resources that exist already (they carry a lifecycle block) are theirs, not ours.
     */
    static Map<String, List<String>> names(String main, String environment) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(main);
        while (block.find()) {
            String body = block.group(3);
            if (body.contains("  lifecycle {")) {
                continue;
            }
            for (String argument : List.of(
                    "name", "bucket", "identifier", "final_snapshot_identifier", "account_id", "computer_name")) {
                String key = block.group(1) + "." + argument;
                Matcher value =
                        Pattern.compile("(?m)^  " + argument + " += \"(.*)\"$").matcher(body);
                if (RULES.containsKey(key) && value.find()) {
                    String name = value.group(1)
                            .replace("${var.environment}", environment)
                            .replace("${replace(var.environment, \"-\", \"\")}", environment.replace("-", ""));
                    names.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
                }
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sirsi.mcp.migration.IacFixtures#cases")
    void cloudNamesAreValidAndDistinctPerType(IacFixtures.Case c) {
        String main = new TerraformWriter()
                .write(c.model()).stream()
                        .filter(f -> f.path().equals("main.tf"))
                        .findFirst()
                        .orElseThrow()
                        .content();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String environment : ENVIRONMENTS) {
            for (var entry : names(main, environment).entrySet()) {
                List<String> seen = new ArrayList<>();
                for (String name : entry.getValue()) {
                    if (name.contains("${")) {
                        problems.add(entry.getKey() + " = " + name + " is not a name this test can read");
                    } else if (!RULES.get(entry.getKey()).matcher(name).matches()) {
                        problems.add(entry.getKey() + " = " + name + " breaks the naming rule");
                    } else if (seen.contains(name)) {
                        problems.add(entry.getKey() + " = " + name + " is taken twice");
                    }
                    seen.add(name);
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 10, "too few names: " + checked);
    }

    @Test
    void aCutNameKeepsADistinctEnding() {
        String a = IacNames.alnum("kulturio_imaging_archive", 8);
        String b = IacNames.alnum("kulturio_imaging_archive_logs", 8);
        assertEquals(8, a.length());
        assertTrue(a.startsWith("kult") && b.startsWith("kult") && !a.equals(b), a + " " + b);
        assertEquals("assets", IacNames.alnum("assets", 8), "a name that fits is not cut");
        String label = IacNames.dashed("aws_athena_query_results_111122223333_us_east_1", 20);
        assertTrue(label.matches("aws-athena-quer-[a-z0-9]{4}"), label);
        assertEquals(
                List.of("a-names"),
                names("resource \"aws_lb\" \"x\" {\n  name = \"${var.environment}-names\"\n}\n", "a")
                        .get("aws_lb.name"),
                "the test reads names");
    }
}
