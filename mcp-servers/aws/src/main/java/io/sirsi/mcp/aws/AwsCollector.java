package io.sirsi.mcp.aws;

import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.RelationshipType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns AWS API answers into the inventory: resources under the same types and property names as the
 * demo estates (the API's own names), and the edges between them. Edges wait until {@link #link()}, so
 * that one whose other end was not collected (filtered out, or in another region) is left out.
 */
final class AwsCollector {
    private record Edge(String from, String type, String to, Map<String, Object> properties) {}

    private final AwsClients clients;
    private final EstateBuilder builder;
    private final String account;
    private final Set<String> types;
    private final Set<String> collected = new HashSet<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, String> profileToRole = new LinkedHashMap<>();
    private final Map<String, String> instanceProfiles = new LinkedHashMap<>();
    private final Map<String, String> dbArns = new LinkedHashMap<>();
    private final Map<String, String> replicaSources = new LinkedHashMap<>();

    AwsCollector(AwsClients clients, EstateBuilder builder, String account, Set<String> types) {
        this.clients = clients;
        this.builder = builder;
        this.account = account;
        this.types = types;
    }

    private boolean wanted(String type) {
        return types.isEmpty() || types.contains(type);
    }

    private String arn(String service, Region region, String resource) {
        return "arn:aws:" + service + ":" + region.id() + ":" + account + ":" + resource;
    }

    private EstateBuilder.Draft add(String type, String id, String region, String name) {
        collected.add(id);
        return builder.add(type, id, account, region, name);
    }

    private void edge(String from, String type, String to) {
        edges.add(new Edge(from, type, to, Map.of()));
    }

    private void edge(String from, String type, String to, Map<String, Object> properties) {
        edges.add(new Edge(from, type, to, properties));
    }

    private static String name(List<software.amazon.awssdk.services.ec2.model.Tag> tags, String fallback) {
        return tags.stream()
                .filter(t -> t.key().equals("Name"))
                .map(software.amazon.awssdk.services.ec2.model.Tag::value)
                .findFirst()
                .orElse(fallback);
    }

    private static void tags(EstateBuilder.Draft draft, List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        tags.forEach(t -> draft.tag(t.key(), t.value()));
    }

    /** One region's EC2, RDS and ELBv2 resources; returns how many were collected. */
    int region(Region region) {
        int before = collected.size();
        Ec2Client ec2 = clients.ec2(region);
        String r = region.id();
        if (wanted("aws.ec2.vpc")) {
            for (Vpc vpc : ec2.describeVpcsPaginator().vpcs()) {
                var draft = add(
                                "aws.ec2.vpc",
                                arn("ec2", region, "vpc/" + vpc.vpcId()),
                                r,
                                name(vpc.tags(), vpc.vpcId()))
                        .prop("vpcId", vpc.vpcId())
                        .prop("cidrBlock", vpc.cidrBlock())
                        .prop("isDefault", vpc.isDefault());
                tags(draft, vpc.tags());
            }
        }
        if (wanted("aws.ec2.subnet")) {
            for (Subnet subnet : ec2.describeSubnetsPaginator().subnets()) {
                String id = arn("ec2", region, "subnet/" + subnet.subnetId());
                var draft = add("aws.ec2.subnet", id, r, name(subnet.tags(), subnet.subnetId()))
                        .prop("subnetId", subnet.subnetId())
                        .prop("cidrBlock", subnet.cidrBlock())
                        .prop("availabilityZone", subnet.availabilityZone())
                        .prop("mapPublicIpOnLaunch", subnet.mapPublicIpOnLaunch());
                tags(draft, subnet.tags());
                edge(id, RelationshipType.MEMBER_OF_NETWORK, arn("ec2", region, "vpc/" + subnet.vpcId()));
            }
        }
        for (SecurityGroup group : ec2.describeSecurityGroupsPaginator().securityGroups()) {
            String id = arn("ec2", region, "security-group/" + group.groupId());
            if (wanted("aws.ec2.security-group")) {
                var draft = add("aws.ec2.security-group", id, r, group.groupName())
                        .prop("groupId", group.groupId())
                        .prop("groupName", group.groupName())
                        .prop("description", group.description())
                        .prop("vpcId", group.vpcId())
                        .prop("ipPermissions", permissions(group.ipPermissions()))
                        .prop("ipPermissionsEgress", permissions(group.ipPermissionsEgress()));
                tags(draft, group.tags());
                edge(id, RelationshipType.MEMBER_OF_NETWORK, arn("ec2", region, "vpc/" + group.vpcId()));
            }
        }
        for (Instance instance : ec2.describeInstancesPaginator().reservations().stream()
                .flatMap(res -> res.instances().stream())
                .toList()) {
            String id = arn("ec2", region, "instance/" + instance.instanceId());
            if (!wanted("aws.ec2.instance")) {
                continue;
            }
            var draft = add("aws.ec2.instance", id, r, name(instance.tags(), instance.instanceId()))
                    .prop("instanceId", instance.instanceId())
                    .prop("instanceType", instance.instanceTypeAsString())
                    .prop(
                            "state",
                            Map.of(
                                    "name",
                                    instance.state() == null
                                            ? "unknown"
                                            : instance.state().nameAsString()))
                    .prop("platform", instance.platformAsString() == null ? "linux" : instance.platformAsString())
                    .prop("platformDetails", instance.platformDetails())
                    .prop("imageId", instance.imageId())
                    .prop(
                            "placement",
                            Map.of("availabilityZone", instance.placement().availabilityZone()))
                    .prop("privateIpAddress", instance.privateIpAddress())
                    .prop("subnetId", instance.subnetId())
                    .prop(
                            "metadataOptions",
                            instance.metadataOptions() == null
                                    ? Map.of()
                                    : Map.of(
                                            "httpTokens",
                                            instance.metadataOptions().httpTokensAsString(),
                                            "httpEndpoint",
                                            instance.metadataOptions().httpEndpointAsString()))
                    .prop("launchTime", String.valueOf(instance.launchTime()));
            if (instance.publicIpAddress() != null) {
                draft.prop("publicIpAddress", instance.publicIpAddress());
            }
            tags(draft, instance.tags());
            if (instance.subnetId() != null) {
                edge(id, RelationshipType.PART_OF_SUBNET, arn("ec2", region, "subnet/" + instance.subnetId()));
            }
            instance.securityGroups()
                    .forEach(g -> edge(
                            id,
                            RelationshipType.MEMBER_OF_SECURITY_GROUP,
                            arn("ec2", region, "security-group/" + g.groupId())));
            if (instance.iamInstanceProfile() != null) {
                instanceProfiles.put(id, instance.iamInstanceProfile().arn());
            }
        }
        if (wanted("aws.ec2.volume")) {
            for (Volume volume : ec2.describeVolumesPaginator().volumes()) {
                String id = arn("ec2", region, "volume/" + volume.volumeId());
                var draft = add("aws.ec2.volume", id, r, name(volume.tags(), volume.volumeId()))
                        .prop("volumeId", volume.volumeId())
                        .prop("volumeType", volume.volumeTypeAsString())
                        .prop("size", volume.size())
                        .prop("encrypted", volume.encrypted())
                        .prop("state", volume.stateAsString());
                tags(draft, volume.tags());
                volume.attachments()
                        .forEach(a -> edge(
                                id,
                                RelationshipType.ATTACHED_TO,
                                arn("ec2", region, "instance/" + a.instanceId()),
                                Map.of("device", a.device())));
            }
        }
        if (wanted("aws.rds.db-instance")) {
            for (DBInstance db :
                    clients.rds(region).describeDBInstancesPaginator().dbInstances()) {
                String id = db.dbInstanceArn();
                dbArns.put(db.dbInstanceIdentifier(), id);
                var draft = add("aws.rds.db-instance", id, r, db.dbInstanceIdentifier())
                        .prop("dbInstanceIdentifier", db.dbInstanceIdentifier())
                        .prop("engine", db.engine())
                        .prop("engineVersion", db.engineVersion())
                        .prop("dbInstanceClass", db.dbInstanceClass())
                        .prop("allocatedStorage", db.allocatedStorage())
                        .prop("storageType", db.storageType())
                        .prop("storageEncrypted", db.storageEncrypted())
                        .prop("multiAZ", db.multiAZ())
                        .prop("publiclyAccessible", db.publiclyAccessible())
                        .prop("backupRetentionPeriod", db.backupRetentionPeriod());
                if (db.endpoint() != null) {
                    draft.prop("port", db.endpoint().port())
                            .prop(
                                    "endpoint",
                                    Map.of(
                                            "address",
                                            db.endpoint().address(),
                                            "port",
                                            db.endpoint().port()));
                }
                if (db.readReplicaSourceDBInstanceIdentifier() != null) {
                    draft.prop("readReplicaSourceDBInstanceIdentifier", db.readReplicaSourceDBInstanceIdentifier());
                    replicaSources.put(id, db.readReplicaSourceDBInstanceIdentifier());
                }
                db.tagList().forEach(t -> draft.tag(t.key(), t.value()));
                db.vpcSecurityGroups()
                        .forEach(g -> edge(
                                id,
                                RelationshipType.MEMBER_OF_SECURITY_GROUP,
                                arn("ec2", region, "security-group/" + g.vpcSecurityGroupId())));
            }
        }
        if (wanted("aws.elbv2.load-balancer") || wanted("aws.elbv2.target-group")) {
            loadBalancers(clients.elb(region), region);
        }
        return collected.size() - before;
    }

    private void loadBalancers(ElasticLoadBalancingV2Client elb, Region region) {
        String r = region.id();
        for (LoadBalancer lb : elb.describeLoadBalancersPaginator().loadBalancers()) {
            String id = lb.loadBalancerArn();
            if (wanted("aws.elbv2.load-balancer")) {
                List<Map<String, Object>> listeners =
                        elb.describeListeners(b -> b.loadBalancerArn(id)).listeners().stream()
                                .map(l -> Map.<String, Object>of("port", l.port(), "protocol", l.protocolAsString()))
                                .toList();
                add("aws.elbv2.load-balancer", id, r, lb.loadBalancerName())
                        .prop("type", lb.typeAsString())
                        .prop("scheme", lb.schemeAsString())
                        .prop("dNSName", lb.dnsName())
                        .prop("listeners", listeners);
                lb.securityGroups()
                        .forEach(g -> edge(
                                id,
                                RelationshipType.MEMBER_OF_SECURITY_GROUP,
                                arn("ec2", region, "security-group/" + g)));
                lb.availabilityZones()
                        .forEach(z -> edge(
                                id, RelationshipType.PART_OF_SUBNET, arn("ec2", region, "subnet/" + z.subnetId())));
            }
        }
        if (!wanted("aws.elbv2.target-group")) {
            return;
        }
        for (TargetGroup tg : elb.describeTargetGroupsPaginator().targetGroups()) {
            String id = tg.targetGroupArn();
            add("aws.elbv2.target-group", id, r, tg.targetGroupName())
                    .prop("port", tg.port())
                    .prop("protocol", tg.protocolAsString())
                    .prop("healthCheckPath", tg.healthCheckPath());
            for (String lb : tg.loadBalancerArns()) {
                edge(id, RelationshipType.ATTACHED_TO, lb);
                for (var target :
                        elb.describeTargetHealth(b -> b.targetGroupArn(id)).targetHealthDescriptions()) {
                    String targetId = target.target().id();
                    String exposed =
                            switch (String.valueOf(tg.targetTypeAsString())) {
                                case "lambda" -> targetId;
                                case "alb" -> targetId;
                                case "ip" -> null;
                                default -> arn("ec2", region, "instance/" + targetId);
                            };
                    if (exposed == null) {
                        continue; // an IP target is not a resource
                    }
                    var properties = new java.util.LinkedHashMap<String, Object>();
                    Integer port = target.target().port() == null
                            ? tg.port()
                            : target.target().port();
                    if (port != null) {
                        properties.put("port", port);
                    }
                    properties.put("targetGroup", id);
                    edge(lb, RelationshipType.EXPOSES, exposed, properties);
                }
            }
        }
    }

    private static List<Map<String, Object>> permissions(List<IpPermission> permissions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IpPermission p : permissions) {
            var map = new LinkedHashMap<String, Object>();
            map.put("ipProtocol", p.ipProtocol());
            if (p.fromPort() != null) {
                map.put("fromPort", p.fromPort());
                map.put("toPort", p.toPort());
            }
            map.put(
                    "ipRanges",
                    p.ipRanges().stream().map(x -> Map.of("cidrIp", x.cidrIp())).toList());
            if (!p.ipv6Ranges().isEmpty()) {
                map.put(
                        "ipv6Ranges",
                        p.ipv6Ranges().stream()
                                .map(x -> Map.of("cidrIpv6", x.cidrIpv6()))
                                .toList());
            }
            map.put(
                    "userIdGroupPairs",
                    p.userIdGroupPairs().stream()
                            .map(x -> Map.of("groupId", x.groupId()))
                            .toList());
            out.add(map);
        }
        return out;
    }

    /** The account's global resources: S3 buckets and IAM roles; returns how many were collected. */
    int global() {
        int before = collected.size();
        if (wanted("aws.s3.bucket")) {
            S3Client s3 = clients.s3(clients.home());
            for (Bucket bucket : s3.listBuckets().buckets()) {
                bucket(s3, bucket);
            }
        }
        for (InstanceProfile profile :
                clients.iam().listInstanceProfilesPaginator().instanceProfiles()) {
            profile.roles().stream().findFirst().ifPresent(role -> profileToRole.put(profile.arn(), role.arn()));
        }
        if (wanted("aws.iam.role")) {
            for (Role role : clients.iam().listRolesPaginator().roles()) {
                List<String> attached = clients
                        .iam()
                        .listAttachedRolePoliciesPaginator(b -> b.roleName(role.roleName()))
                        .attachedPolicies()
                        .stream()
                        .map(AttachedPolicy::policyArn)
                        .toList();
                String document = role.assumeRolePolicyDocument() == null
                        ? "{}"
                        : URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
                add("aws.iam.role", role.arn(), "global", role.roleName())
                        .prop("roleName", role.roleName())
                        .prop("assumeRolePolicyDocument", InventoryJson.MAPPER.readTree(document))
                        .prop("attachedPolicies", attached);
            }
        }
        return collected.size() - before;
    }

    private void bucket(S3Client home, Bucket bucket) {
        String name = bucket.name();
        List<String> denied = new ArrayList<>();
        String location = setting(
                "location",
                denied,
                () -> home.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString(),
                "");
        String region =
                switch (location == null ? "" : location) {
                    case "", "null" -> "us-east-1";
                    case "EU" -> "eu-west-1"; // the legacy name of the first EU region
                    default -> location;
                };
        S3Client s3 = clients.s3(Region.of(region));
        String encryption = setting(
                "serverSideEncryption",
                denied,
                () -> s3.getBucketEncryption(b -> b.bucket(name))
                        .serverSideEncryptionConfiguration()
                        .rules()
                        .get(0)
                        .applyServerSideEncryptionByDefault()
                        .sseAlgorithmAsString(),
                "");
        var block = setting(
                "publicAccessBlock",
                denied,
                () -> s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration(),
                PublicAccessBlockConfiguration.builder()
                        .blockPublicAcls(false)
                        .blockPublicPolicy(false)
                        .ignorePublicAcls(false)
                        .restrictPublicBuckets(false)
                        .build());
        Boolean isPublic = setting(
                "policyStatus",
                denied,
                () -> s3.getBucketPolicyStatus(b -> b.bucket(name))
                        .policyStatus()
                        .isPublic(),
                Boolean.FALSE);
        String versioning = setting(
                "versioning",
                denied,
                () -> s3.getBucketVersioning(b -> b.bucket(name)).statusAsString(),
                "");
        // A setting that could not be read is left out rather than guessed, and named in accessDenied.
        var draft = add("aws.s3.bucket", "arn:aws:s3:::" + name, region, name)
                .prop("name", name)
                .prop("creationDate", String.valueOf(bucket.creationDate()));
        if (encryption != null) {
            draft.prop("serverSideEncryption", encryption.isEmpty() ? Map.of() : Map.of("sseAlgorithm", encryption));
        }
        if (versioning != null) {
            draft.prop("versioning", versioning.isEmpty() ? "Suspended" : versioning);
        }
        if (block != null) {
            draft.prop(
                    "publicAccessBlock",
                    Map.of(
                            "blockPublicAcls",
                            Boolean.TRUE.equals(block.blockPublicAcls()),
                            "blockPublicPolicy",
                            Boolean.TRUE.equals(block.blockPublicPolicy()),
                            "ignorePublicAcls",
                            Boolean.TRUE.equals(block.ignorePublicAcls()),
                            "restrictPublicBuckets",
                            Boolean.TRUE.equals(block.restrictPublicBuckets())));
        }
        if (isPublic != null) {
            draft.prop("policyStatus", Map.of("isPublic", isPublic));
        }
        if (!denied.isEmpty()) {
            draft.prop("accessDenied", denied);
        }
    }

    /**
     * A bucket setting: its value; {@code absent} when S3 says it is not set (404); null, with its name
     * added to {@code denied}, when a bucket policy or missing permission hides it (403). One guarded
     * bucket must not fail the whole discovery. Other failures propagate.
     */
    private static <T> T setting(String name, List<String> denied, java.util.function.Supplier<T> read, T absent) {
        try {
            T value = read.get();
            return value == null ? absent : value;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return absent;
            }
            if (e.statusCode() == 403) {
                denied.add(name);
                return null;
            }
            throw e;
        }
    }

    /** Adds the edges whose both ends were collected, and those that needed every region first. */
    void link() {
        instanceProfiles.forEach((instance, profile) -> {
            String role = profileToRole.get(profile);
            if (role != null) {
                edge(instance, RelationshipType.ASSUMES_ROLE, role);
            }
        });
        replicaSources.forEach((replica, source) -> {
            String primary = dbArns.get(source);
            if (primary != null) {
                edge(replica, RelationshipType.REPLICA_OF, primary);
            }
        });
        var seen = new HashSet<String>();
        for (Edge e : edges) {
            if (collected.contains(e.from())
                    && collected.contains(e.to())
                    && seen.add(e.from() + "|" + e.type() + "|" + e.to())) {
                builder.edge(e.from(), e.type(), e.to(), e.properties());
            }
        }
    }
}
