package io.sirsi.mcp.inventory;

import static io.sirsi.mcp.inventory.RelationshipType.ASSUMES_ROLE;
import static io.sirsi.mcp.inventory.RelationshipType.ATTACHED_TO;
import static io.sirsi.mcp.inventory.RelationshipType.CONNECTS_TO;
import static io.sirsi.mcp.inventory.RelationshipType.EXPOSES;
import static io.sirsi.mcp.inventory.RelationshipType.MEMBER_OF_NETWORK;
import static io.sirsi.mcp.inventory.RelationshipType.PART_OF_SUBNET;
import static io.sirsi.mcp.inventory.RelationshipType.REPLICA_OF;
import static io.sirsi.mcp.inventory.RelationshipType.STORES_DATA_IN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UniEdu, a university on GCP: Compute Engine instances for its learning-management system, a VPC with
 * firewall rules, Cloud SQL MySQL, Cloud Storage buckets, and a research project with idle GPUs.
 * Student data carries the label {@code student-data=true}. Planted findings: SSH open to 0.0.0.0/0,
 * Cloud SQL reachable from any address with backups off, MySQL 5.7, a public bucket with student
 * data, and a service account with the owner role.
 */
final class UniEduEstate {
    static final String LMS = "uniedu-lms-prod";
    static final String RESEARCH = "uniedu-research";
    static final String REGION = "europe-west1";
    private static final Instant AT = Instant.parse("2026-11-01T06:00:00Z");

    private final EstateBuilder b = new EstateBuilder("gcp", "demo:uniedu", "uniedu-2026-11-01", AT);

    static Inventory build() {
        return new UniEduEstate().define();
    }

    private static String zonal(String project, String zone, String kind, String name) {
        return "projects/" + project + "/zones/" + zone + "/" + kind + "/" + name;
    }

    private static String global(String project, String kind, String name) {
        return "projects/" + project + "/global/" + kind + "/" + name;
    }

    private String firewall(
            String project,
            String network,
            String name,
            int priority,
            String direction,
            List<String> ranges,
            List<String> targetTags,
            String action,
            String protocol,
            List<String> ports) {
        String id = global(project, "firewalls", name);
        var rule = new LinkedHashMap<String, Object>();
        rule.put("IPProtocol", protocol);
        if (!ports.isEmpty()) {
            rule.put("ports", ports);
        }
        b.add("gcp.compute.firewall", id, project, "global", name)
                .prop("network", network)
                .prop("priority", priority)
                .prop("direction", direction)
                .prop("sourceRanges", ranges)
                .prop("targetTags", targetTags)
                .prop("allowed", action.equals("allow") ? List.of(rule) : List.of())
                .prop("denied", action.equals("deny") ? List.of(rule) : List.of())
                .prop("disabled", false)
                .prop("logConfig", Map.of("enable", false));
        b.edge(id, MEMBER_OF_NETWORK, network);
        return id;
    }

    private String instance(
            String project,
            String zone,
            String name,
            String machineType,
            String subnet,
            String network,
            List<String> networkTags,
            String serviceAccount,
            Map<String, String> labels,
            double cost,
            double[] util,
            String image) {
        String id = zonal(project, zone, "instances", name);
        var draft = b.add("gcp.compute.instance", id, project, zone, name)
                .prop("machineType", machineType)
                .prop("status", "RUNNING")
                .prop("tags", Map.of("items", networkTags))
                .prop(
                        "networkInterfaces",
                        List.of(Map.of(
                                "network",
                                network,
                                "subnetwork",
                                subnet,
                                "networkIP",
                                "10.60." + (name.length() % 7) + "." + (name.hashCode() & 0x7f))))
                .prop(
                        "serviceAccounts",
                        List.of(Map.of(
                                "email",
                                serviceAccount,
                                "scopes",
                                List.of("https://www.googleapis.com/auth/cloud-platform"))))
                .prop("shieldedInstanceConfig", Map.of("enableSecureBoot", !name.contains("gpu")))
                .prop(
                        "metadata",
                        Map.of(
                                "items",
                                List.of(Map.of(
                                        "key", "enable-oslogin", "value", name.contains("admin") ? "FALSE" : "TRUE"))))
                .prop("sourceImage", image)
                .cost(cost)
                .util(util[0], util[1], util[2], util[3], util[4], util[5]);
        labels.forEach(draft::tag);
        b.edge(id, PART_OF_SUBNET, subnet);
        String disk = zonal(project, zone, "disks", name);
        b.add("gcp.compute.disk", disk, project, zone, name)
                .prop("sizeGb", name.contains("gpu") ? 500 : 50)
                .prop("type", "pd-balanced")
                .prop("status", "READY")
                .cost((name.contains("gpu") ? 500 : 50) * 0.10);
        b.edge(disk, ATTACHED_TO, id);
        return id;
    }

    private Inventory define() {
        b.account(LMS, "UniEdu LMS (prod)", List.of(REGION));
        b.account(RESEARCH, "UniEdu Research", List.of(REGION, "us-central1"));

        String net = global(LMS, "networks", "lms-vpc");
        b.add("gcp.compute.network", net, LMS, "global", "lms-vpc")
                .prop("autoCreateSubnetworks", false)
                .prop("routingConfig", Map.of("routingMode", "REGIONAL"));
        String netResearch = global(RESEARCH, "networks", "default");
        b.add("gcp.compute.network", netResearch, RESEARCH, "global", "default").prop("autoCreateSubnetworks", true);
        Map<String, String> subnets = new LinkedHashMap<>();
        for (String[] s : new String[][] {
            {LMS, "lms-web", "10.60.1.0/24", net},
            {LMS, "lms-app", "10.60.2.0/24", net},
            {LMS, "lms-admin", "10.60.3.0/24", net},
            {RESEARCH, "default", "10.128.0.0/20", netResearch}
        }) {
            String subnet = "projects/" + s[0] + "/regions/" + REGION + "/subnetworks/" + s[1];
            b.add("gcp.compute.subnetwork", subnet, s[0], REGION, s[1])
                    .prop("ipCidrRange", s[2])
                    .prop("network", s[3])
                    .prop("privateIpGoogleAccess", !s[0].equals(RESEARCH));
            b.edge(subnet, MEMBER_OF_NETWORK, s[3]);
            subnets.put(s[1], subnet);
        }
        firewall(
                LMS,
                net,
                "allow-http-https",
                1000,
                "INGRESS",
                List.of("0.0.0.0/0"),
                List.of("lms-web"),
                "allow",
                "tcp",
                List.of("80", "443"));
        firewall(
                LMS,
                net,
                "allow-ssh-admin",
                1000,
                "INGRESS",
                List.of("0.0.0.0/0"),
                List.of("lms-admin"),
                "allow",
                "tcp",
                List.of("22"));
        firewall(
                LMS,
                net,
                "allow-internal",
                1100,
                "INGRESS",
                List.of("10.60.0.0/16"),
                List.of(),
                "allow",
                "all",
                List.of());
        firewall(
                LMS,
                net,
                "allow-health-checks",
                1000,
                "INGRESS",
                List.of("35.191.0.0/16", "130.211.0.0/22"),
                List.of("lms-web"),
                "allow",
                "tcp",
                List.of("80"));
        firewall(LMS, net, "deny-rdp", 900, "INGRESS", List.of("0.0.0.0/0"), List.of(), "deny", "tcp", List.of("3389"));
        firewall(
                RESEARCH,
                netResearch,
                "default-allow-ssh",
                65534,
                "INGRESS",
                List.of("10.50.0.0/16"),
                List.of(),
                "allow",
                "tcp",
                List.of("22"));
        firewall(
                RESEARCH,
                netResearch,
                "jupyter-campus",
                1000,
                "INGRESS",
                List.of("198.51.100.0/24"),
                List.of("jupyter"),
                "allow",
                "tcp",
                List.of("8888"));

        String saApp = "lms-app@" + LMS + ".iam.gserviceaccount.com";
        String saDefault = "123456789012-compute@developer.gserviceaccount.com";
        String saResearch = "research-pipeline@" + RESEARCH + ".iam.gserviceaccount.com";
        String saBackup = "lms-backup@" + LMS + ".iam.gserviceaccount.com";
        Map<String, String> saIds = new LinkedHashMap<>();
        for (String[] sa : new String[][] {
            {LMS, saApp, "roles/cloudsql.client,roles/storage.objectViewer"},
            {LMS, saDefault, "roles/editor"},
            {RESEARCH, saResearch, "roles/owner"},
            {LMS, saBackup, "roles/storage.objectAdmin"}
        }) {
            String id = "projects/" + sa[0] + "/serviceAccounts/" + sa[1];
            b.add("gcp.iam.service-account", id, sa[0], "global", sa[1])
                    .prop("email", sa[1])
                    .prop("projectRoles", List.of(sa[2].split(",")))
                    .prop("userManagedKeys", sa[1].startsWith("research") ? 2 : 0);
            saIds.put(sa[1], id);
        }

        String image = "projects/ubuntu-os-cloud/global/images/ubuntu-2204-jammy-v20260915";
        Map<String, String> lms = Map.of("env", "prod", "app", "lms", "student-data", "true");
        List<String> webs = new ArrayList<>();
        double[][] webUtil = {
            {35, 66, 90, 50, 62, 74}, {33, 64, 88, 49, 61, 73}, {36, 67, 91, 51, 63, 75}, {5, 9, 20, 18, 22, 26}
        };
        for (int i = 1; i <= 4; i++) {
            String zone = REGION + (i % 2 == 1 ? "-b" : "-c");
            String id = instance(
                    LMS,
                    zone,
                    "lms-web-" + i,
                    "e2-standard-4",
                    subnets.get("lms-web"),
                    net,
                    List.of("lms-web"),
                    saApp,
                    lms,
                    97.84,
                    webUtil[i - 1],
                    image);
            webs.add(id);
            b.edge(id, ASSUMES_ROLE, saIds.get(saApp));
        }
        List<String> apps = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String id = instance(
                    LMS,
                    REGION + "-b",
                    "lms-app-" + i,
                    "n2-standard-8",
                    subnets.get("lms-app"),
                    net,
                    List.of("lms-app"),
                    saApp,
                    lms,
                    283.54,
                    new double[] {42, 79, 97, 63, 75, 86},
                    image);
            apps.add(id);
            b.edge(id, ASSUMES_ROLE, saIds.get(saApp));
        }
        for (int i = 1; i <= 2; i++) {
            String id = instance(
                    LMS,
                    REGION + "-c",
                    "lms-worker-" + i,
                    "e2-highmem-4",
                    subnets.get("lms-app"),
                    net,
                    List.of("lms-worker"),
                    saDefault,
                    Map.of("env", "prod", "app", "lms-jobs"),
                    131.40,
                    new double[] {20, 55, 80, 70, 82, 90},
                    image);
            b.edge(id, ASSUMES_ROLE, saIds.get(saDefault));
            apps.add(id);
        }
        String admin = instance(
                LMS,
                REGION + "-b",
                "lms-admin-1",
                "e2-small",
                subnets.get("lms-admin"),
                net,
                List.of("lms-admin"),
                saDefault,
                Map.of("env", "prod", "app", "lms"),
                12.23,
                new double[] {1, 2, 8, 25, 28, 31},
                "projects/debian-cloud/global/images/debian-10-buster-v20220719");
        b.edge(admin, ASSUMES_ROLE, saIds.get(saDefault));
        for (int i = 1; i <= 2; i++) {
            String id = instance(
                    RESEARCH,
                    "us-central1-a",
                    "research-gpu-" + i,
                    "a2-highgpu-1g",
                    subnets.get("default"),
                    netResearch,
                    List.of(),
                    saResearch,
                    Map.of("team", "physics", "env", "research"),
                    2682.74,
                    new double[] {1, 3, 12, 8, 10, 14},
                    "projects/deeplearning-platform-release/global/images/common-cu121-v20260101");
            b.edge(id, ASSUMES_ROLE, saIds.get(saResearch));
        }
        String jupyter = instance(
                RESEARCH,
                "us-central1-a",
                "jupyter-hub",
                "n2-standard-4",
                subnets.get("default"),
                netResearch,
                List.of("jupyter"),
                saResearch,
                Map.of("team", "data-science", "student-data", "true"),
                141.77,
                new double[] {14, 40, 88, 60, 78, 90},
                image);
        b.edge(jupyter, ASSUMES_ROLE, saIds.get(saResearch));

        // Load balancing
        String ip = global(LMS, "addresses", "lms-frontend-ip");
        b.add("gcp.compute.address", ip, LMS, "global", "lms-frontend-ip")
                .prop("address", "34.120.55.10")
                .prop("addressType", "EXTERNAL")
                .cost(7.3);
        String backend = global(LMS, "backendServices", "lms-web-backend");
        b.add("gcp.compute.backend-service", backend, LMS, "global", "lms-web-backend")
                .prop("protocol", "HTTP")
                .prop("loadBalancingScheme", "EXTERNAL_MANAGED")
                .prop("port", 80);
        String rule = global(LMS, "forwardingRules", "lms-https");
        b.add("gcp.compute.forwarding-rule", rule, LMS, "global", "lms-https")
                .prop("IPAddress", "34.120.55.10")
                .prop("portRange", "443-443")
                .prop("loadBalancingScheme", "EXTERNAL_MANAGED")
                .cost(18.25);
        b.edge(ip, ATTACHED_TO, rule);
        b.edge(rule, EXPOSES, backend);
        for (String w : webs) {
            b.edge(backend, EXPOSES, w, Map.of("port", 80));
            for (String a : apps.subList(0, 4)) {
                b.edge(w, CONNECTS_TO, a, Map.of("port", 8080));
            }
        }

        // Cloud SQL
        String sql = "projects/" + LMS + "/instances/lms-mysql";
        b.add("gcp.sql.instance", sql, LMS, REGION, "lms-mysql")
                .prop("databaseVersion", "MYSQL_5_7")
                .prop(
                        "settings",
                        Map.of(
                                "tier",
                                "db-n1-standard-8",
                                "availabilityType",
                                "ZONAL",
                                "backupConfiguration",
                                Map.of("enabled", false, "binaryLogEnabled", false),
                                "ipConfiguration",
                                Map.of(
                                        "ipv4Enabled",
                                        true,
                                        "requireSsl",
                                        false,
                                        "authorizedNetworks",
                                        List.of(Map.of("name", "anywhere", "value", "0.0.0.0/0"))),
                                "dataDiskSizeGb",
                                800))
                .prop("ipAddresses", List.of(Map.of("type", "PRIMARY", "ipAddress", "35.195.77.23")))
                .tag("student-data", "true")
                .tag("app", "lms")
                .util(38, 70, 92, 75, 84, 90)
                .cost(615.16);
        String replica = "projects/" + LMS + "/instances/lms-mysql-replica";
        b.add("gcp.sql.instance", replica, LMS, REGION, "lms-mysql-replica")
                .prop("databaseVersion", "MYSQL_5_7")
                .prop("masterInstanceName", "lms-mysql")
                .prop(
                        "settings",
                        Map.of(
                                "tier",
                                "db-n1-standard-4",
                                "availabilityType",
                                "ZONAL",
                                "backupConfiguration",
                                Map.of("enabled", false),
                                "ipConfiguration",
                                Map.of("ipv4Enabled", false, "requireSsl", true, "authorizedNetworks", List.of()),
                                "dataDiskSizeGb",
                                800))
                .tag("student-data", "true")
                .tag("app", "lms")
                .util(10, 18, 35, 40, 45, 50)
                .cost(307.58);
        b.edge(replica, REPLICA_OF, sql);
        for (String a : apps) {
            b.edge(a, CONNECTS_TO, sql, Map.of("port", 3306));
        }

        // Cloud Storage
        for (String[] bucket : new String[][] {
            {LMS, "uniedu-student-records", "false", "true", "12000"},
            {LMS, "uniedu-exam-uploads", "true", "true", "2600"},
            {LMS, "uniedu-lms-static", "true", "false", "45"},
            {LMS, "uniedu-sql-exports", "false", "true", "3100"},
            {RESEARCH, "uniedu-research-datasets", "false", "false", "88000"}
        }) {
            String id = "projects/_/buckets/" + bucket[1];
            var draft = b.add(
                            "gcp.storage.bucket",
                            id,
                            bucket[0],
                            bucket[0].equals(LMS) ? "EUROPE-WEST1" : "US",
                            bucket[1])
                    .prop("storageClass", bucket[1].contains("research") ? "NEARLINE" : "STANDARD")
                    .prop(
                            "iamConfiguration",
                            Map.of(
                                    "uniformBucketLevelAccess",
                                    Map.of("enabled", !bucket[1].contains("exam")),
                                    "publicAccessPrevention",
                                    Boolean.parseBoolean(bucket[2]) ? "inherited" : "enforced"))
                    .prop(
                            "iamBindings",
                            Boolean.parseBoolean(bucket[2])
                                    ? List.of(Map.of(
                                            "role", "roles/storage.objectViewer", "members", List.of("allUsers")))
                                    : List.of())
                    .prop("versioning", Map.of("enabled", bucket[1].contains("records")))
                    .prop("sizeGiB", Double.parseDouble(bucket[4]))
                    .cost(Double.parseDouble(bucket[4]) * (bucket[1].contains("research") ? 0.01 : 0.02));
            if (Boolean.parseBoolean(bucket[3])) {
                draft.tag("student-data", "true");
            }
            if (bucket[1].contains("records") || bucket[1].contains("exam")) {
                for (String a : apps.subList(0, 4)) {
                    b.edge(a, STORES_DATA_IN, id);
                }
            }
            if (bucket[1].contains("exports")) {
                b.edge(sql, STORES_DATA_IN, id, Map.of("kind", "exports"));
            }
            if (bucket[1].contains("research")) {
                b.edge(jupyter, CONNECTS_TO, id);
            }
        }
        for (int i = 1; i <= 3; i++) {
            String snap = global(LMS, "snapshots", "lms-app-1-snap-" + i);
            b.add("gcp.compute.snapshot", snap, LMS, "global", "lms-app-1-snap-" + i)
                    .prop("diskSizeGb", 50)
                    .prop("creationTimestamp", AT.minusSeconds(86_400L * 30 * i).toString())
                    .cost(1.3);
        }
        return b.build();
    }
}
