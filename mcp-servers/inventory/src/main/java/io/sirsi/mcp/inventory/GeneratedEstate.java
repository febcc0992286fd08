package io.sirsi.mcp.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated AWS estate of any size, for benchmarks: accounts of VPCs with subnets, security groups
 * (with group-to-group rules), instances with volumes, databases and buckets, in the demo estates'
 * shapes. The same seed and size give the same estate.
 */
public final class GeneratedEstate {
    private GeneratedEstate() {}

    /** An estate of exactly {@code resources} resources. */
    public static Inventory aws(int resources, long seed) {
        if (resources < 10) {
            throw new InventoryException("A generated estate needs at least 10 resources, not " + resources);
        }
        var random = new Random(seed);
        Instant at = Instant.parse("2026-11-01T06:00:00Z");
        var b = new EstateBuilder("aws", "generated:" + resources, "generated-" + seed, at);
        String[] regions = {"us-east-1", "us-west-2", "eu-west-1"};
        int accounts = Math.max(1, resources / 5_000);
        int serial = 0;
        for (int a = 0; a < accounts; a++) {
            int perAccount = resources / accounts + (a == 0 ? resources % accounts : 0);
            String account = String.format("%012d", 300_000_000_000L + a);
            b.account(account, "generated-" + a, List.of(regions));
            int made = 1; // the account itself is a resource
            while (perAccount - made >= 9) {
                String region = regions[random.nextInt(regions.length)];
                String vpcId = "vpc-" + Integer.toHexString(++serial);
                String vpc = "arn:aws:ec2:" + region + ":" + account + ":vpc/" + vpcId;
                b.add("aws.ec2.vpc", vpc, account, region, "vpc-" + serial)
                        .prop("vpcId", vpcId)
                        .prop("cidrBlock", "10.0.0.0/16");
                String subnet =
                        "arn:aws:ec2:" + region + ":" + account + ":subnet/subnet-" + Integer.toHexString(++serial);
                b.add("aws.ec2.subnet", subnet, account, region, "subnet-" + serial)
                        .prop("cidrBlock", "10.0.1.0/24");
                b.edge(subnet, RelationshipType.MEMBER_OF_NETWORK, vpc);
                List<String> groups = new ArrayList<>();
                List<String> groupIds = new ArrayList<>();
                for (int g = 0; g < 4; g++) {
                    String groupId = "sg-" + Integer.toHexString(++serial);
                    String group = "arn:aws:ec2:" + region + ":" + account + ":security-group/" + groupId;
                    Map<String, Object> rule = random.nextInt(20) == 0
                            ? Map.of(
                                    "ipProtocol",
                                    "tcp",
                                    "fromPort",
                                    22,
                                    "toPort",
                                    22,
                                    "ipRanges",
                                    List.of(Map.of("cidrIp", "0.0.0.0/0")),
                                    "userIdGroupPairs",
                                    List.of())
                            : Map.of(
                                    "ipProtocol",
                                    "tcp",
                                    "fromPort",
                                    443,
                                    "toPort",
                                    443,
                                    "ipRanges",
                                    List.of(),
                                    "userIdGroupPairs",
                                    groupIds.isEmpty() ? List.of() : List.of(Map.of("groupId", groupIds.get(0))));
                    b.add("aws.ec2.security-group", group, account, region, "sg-" + serial)
                            .prop("groupId", groupId)
                            .prop("groupName", "sg-" + serial)
                            .prop("vpcId", vpcId)
                            .prop("ipPermissions", List.of(rule));
                    b.edge(group, RelationshipType.MEMBER_OF_NETWORK, vpc);
                    groups.add(group);
                    groupIds.add(groupId);
                }
                made += 6;
                String db = null;
                if (perAccount - made >= 3) {
                    db = "arn:aws:rds:" + region + ":" + account + ":db:db-" + (++serial);
                    b.add("aws.rds.db-instance", db, account, region, "db-" + serial)
                            .prop("engine", "postgres")
                            .prop("engineVersion", random.nextBoolean() ? "11.22" : "16.4")
                            .prop("storageEncrypted", random.nextBoolean())
                            .prop("dbInstanceClass", "db.r5.large")
                            .cost(350.4);
                    b.edge(db, RelationshipType.MEMBER_OF_SECURITY_GROUP, groups.get(3));
                    made++;
                }
                int instances = Math.min(40, (perAccount - made) / 2);
                for (int i = 0; i < instances; i++) {
                    String id = "i-" + Long.toHexString(0x1000000000L + ++serial);
                    String instance = "arn:aws:ec2:" + region + ":" + account + ":instance/" + id;
                    b.add("aws.ec2.instance", instance, account, region, "node-" + serial)
                            .prop("instanceId", id)
                            .prop("instanceType", random.nextBoolean() ? "m5.large" : "t3.medium")
                            .prop("state", Map.of("name", "running"))
                            .prop(
                                    "metadataOptions",
                                    Map.of("httpTokens", random.nextInt(10) == 0 ? "optional" : "required"))
                            .tag("team", "team-" + random.nextInt(12))
                            .tag("env", random.nextBoolean() ? "prod" : "dev")
                            .cost(random.nextBoolean() ? 70.08 : 30.37)
                            .util(random.nextInt(40), 40 + random.nextInt(40), 90, 30, 60, 80);
                    b.edge(instance, RelationshipType.PART_OF_SUBNET, subnet);
                    b.edge(instance, RelationshipType.MEMBER_OF_SECURITY_GROUP, groups.get(random.nextInt(3)));
                    String volume =
                            "arn:aws:ec2:" + region + ":" + account + ":volume/vol-" + Integer.toHexString(++serial);
                    b.add("aws.ec2.volume", volume, account, region, "vol-" + serial)
                            .prop("size", 50)
                            .prop("encrypted", random.nextBoolean());
                    b.edge(volume, RelationshipType.ATTACHED_TO, instance);
                    if (db != null) {
                        b.edge(instance, RelationshipType.CONNECTS_TO, db);
                    }
                    made += 2;
                }
            }
            // Top up with buckets, so that the estate has exactly the size asked for.
            while (made < perAccount) {
                String name = "generated-" + a + "-bucket-" + (++serial);
                b.add("aws.s3.bucket", "arn:aws:s3:::" + name, account, "us-east-1", name)
                        .prop("versioning", random.nextBoolean() ? "Enabled" : "Suspended")
                        .tag("data-class", random.nextInt(4) == 0 ? "confidential" : "internal");
                made++;
            }
        }
        return b.build();
    }
}
