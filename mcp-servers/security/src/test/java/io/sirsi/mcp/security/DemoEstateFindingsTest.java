package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.migration.Planner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every finding on the demo estates, checked against what was read off the estate data by hand: the planted
 * findings are found, and nothing else fires (a check firing on a clean resource changes the map and fails
 * the test).
 */
class DemoEstateFindingsTest {
    private static final CheckCatalog CATALOG = CheckCatalog.bundled();

    private static Map<String, TreeSet<String>> findings(String estate) {
        Scan scan = Scanner.run(estate, Planner.estate(estate), CATALOG.checks());
        return scan.findings().stream()
                .collect(Collectors.groupingBy(
                        Finding::checkId,
                        TreeMap::new,
                        Collectors.mapping(Finding::resourceName, Collectors.toCollection(TreeSet::new))));
    }

    private static Map<String, TreeSet<String>> expected(Object... pairs) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) pairs[i + 1];
            out.put((String) pairs[i], new TreeSet<>(names));
        }
        return out;
    }

    @Test
    void kulturioFindingsAreThePlantedOnesAndTheRealOnesBesideThem() {
        Map<String, TreeSet<String>> found = findings("kulturio");
        // The planted findings the issue names.
        assertTrue(found.get("aws-ec2-sg-admin-ports-open").contains("kulturio-bastion"), "SSH open to the world");
        assertEquals(
                new TreeSet<>(List.of("kulturio-bastion-1", "kulturio-reporting-legacy")),
                found.get("aws-ec2-instance-admin-port-internet"));
        assertEquals(new TreeSet<>(List.of("kulturio-reporting-legacy")), found.get("aws-ec2-instance-imdsv1"));
        assertTrue(
                found.get("aws-rds-storage-unencrypted").contains("kulturio-phi-pg"), "the unencrypted PHI database");
        assertTrue(found.get("aws-rds-engine-outdated").contains("kulturio-phi-pg"), "PostgreSQL 11");
        List<String> web = List.of("kulturio-web-1", "kulturio-web-2", "kulturio-web-3", "kulturio-web-4");
        List<String> app = List.of(
                "kulturio-app-1",
                "kulturio-app-2",
                "kulturio-app-3",
                "kulturio-app-4",
                "kulturio-app-5",
                "kulturio-app-6");
        List<String> chained = new java.util.ArrayList<>(web);
        chained.addAll(app);
        chained.addAll(List.of("kulturio-etl-1", "kulturio-etl-2"));
        assertEquals(
                expected(
                        "aws-cloudtrail-log-validation-disabled", List.of("kulturio-main"),
                        "aws-ec2-default-sg-allows-traffic", List.of("default"),
                        "aws-ec2-instance-admin-port-internet",
                                List.of("kulturio-bastion-1", "kulturio-reporting-legacy"),
                        "aws-ec2-instance-admin-via-exposed-host", chained,
                        "aws-ec2-instance-imdsv1", List.of("kulturio-reporting-legacy"),
                        "aws-ec2-instance-os-unsupported", List.of("kulturio-batch-win-1"),
                        "aws-ec2-sg-admin-ports-open", List.of("kulturio-bastion", "launch-wizard-3"),
                        "aws-ec2-snapshot-public", List.of("kulturio-phi-pg-manual-4"),
                        "aws-ec2-snapshot-unencrypted",
                                List.of(
                                        "kulturio-phi-pg-manual-1",
                                        "kulturio-phi-pg-manual-2",
                                        "kulturio-phi-pg-manual-3",
                                        "kulturio-phi-pg-manual-4"),
                        "aws-ec2-volume-unencrypted", List.of("kulturio-reporting-legacy-root", "unattached-1"),
                        "aws-elbv2-plain-http-listener", List.of("kulturio-portal"),
                        "aws-iam-access-key-not-rotated", List.of("ci-deployer", "legacy-ftp"),
                        "aws-iam-policy-admin-wildcard", List.of("kulturio-ops-everything"),
                        "aws-iam-role-admin-access", List.of("kulturio-migration-2021", "kulturio-reporting-role"),
                        "aws-iam-role-unused", List.of("kulturio-migration-2021"),
                        "aws-iam-user-no-mfa", List.of("ci-deployer", "legacy-ftp"),
                        "aws-kms-key-rotation-disabled", List.of("alias/kulturio-logs"),
                        "aws-lambda-runtime-deprecated", List.of("kulturio-report-mailer", "kulturio-thumbnailer"),
                        "aws-logs-retention-too-short", List.of("/aws/lambda/kulturio-thumbnailer", "/kulturio/portal"),
                        "aws-rds-engine-outdated", List.of("kulturio-phi-pg", "kulturio-phi-pg-replica"),
                        "aws-rds-storage-unencrypted", List.of("kulturio-phi-pg", "kulturio-phi-pg-replica"),
                        "aws-s3-bucket-no-default-encryption",
                                List.of("aws-athena-query-results-111122223333-us-east-1"),
                        "aws-s3-bucket-public", List.of("kulturio-www-assets"),
                        "aws-s3-sensitive-bucket-s3-managed-key", List.of("kulturio-db-backups")),
                found);
    }

    @Test
    void tvfoneFindingsAreThePlantedOnesAndTheRealOnesBesideThem() {
        assertEquals(
                expected(
                        "azure-cdn-endpoint-http-allowed", List.of("tvfone-media"),
                        "azure-keyvault-purge-protection-off", List.of("kv-tvfone-prod"),
                        "azure-nsg-rdp-internet", List.of("nsg-encoders"),
                        "azure-sql-firewall-allows-any-ip", List.of("AllowAll"),
                        "azure-sql-firewall-allows-azure-services", List.of("AllowAllWindowsAzureIps"),
                        "azure-sql-server-public-network", List.of("sql-tvfone-prod"),
                        "azure-sql-tde-disabled", List.of("subscribers"),
                        "azure-storage-blob-public-access-allowed", List.of("tvfonemedia"),
                        "azure-storage-container-public", List.of("promos", "thumbnails"),
                        "azure-storage-network-default-allow", List.of("tvfonelogs", "tvfonemedia"),
                        "azure-storage-tls-below-1-2", List.of("tvfonelogs"),
                        "azure-vm-admin-port-internet",
                                List.of(
                                        "vm-encoder-01",
                                        "vm-encoder-02",
                                        "vm-encoder-03",
                                        "vm-encoder-04",
                                        "vm-playout-legacy"),
                        "azure-vm-os-unsupported", List.of("vm-playout-legacy"),
                        "azure-vm-without-nsg", List.of("vmss-transcode")),
                findings("tvfone"));
    }

    @Test
    void uniEduFindingsAreThePlantedOnesAndTheRealOnesBesideThem() {
        String defaultSa = "123456789012-compute@developer.gserviceaccount.com";
        String pipeline = "research-pipeline@uniedu-research.iam.gserviceaccount.com";
        assertEquals(
                expected(
                        "gcp-firewall-ssh-internet", List.of("allow-ssh-admin"),
                        "gcp-iam-sa-admin-role", List.of(defaultSa, pipeline),
                        "gcp-iam-sa-user-managed-keys", List.of(pipeline),
                        "gcp-instance-admin-port-internet", List.of("lms-admin-1"),
                        "gcp-instance-default-sa-full-api-access",
                                List.of("lms-admin-1", "lms-worker-1", "lms-worker-2"),
                        "gcp-instance-default-service-account", List.of("lms-admin-1", "lms-worker-1", "lms-worker-2"),
                        "gcp-instance-os-unsupported", List.of("lms-admin-1"),
                        "gcp-instance-oslogin-disabled", List.of("lms-admin-1"),
                        "gcp-instance-shielded-vm-off", List.of("research-gpu-1", "research-gpu-2"),
                        "gcp-network-default-exists", List.of("default"),
                        "gcp-sql-backups-disabled", List.of("lms-mysql"),
                        "gcp-sql-engine-outdated", List.of("lms-mysql", "lms-mysql-replica"),
                        "gcp-sql-open-to-internet", List.of("lms-mysql"),
                        "gcp-sql-public-ip", List.of("lms-mysql"),
                        "gcp-sql-ssl-not-required", List.of("lms-mysql"),
                        "gcp-storage-bucket-public", List.of("uniedu-exam-uploads", "uniedu-lms-static"),
                        "gcp-storage-sensitive-no-versioning", List.of("uniedu-exam-uploads", "uniedu-sql-exports"),
                        "gcp-storage-uniform-access-off", List.of("uniedu-exam-uploads")),
                findings("uniedu"));
    }

    @Test
    void findingsCarryEvidenceRemediationAndFrameworks() {
        Scan scan = Scanner.run("kulturio", Planner.estate("kulturio"), CATALOG.checks());
        Finding bastion = scan.findings().stream()
                .filter(f -> f.checkId().equals("aws-ec2-instance-admin-port-internet")
                        && f.resourceName().equals("kulturio-bastion-1"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                bastion.evidence().get(0).startsWith("port 22 open to the internet via "),
                bastion.evidence().toString());
        assertTrue(bastion.message().contains("port 22"), bastion.message());
        assertTrue(bastion.frameworks().get("cis-aws").contains("5.2"));
        assertTrue(bastion.remediation().contains("Session Manager"));
        assertEquals(Severity.CRITICAL, scan.findings().get(0).severity(), "most severe first");
        Finding db = scan.findings().stream()
                .filter(f -> f.checkId().equals("aws-rds-engine-outdated")
                        && f.resourceName().equals("kulturio-phi-pg"))
                .findFirst()
                .orElseThrow();
        assertEquals("kulturio-phi-pg runs postgres 11.22", db.message());
    }

    @Test
    void anIcmpRuleOpenToTheWorldOpensNoAdministrationPort() {
        var uniedu = Planner.estate("uniedu");
        var network = uniedu.resources().stream()
                .filter(r -> r.type().equals("gcp.compute.network") && r.name().equals("default"))
                .findFirst()
                .orElseThrow();
        var props = io.sirsi.mcp.inventory.InventoryJson.MAPPER.createObjectNode();
        props.put("network", "projects/uniedu-research/global/networks/default")
                .put("priority", 65534)
                .put("direction", "INGRESS")
                .put("disabled", false);
        props.putArray("sourceRanges").add("0.0.0.0/0");
        props.putArray("targetTags");
        props.putArray("allowed").addObject().put("IPProtocol", "icmp");
        props.putArray("denied");
        var icmp = new io.sirsi.mcp.inventory.Resource(
                network.id().replace("networks/default", "firewalls/default-allow-icmp"),
                "gcp.compute.firewall",
                "gcp",
                network.account(),
                "global",
                "default-allow-icmp",
                java.util.Map.of(),
                props,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                network.syncTag(),
                network.firstSeen(),
                network.lastUpdated());
        var edge = new io.sirsi.mcp.inventory.Relationship(
                icmp.id(),
                "member-of-network",
                network.id(),
                io.sirsi.mcp.inventory.InventoryJson.MAPPER.createObjectNode(),
                network.syncTag(),
                network.firstSeen(),
                network.lastUpdated());
        var resources = new java.util.ArrayList<>(uniedu.resources());
        resources.add(icmp);
        var edges = new java.util.ArrayList<>(uniedu.relationships());
        edges.add(edge);
        var scan = Scanner.run("uniedu+icmp", uniedu.with(uniedu.accounts(), resources, edges), CATALOG.checks());
        assertEquals(
                List.of("lms-admin-1"),
                scan.findings().stream()
                        .filter(f -> f.checkId().equals("gcp-instance-admin-port-internet"))
                        .map(Finding::resourceName)
                        .toList());
    }

    @Test
    void aScanOfTheSameDocumentGivesTheSameFindings() {
        var inventory = Planner.estate("uniedu");
        assertEquals(
                Scanner.run("a", inventory, CATALOG.checks()).findings(),
                Scanner.run("a", inventory, CATALOG.checks()).findings());
    }
}
