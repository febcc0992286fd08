package io.sirsi.mcp.inventory;

import static io.sirsi.mcp.inventory.RelationshipType.ASSUMES_ROLE;
import static io.sirsi.mcp.inventory.RelationshipType.ATTACHED_TO;
import static io.sirsi.mcp.inventory.RelationshipType.CONNECTS_TO;
import static io.sirsi.mcp.inventory.RelationshipType.ENCRYPTED_BY;
import static io.sirsi.mcp.inventory.RelationshipType.EXPOSES;
import static io.sirsi.mcp.inventory.RelationshipType.MEMBER_OF_NETWORK;
import static io.sirsi.mcp.inventory.RelationshipType.MEMBER_OF_SECURITY_GROUP;
import static io.sirsi.mcp.inventory.RelationshipType.PART_OF_SUBNET;
import static io.sirsi.mcp.inventory.RelationshipType.REPLICA_OF;
import static io.sirsi.mcp.inventory.RelationshipType.STORES_DATA_IN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kulturio, a healthcare provider on AWS: a patient portal (ALB, web and app tiers on EC2), PostgreSQL
 * 11 on RDS holding PHI, an S3 imaging archive, IAM roles, a Windows batch server, a DR region and a
 * dev account. Messy on purpose: inconsistent tags, idle instances, orphaned volumes, and planted
 * findings (SSH open to 0.0.0.0/0, IMDSv1 allowed, an unencrypted PHI database, PostgreSQL 11).
 */
final class KulturioEstate {
    static final String PROD = "111122223333";
    static final String DEV = "444455556666";
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    private static final Instant AT = Instant.parse("2026-11-01T06:00:00Z");

    private final EstateBuilder b = new EstateBuilder("aws", "demo:kulturio", "kulturio-2026-11-01", AT);
    private int serial = 0x1a2b3c;

    private String hex(int digits) {
        serial = serial * 1103515245 + 12345 & 0x7fffffff;
        String h = Integer.toHexString(serial) + Integer.toHexString(serial * 31 + 7);
        while (h.length() < digits) {
            h = h + h;
        }
        return h.substring(0, digits);
    }

    private static String arn(String service, String region, String account, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static Instant daysAgo(int days) {
        return AT.minusSeconds(86_400L * days);
    }

    static Inventory build() {
        return new KulturioEstate().define();
    }

    private static Map<String, Object> perm(
            String protocol, int from, int to, List<String> cidrs, List<String> groups) {
        var p = new LinkedHashMap<String, Object>();
        p.put("ipProtocol", protocol);
        if (!protocol.equals("-1")) {
            p.put("fromPort", from);
            p.put("toPort", to);
        }
        p.put("ipRanges", cidrs.stream().map(c -> Map.of("cidrIp", c)).toList());
        p.put("userIdGroupPairs", groups.stream().map(g -> Map.of("groupId", g)).toList());
        return p;
    }

    private static final List<Map<String, Object>> ALL_OUT = List.of(perm("-1", 0, 0, List.of("0.0.0.0/0"), List.of()));

    @SuppressWarnings("unchecked")
    private String sg(
            String account, String region, String vpc, String name, String description, List<Map<String, Object>> in) {
        String id = "sg-" + hex(17);
        // AWS reports a rule that refers to its own group with the group's id.
        in = in.stream()
                .map(p -> {
                    var copy = new LinkedHashMap<>(p);
                    copy.put(
                            "userIdGroupPairs",
                            ((List<Map<String, Object>>) p.get("userIdGroupPairs"))
                                    .stream()
                                            .map(g -> "self".equals(g.get("groupId"))
                                                    ? Map.<String, Object>of("groupId", id)
                                                    : g)
                                            .toList());
                    return (Map<String, Object>) copy;
                })
                .toList();
        String arn = arn("ec2", region, account, "security-group/" + id);
        b.add("aws.ec2.security-group", arn, account, region, name)
                .prop("groupId", id)
                .prop("groupName", name)
                .prop("description", description)
                .prop("vpcId", vpc.substring(vpc.lastIndexOf('/') + 1))
                .prop("ipPermissions", in)
                .prop("ipPermissionsEgress", ALL_OUT);
        b.edge(arn, MEMBER_OF_NETWORK, vpc);
        return arn;
    }

    private static String groupId(String sgArn) {
        return sgArn.substring(sgArn.lastIndexOf('/') + 1);
    }

    private record Instance(String arn, String volume) {}

    private Instance instance(
            String account,
            String region,
            String subnet,
            String name,
            String type,
            String platform,
            String os,
            String imdsTokens,
            double cost,
            List<String> groups,
            String role,
            Map<String, String> tags,
            double[] util,
            String state,
            int ageDays) {
        String id = "i-0" + hex(16);
        String arn = arn("ec2", region, account, "instance/" + id);
        String az = region + (name.endsWith("-2") || name.endsWith("-4") || name.endsWith("-6") ? "b" : "a");
        var draft = b.add("aws.ec2.instance", arn, account, region, name)
                .prop("instanceId", id)
                .prop("instanceType", type)
                .prop("state", Map.of("name", state))
                .prop("platform", platform)
                .prop("platformDetails", os)
                .prop("imageId", "ami-0" + hex(16))
                .prop("placement", Map.of("availabilityZone", az))
                .prop(
                        "privateIpAddress",
                        "10." + (account.equals(PROD) ? 20 : 30) + "." + (serial % 200) + "." + (serial % 250 + 4))
                .prop("subnetId", subnet.substring(subnet.lastIndexOf('/') + 1))
                .prop("metadataOptions", Map.of("httpTokens", imdsTokens, "httpEndpoint", "enabled"))
                .prop("launchTime", daysAgo(ageDays).toString())
                .prop("monitoring", Map.of("state", "disabled"))
                .firstSeen(daysAgo(Math.min(ageDays, 400)))
                .cost(cost);
        tags.forEach(draft::tag);
        if (util != null) {
            draft.util(util[0], util[1], util[2], util[3], util[4], util[5]);
        }
        b.edge(arn, PART_OF_SUBNET, subnet);
        for (String group : groups) {
            b.edge(arn, MEMBER_OF_SECURITY_GROUP, group);
        }
        if (role != null) {
            b.edge(arn, ASSUMES_ROLE, role);
        }
        String volumeId = "vol-0" + hex(16);
        String volume = arn("ec2", region, account, "volume/" + volumeId);
        b.add("aws.ec2.volume", volume, account, region, name + "-root")
                .prop("volumeId", volumeId)
                .prop("volumeType", "gp2")
                .prop("size", platform.equals("windows") ? 100 : 30)
                .prop("encrypted", !name.contains("legacy"))
                .prop("state", "in-use")
                .cost((platform.equals("windows") ? 100 : 30) * 0.10);
        b.edge(volume, ATTACHED_TO, arn, Map.of("device", platform.equals("windows") ? "/dev/sda1" : "/dev/xvda"));
        return new Instance(arn, volume);
    }

    private String role(String name, String trust, List<String> policies, int lastUsedDays) {
        String arn = "arn:aws:iam::" + PROD + ":role/" + name;
        b.add("aws.iam.role", arn, PROD, "global", name)
                .prop("roleName", name)
                .prop(
                        "assumeRolePolicyDocument",
                        Map.of(
                                "Statement",
                                List.of(Map.of(
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", trust),
                                        "Action",
                                        "sts:AssumeRole"))))
                .prop("attachedPolicies", policies)
                .prop(
                        "roleLastUsed",
                        lastUsedDays < 0
                                ? Map.of()
                                : Map.of("lastUsedDate", daysAgo(lastUsedDays).toString()));
        return arn;
    }

    private String policy(String name, String action, String resource) {
        String arn = "arn:aws:iam::" + PROD + ":policy/" + name;
        b.add("aws.iam.policy", arn, PROD, "global", name)
                .prop("policyName", name)
                .prop(
                        "document",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(Map.of("Effect", "Allow", "Action", action, "Resource", resource))));
        return arn;
    }

    private String bucket(
            String name,
            String region,
            boolean pub,
            String encryption,
            boolean versioning,
            double sizeGiB,
            Map<String, String> tags) {
        String arn = "arn:aws:s3:::" + name;
        var draft = b.add("aws.s3.bucket", arn, name.contains("-dev-") ? DEV : PROD, region, name)
                .prop("name", name)
                .prop("creationDate", daysAgo(900).toString())
                .prop("serverSideEncryption", encryption == null ? Map.of() : Map.of("sseAlgorithm", encryption))
                .prop("versioning", versioning ? "Enabled" : "Suspended")
                .prop(
                        "publicAccessBlock",
                        Map.of(
                                "blockPublicAcls",
                                !pub,
                                "blockPublicPolicy",
                                !pub,
                                "ignorePublicAcls",
                                !pub,
                                "restrictPublicBuckets",
                                !pub))
                .prop("policyStatus", Map.of("isPublic", pub))
                .prop("sizeGiB", sizeGiB)
                .cost(sizeGiB * 0.023);
        tags.forEach(draft::tag);
        return arn;
    }

    private Inventory define() {
        b.account(PROD, "kulturio-prod", List.of(EAST, WEST)).tag("owner", "platform-team");
        b.account(DEV, "kulturio-dev", List.of(EAST)).tag("owner", "platform-team");

        // Keys
        String kmsPhi =
                arn("kms", EAST, PROD, "key/" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12));
        b.add("aws.kms.key", kmsPhi, PROD, EAST, "alias/kulturio-phi")
                .prop("keyState", "Enabled")
                .prop("keyRotationEnabled", true)
                .prop("description", "PHI data at rest")
                .cost(1);
        String kmsLogs =
                arn("kms", EAST, PROD, "key/" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12));
        b.add("aws.kms.key", kmsLogs, PROD, EAST, "alias/kulturio-logs")
                .prop("keyState", "Enabled")
                .prop("keyRotationEnabled", false)
                .prop("description", "Logs")
                .cost(1);

        // Network, us-east-1
        String vpcId = "vpc-0" + hex(16);
        String vpc = arn("ec2", EAST, PROD, "vpc/" + vpcId);
        b.add("aws.ec2.vpc", vpc, PROD, EAST, "kulturio-prod")
                .prop("vpcId", vpcId)
                .prop("cidrBlock", "10.20.0.0/16")
                .prop("isDefault", false)
                .tag("Environment", "production");
        String igw = arn("ec2", EAST, PROD, "internet-gateway/igw-0" + hex(16));
        b.add("aws.ec2.internet-gateway", igw, PROD, EAST, "kulturio-igw");
        b.edge(igw, ATTACHED_TO, vpc);
        Map<String, String> subnets = new LinkedHashMap<>();
        String[][] subnetDefs = {
            {"public-a", "10.20.0.0/24", "a", "true"}, {"public-b", "10.20.1.0/24", "b", "true"},
            {"app-a", "10.20.10.0/24", "a", "false"}, {"app-b", "10.20.11.0/24", "b", "false"},
            {"data-a", "10.20.20.0/24", "a", "false"}, {"data-b", "10.20.21.0/24", "b", "false"},
        };
        for (String[] s : subnetDefs) {
            String id = "subnet-0" + hex(16);
            String arn = arn("ec2", EAST, PROD, "subnet/" + id);
            b.add("aws.ec2.subnet", arn, PROD, EAST, "kulturio-" + s[0])
                    .prop("subnetId", id)
                    .prop("cidrBlock", s[1])
                    .prop("availabilityZone", EAST + s[2])
                    .prop("mapPublicIpOnLaunch", Boolean.parseBoolean(s[3]));
            b.edge(arn, MEMBER_OF_NETWORK, vpc);
            subnets.put(s[0], arn);
        }
        for (String az : List.of("a", "b")) {
            String nat = arn("ec2", EAST, PROD, "natgateway/nat-0" + hex(16));
            b.add("aws.ec2.nat-gateway", nat, PROD, EAST, "kulturio-nat-" + az)
                    .prop("state", "available")
                    .cost(32.85);
            b.edge(nat, PART_OF_SUBNET, subnets.get("public-" + az));
        }

        // Security groups
        String corp = "10.50.0.0/16";
        String sgAlb = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-alb-public",
                "Public HTTPS for the patient portal",
                List.of(
                        perm("tcp", 443, 443, List.of("0.0.0.0/0"), List.of()),
                        perm("tcp", 80, 80, List.of("0.0.0.0/0"), List.of())));
        String sgBastion = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-bastion",
                "SSH bastion (temporary, opened for a vendor in 2024)",
                List.of(perm("tcp", 22, 22, List.of("0.0.0.0/0"), List.of())));
        String sgWeb = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-web",
                "Portal web tier",
                List.of(
                        perm("tcp", 80, 80, List.of(), List.of(groupId(sgAlb))),
                        perm("tcp", 22, 22, List.of(), List.of(groupId(sgBastion)))));
        String sgAppLb = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-app-internal-lb",
                "Internal load balancer for the app tier",
                List.of(perm("tcp", 8080, 8080, List.of(), List.of(groupId(sgWeb)))));
        String sgApp = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-app",
                "Portal application tier",
                List.of(
                        perm("tcp", 8080, 8080, List.of(), List.of(groupId(sgAppLb))),
                        perm("tcp", 22, 22, List.of(), List.of(groupId(sgBastion)))));
        String sgDb = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-db",
                "PostgreSQL and MySQL from the app tier",
                List.of(
                        perm("tcp", 5432, 5432, List.of(), List.of(groupId(sgApp))),
                        perm("tcp", 3306, 3306, List.of(), List.of(groupId(sgApp)))));
        String sgBatch = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-batch",
                "Windows batch server: RDP from the office VPN, SMB from the app tier",
                List.of(
                        perm("tcp", 3389, 3389, List.of(corp), List.of()),
                        perm("tcp", 445, 445, List.of(), List.of(groupId(sgApp)))));
        String sgLegacy = sg(
                PROD,
                EAST,
                vpc,
                "launch-wizard-3",
                "launch-wizard-3 created 2019-04-02T10:12:44.000Z",
                List.of(
                        perm("tcp", 22, 22, List.of("0.0.0.0/0"), List.of()),
                        perm("tcp", 8443, 8443, List.of("0.0.0.0/0"), List.of())));
        String sgMon = sg(
                PROD,
                EAST,
                vpc,
                "kulturio-monitoring",
                "Prometheus and Grafana",
                List.of(
                        perm("tcp", 9100, 9100, List.of(), List.of("self")),
                        perm("tcp", 3000, 3000, List.of(corp), List.of())));
        String sgDefault = sg(
                PROD,
                EAST,
                vpc,
                "default",
                "default VPC security group",
                List.of(perm("-1", 0, 0, List.of(), List.of("self"))));

        // IAM
        String polPhiRead = policy("kulturio-imaging-read", "s3:GetObject", "arn:aws:s3:::kulturio-imaging-archive/*");
        String polDbSecrets = policy(
                "kulturio-db-secrets",
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:kulturio/db/*");
        String polAdmin = policy("kulturio-ops-everything", "*", "*");
        String polLogs = policy("kulturio-logs-write", "logs:PutLogEvents", "*");
        String polBatch = policy("kulturio-batch-s3", "s3:*", "arn:aws:s3:::kulturio-*");
        String roleWeb = role("kulturio-web-role", "ec2.amazonaws.com", List.of(polLogs), 1);
        String roleApp = role("kulturio-app-role", "ec2.amazonaws.com", List.of(polPhiRead, polDbSecrets, polLogs), 0);
        String roleBatch = role("kulturio-batch-role", "ec2.amazonaws.com", List.of(polBatch), 2);
        String roleReporting = role("kulturio-reporting-role", "ec2.amazonaws.com", List.of(polAdmin), 3);
        String roleMon = role("kulturio-monitoring-role", "ec2.amazonaws.com", List.of(polLogs), 0);
        String roleOld = role("kulturio-migration-2021", "ec2.amazonaws.com", List.of(polAdmin), -1);
        for (String[] attach : new String[][] {
            {polLogs, roleWeb},
            {polPhiRead, roleApp},
            {polDbSecrets, roleApp},
            {polLogs, roleApp},
            {polBatch, roleBatch},
            {polAdmin, roleReporting},
            {polLogs, roleMon},
            {polAdmin, roleOld}
        }) {
            b.edge(attach[0], ATTACHED_TO, attach[1]);
        }
        for (String[] user : new String[][] {{"ci-deployer", "912"}, {"alice.admin", "3"}, {"legacy-ftp", "1411"}}) {
            String arn = "arn:aws:iam::" + PROD + ":user/" + user[0];
            b.add("aws.iam.user", arn, PROD, "global", user[0])
                    .prop("userName", user[0])
                    .prop(
                            "accessKeys",
                            List.of(Map.of(
                                    "status",
                                    "Active",
                                    "createDate",
                                    daysAgo(Integer.parseInt(user[1])).toString())))
                    .prop("mfaEnabled", user[0].equals("alice.admin"));
            if (!user[0].equals("legacy-ftp")) {
                b.edge(polAdmin, ATTACHED_TO, arn);
            }
        }

        // Load balancers
        String alb = arn("elasticloadbalancing", EAST, PROD, "loadbalancer/app/kulturio-portal/" + hex(16));
        b.add("aws.elbv2.load-balancer", alb, PROD, EAST, "kulturio-portal")
                .prop("type", "application")
                .prop("scheme", "internet-facing")
                .prop("dNSName", "kulturio-portal-" + hex(9) + ".us-east-1.elb.amazonaws.com")
                .prop(
                        "listeners",
                        List.of(Map.of("port", 443, "protocol", "HTTPS"), Map.of("port", 80, "protocol", "HTTP")))
                .tag("Environment", "production")
                .tag("app", "portal")
                .cost(22.27);
        b.edge(alb, MEMBER_OF_SECURITY_GROUP, sgAlb);
        b.edge(alb, PART_OF_SUBNET, subnets.get("public-a"));
        b.edge(alb, PART_OF_SUBNET, subnets.get("public-b"));
        String tgWeb = arn("elasticloadbalancing", EAST, PROD, "targetgroup/kulturio-web/" + hex(16));
        b.add("aws.elbv2.target-group", tgWeb, PROD, EAST, "kulturio-web")
                .prop("port", 80)
                .prop("protocol", "HTTP")
                .prop("healthCheckPath", "/healthz");
        b.edge(tgWeb, ATTACHED_TO, alb);
        String ilb = arn("elasticloadbalancing", EAST, PROD, "loadbalancer/app/kulturio-app-internal/" + hex(16));
        b.add("aws.elbv2.load-balancer", ilb, PROD, EAST, "kulturio-app-internal")
                .prop("type", "application")
                .prop("scheme", "internal")
                .prop("listeners", List.of(Map.of("port", 8080, "protocol", "HTTP")))
                .tag("Environment", "production")
                .tag("app", "portal")
                .cost(18.40);
        b.edge(ilb, MEMBER_OF_SECURITY_GROUP, sgAppLb);
        b.edge(ilb, PART_OF_SUBNET, subnets.get("app-a"));

        Map<String, String> portal = Map.of("Environment", "production", "app", "portal", "data-classification", "PHI");
        List<String> web = new ArrayList<>();
        double[][] webUtil = {
            {38, 71, 92, 52, 68, 80}, {35, 69, 90, 50, 66, 79}, {41, 75, 95, 55, 70, 83}, {37, 70, 91, 51, 67, 80}
        };
        for (int i = 1; i <= 4; i++) {
            var inst = instance(
                    PROD,
                    EAST,
                    subnets.get(i % 2 == 1 ? "public-a" : "public-b"),
                    "kulturio-web-" + i,
                    "t3.large",
                    "linux",
                    "Linux/UNIX",
                    "required",
                    60.74,
                    List.of(sgWeb),
                    roleWeb,
                    portal,
                    webUtil[i - 1],
                    "running",
                    700 - i);
            web.add(inst.arn());
            b.edge(alb, EXPOSES, inst.arn(), Map.of("port", 80, "targetGroup", tgWeb));
            b.edge(inst.arn(), CONNECTS_TO, ilb, Map.of("port", 8080));
        }
        List<String> app = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            boolean idle = i >= 5;
            double[] util = idle ? new double[] {3, 6, 11, 18, 22, 26} : new double[] {44, 78, 96, 61, 74, 88};
            var inst = instance(
                    PROD,
                    EAST,
                    subnets.get(i % 2 == 1 ? "app-a" : "app-b"),
                    "kulturio-app-" + i,
                    "m5.xlarge",
                    "linux",
                    "Linux/UNIX",
                    "required",
                    140.16,
                    List.of(sgApp),
                    roleApp,
                    portal,
                    util,
                    "running",
                    690 - i);
            app.add(inst.arn());
            b.edge(ilb, EXPOSES, inst.arn(), Map.of("port", 8080));
        }

        // The bastion and the other stragglers
        var bastion = instance(
                PROD,
                EAST,
                subnets.get("public-a"),
                "kulturio-bastion-1",
                "t3.micro",
                "linux",
                "Linux/UNIX",
                "required",
                7.59,
                List.of(sgBastion),
                null,
                Map.of("env", "prod", "Name", "bastion"),
                new double[] {1, 2, 9, 20, 24, 30},
                "running",
                820);
        String bastionEip = arn("ec2", EAST, PROD, "elastic-ip/eipalloc-0" + hex(16));
        b.add("aws.ec2.elastic-ip", bastionEip, PROD, EAST, "kulturio-bastion-eip")
                .prop("publicIp", "54.210.14.7")
                .cost(3.65);
        b.edge(bastionEip, ATTACHED_TO, bastion.arn());
        b.edge(bastionEip, EXPOSES, bastion.arn());
        var batch = instance(
                PROD,
                EAST,
                subnets.get("app-a"),
                "kulturio-batch-win-1",
                "m5.2xlarge",
                "windows",
                "Windows Server 2012 R2 Standard",
                "required",
                548.96,
                List.of(sgBatch),
                roleBatch,
                Map.of(
                        "Environment",
                        "production",
                        "app",
                        "claims-batch",
                        "data-classification",
                        "PHI",
                        "license",
                        "BYOL-none"),
                new double[] {12, 88, 100, 40, 81, 95},
                "running",
                1900);
        String batchData = arn("ec2", EAST, PROD, "volume/vol-0" + hex(16));
        b.add("aws.ec2.volume", batchData, PROD, EAST, "kulturio-batch-data")
                .prop("volumeType", "gp2")
                .prop("size", 500)
                .prop("encrypted", true)
                .prop("state", "in-use")
                .cost(50);
        b.edge(batchData, ATTACHED_TO, batch.arn(), Map.of("device", "xvdf"));
        b.edge(batchData, ENCRYPTED_BY, kmsPhi);
        var legacy = instance(
                PROD,
                EAST,
                subnets.get("public-b"),
                "kulturio-reporting-legacy",
                "m4.large",
                "linux",
                "Linux/UNIX",
                "optional",
                73.00,
                List.of(sgLegacy),
                roleReporting,
                Map.of("Name", "reporting-legacy", "owner", "bob@kulturio.example"),
                new double[] {2, 5, 40, 30, 35, 40},
                "running",
                2100);
        var monitoring = instance(
                PROD,
                EAST,
                subnets.get("app-b"),
                "kulturio-monitoring-1",
                "t3.medium",
                "linux",
                "Linux/UNIX",
                "required",
                30.37,
                List.of(sgMon),
                roleMon,
                Map.of("Environment", "production", "app", "monitoring"),
                new double[] {22, 41, 70, 58, 66, 75},
                "running",
                500);
        List<String> etl = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            var inst = instance(
                    PROD,
                    EAST,
                    subnets.get("app-a"),
                    "kulturio-etl-" + i,
                    "c5.2xlarge",
                    "linux",
                    "Linux/UNIX",
                    "required",
                    248.20,
                    List.of(sgApp),
                    roleApp,
                    Map.of("environment", "Production", "app", "etl"),
                    new double[] {4, 9, 35, 12, 15, 22},
                    i == 2 ? "stopped" : "running",
                    300);
            etl.add(inst.arn());
        }

        // Databases
        String dbSubnets = arn("rds", EAST, PROD, "subgrp:kulturio-data");
        b.add("aws.rds.db-subnet-group", dbSubnets, PROD, EAST, "kulturio-data")
                .prop("subnetIds", List.of(subnets.get("data-a"), subnets.get("data-b")));
        b.edge(dbSubnets, PART_OF_SUBNET, subnets.get("data-a"));
        b.edge(dbSubnets, PART_OF_SUBNET, subnets.get("data-b"));
        String pg = arn("rds", EAST, PROD, "db:kulturio-phi-pg");
        b.add("aws.rds.db-instance", pg, PROD, EAST, "kulturio-phi-pg")
                .prop("dbInstanceIdentifier", "kulturio-phi-pg")
                .prop("engine", "postgres")
                .prop("engineVersion", "11.22")
                .prop("dbInstanceClass", "db.r5.large")
                .prop("allocatedStorage", 500)
                .prop("storageType", "gp2")
                .prop("storageEncrypted", false)
                .prop("multiAZ", true)
                .prop("publiclyAccessible", false)
                .prop("backupRetentionPeriod", 7)
                .prop("port", 5432)
                .prop(
                        "endpoint",
                        Map.of("address", "kulturio-phi-pg.c" + hex(11) + ".us-east-1.rds.amazonaws.com", "port", 5432))
                .tag("Environment", "production")
                .tag("app", "portal")
                .tag("data-classification", "PHI")
                .util(new Utilization(
                        30,
                        java.util.Optional.of(new Percentiles(35, 72, 91)),
                        java.util.Optional.of(new Percentiles(64, 78, 85)),
                        java.util.Optional.of(new Percentiles(1200, 2900, 4100)),
                        java.util.Optional.empty()))
                .cost(2 * 0.24 * 730 + 500 * 0.23 * 2)
                .firstSeen(daysAgo(1800));
        b.edge(pg, MEMBER_OF_SECURITY_GROUP, sgDb);
        b.edge(pg, ATTACHED_TO, dbSubnets);
        String pgReplica = arn("rds", EAST, PROD, "db:kulturio-phi-pg-replica");
        b.add("aws.rds.db-instance", pgReplica, PROD, EAST, "kulturio-phi-pg-replica")
                .prop("dbInstanceIdentifier", "kulturio-phi-pg-replica")
                .prop("engine", "postgres")
                .prop("engineVersion", "11.22")
                .prop("dbInstanceClass", "db.r5.large")
                .prop("allocatedStorage", 500)
                .prop("storageEncrypted", false)
                .prop("multiAZ", false)
                .prop("publiclyAccessible", false)
                .prop("backupRetentionPeriod", 0)
                .prop("port", 5432)
                .prop("readReplicaSourceDBInstanceIdentifier", "kulturio-phi-pg")
                .tag("Environment", "production")
                .tag("app", "portal")
                .tag("data-classification", "PHI")
                .util(8, 15, 30, 40, 44, 50)
                .cost(0.24 * 730 + 500 * 0.23);
        b.edge(pgReplica, REPLICA_OF, pg);
        b.edge(pgReplica, MEMBER_OF_SECURITY_GROUP, sgDb);
        String mysql = arn("rds", EAST, PROD, "db:kulturio-scheduling");
        b.add("aws.rds.db-instance", mysql, PROD, EAST, "kulturio-scheduling")
                .prop("dbInstanceIdentifier", "kulturio-scheduling")
                .prop("engine", "mysql")
                .prop("engineVersion", "8.0.35")
                .prop("dbInstanceClass", "db.t3.medium")
                .prop("allocatedStorage", 100)
                .prop("storageEncrypted", true)
                .prop("multiAZ", false)
                .prop("publiclyAccessible", false)
                .prop("backupRetentionPeriod", 7)
                .prop("port", 3306)
                .tag("Environment", "production")
                .tag("app", "scheduling")
                .util(18, 33, 60, 45, 52, 61)
                .cost(0.068 * 730 + 100 * 0.115);
        b.edge(mysql, MEMBER_OF_SECURITY_GROUP, sgDb);
        b.edge(mysql, ENCRYPTED_BY, kmsPhi);
        for (String a : app) {
            b.edge(a, CONNECTS_TO, pg, Map.of("port", 5432));
            b.edge(a, CONNECTS_TO, mysql, Map.of("port", 3306));
        }
        b.edge(legacy.arn(), CONNECTS_TO, pgReplica, Map.of("port", 5432));
        b.edge(batch.arn(), CONNECTS_TO, pg, Map.of("port", 5432));

        // Storage
        Map<String, String> phi = Map.of("data-classification", "PHI", "app", "imaging");
        String imaging = bucket("kulturio-imaging-archive", EAST, false, "aws:kms", true, 48_000, phi);
        b.edge(imaging, ENCRYPTED_BY, kmsPhi);
        String imagingLogs =
                bucket("kulturio-imaging-archive-logs", EAST, false, "AES256", false, 120, Map.of("app", "imaging"));
        b.edge(imaging, STORES_DATA_IN, imagingLogs, Map.of("kind", "access-logs"));
        String backups =
                bucket("kulturio-db-backups", EAST, false, "AES256", true, 2_300, Map.of("data-classification", "PHI"));
        b.edge(pg, STORES_DATA_IN, backups, Map.of("kind", "exports"));
        String assets = bucket("kulturio-www-assets", EAST, true, "AES256", false, 12, Map.of("app", "website"));
        bucket("kulturio-cloudtrail", EAST, false, "aws:kms", true, 340, Map.of());
        bucket("aws-athena-query-results-111122223333-us-east-1", EAST, false, null, false, 3, Map.of());
        String drBucket = bucket("kulturio-imaging-archive-dr", WEST, false, "aws:kms", true, 47_500, phi);
        b.edge(imaging, REPLICA_OF, drBucket);
        for (String a : app) {
            b.edge(a, CONNECTS_TO, imaging);
        }
        b.edge(alb, CONNECTS_TO, assets);

        // Orphaned volumes and snapshots
        for (int i = 1; i <= 2; i++) {
            String v = arn("ec2", EAST, PROD, "volume/vol-0" + hex(16));
            b.add("aws.ec2.volume", v, PROD, EAST, "unattached-" + i)
                    .prop("volumeType", "gp2")
                    .prop("size", 200 * i)
                    .prop("encrypted", i == 2)
                    .prop("state", "available")
                    .cost(20 * i)
                    .firstSeen(daysAgo(600));
        }
        for (int i = 1; i <= 4; i++) {
            String s = arn("ec2", EAST, PROD, "snapshot/snap-0" + hex(16));
            b.add("aws.ec2.snapshot", s, PROD, EAST, "kulturio-phi-pg-manual-" + i)
                    .prop("volumeSize", 500)
                    .prop("encrypted", false)
                    .prop("startTime", daysAgo(100 * i).toString())
                    .prop("createVolumePermissions", i == 4 ? List.of(Map.of("group", "all")) : List.of())
                    .tag("data-classification", "PHI")
                    .cost(25);
        }

        // Logging and functions
        String trail = arn("cloudtrail", EAST, PROD, "trail/kulturio-main");
        b.add("aws.cloudtrail.trail", trail, PROD, EAST, "kulturio-main")
                .prop("isMultiRegionTrail", true)
                .prop("logFileValidationEnabled", false)
                .prop("isLogging", true);
        for (String group : List.of("/aws/lambda/kulturio-thumbnailer", "/kulturio/portal", "/kulturio/batch")) {
            b.add("aws.logs.log-group", arn("logs", EAST, PROD, "log-group:" + group), PROD, EAST, group)
                    .prop("retentionInDays", group.contains("batch") ? 0 : 90)
                    .cost(4.2);
        }
        for (String fn : List.of("kulturio-thumbnailer", "kulturio-report-mailer")) {
            String arn = arn("lambda", EAST, PROD, "function:" + fn);
            b.add("aws.lambda.function", arn, PROD, EAST, fn)
                    .prop("runtime", fn.contains("mailer") ? "python3.7" : "nodejs20.x")
                    .prop("memorySize", 512)
                    .cost(6);
            b.edge(arn, ASSUMES_ROLE, roleApp);
        }
        b.edge(monitoring.arn(), CONNECTS_TO, legacy.arn(), Map.of("port", 9100));
        b.edge(legacy.arn(), MEMBER_OF_SECURITY_GROUP, sgDefault);

        // DR region, us-west-2
        String drVpcId = "vpc-0" + hex(16);
        String drVpc = arn("ec2", WEST, PROD, "vpc/" + drVpcId);
        b.add("aws.ec2.vpc", drVpc, PROD, WEST, "kulturio-dr")
                .prop("vpcId", drVpcId)
                .prop("cidrBlock", "10.21.0.0/16");
        String drSubnet = arn("ec2", WEST, PROD, "subnet/subnet-0" + hex(16));
        b.add("aws.ec2.subnet", drSubnet, PROD, WEST, "kulturio-dr-a")
                .prop("cidrBlock", "10.21.0.0/24")
                .prop("availabilityZone", WEST + "a")
                .prop("mapPublicIpOnLaunch", true);
        b.edge(drSubnet, MEMBER_OF_NETWORK, drVpc);
        String sgDrBastion = sg(
                PROD,
                WEST,
                drVpc,
                "kulturio-dr-bastion",
                "SSH from the office only",
                List.of(perm("tcp", 22, 22, List.of(corp), List.of())));
        instance(
                PROD,
                WEST,
                drSubnet,
                "kulturio-dr-bastion",
                "t3.micro",
                "linux",
                "Linux/UNIX",
                "required",
                7.59,
                List.of(sgDrBastion),
                null,
                Map.of("Environment", "dr"),
                new double[] {1, 1, 4, 15, 16, 18},
                "running",
                400);

        // The dev account
        String devVpcId = "vpc-0" + hex(16);
        String devVpc = arn("ec2", EAST, DEV, "vpc/" + devVpcId);
        b.add("aws.ec2.vpc", devVpc, DEV, EAST, "kulturio-dev")
                .prop("vpcId", devVpcId)
                .prop("cidrBlock", "10.30.0.0/16");
        String devSubnet = arn("ec2", EAST, DEV, "subnet/subnet-0" + hex(16));
        b.add("aws.ec2.subnet", devSubnet, DEV, EAST, "kulturio-dev-a")
                .prop("cidrBlock", "10.30.0.0/24")
                .prop("availabilityZone", EAST + "a")
                .prop("mapPublicIpOnLaunch", true);
        b.edge(devSubnet, MEMBER_OF_NETWORK, devVpc);
        String sgDev = sg(
                DEV,
                EAST,
                devVpc,
                "kulturio-dev-all",
                "Developers from the office",
                List.of(perm("tcp", 0, 65535, List.of(corp), List.of())));
        for (String name : List.of("kulturio-dev-web", "kulturio-dev-app", "kulturio-dev-db")) {
            instance(
                    DEV,
                    EAST,
                    devSubnet,
                    name,
                    "t3.medium",
                    "linux",
                    "Linux/UNIX",
                    "required",
                    30.37,
                    List.of(sgDev),
                    null,
                    Map.of("env", "dev"),
                    new double[] {5, 12, 50, 30, 40, 55},
                    "running",
                    200);
        }
        bucket("kulturio-dev-scratch", EAST, false, "AES256", false, 40, Map.of("env", "dev"));
        return b.build();
    }
}
