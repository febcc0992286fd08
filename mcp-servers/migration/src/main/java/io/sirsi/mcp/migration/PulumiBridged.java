package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi's AWS and Google providers, bridged from the Terraform providers: the same resources, camelCase
 * names, a block that appears once as an object, a repeated block as a list under a plural name.
 */
final class PulumiBridged implements PulumiDialect {
    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("aws_vpc", "aws:ec2:Vpc"),
            Map.entry("aws_subnet", "aws:ec2:Subnet"),
            Map.entry("aws_internet_gateway", "aws:ec2:InternetGateway"),
            Map.entry("aws_route_table", "aws:ec2:RouteTable"),
            Map.entry("aws_route_table_association", "aws:ec2:RouteTableAssociation"),
            Map.entry("aws_security_group", "aws:ec2:SecurityGroup"),
            Map.entry("aws_vpc_security_group_ingress_rule", "aws:vpc:SecurityGroupIngressRule"),
            Map.entry("aws_vpc_security_group_egress_rule", "aws:vpc:SecurityGroupEgressRule"),
            Map.entry("aws_instance", "aws:ec2:Instance"),
            Map.entry("aws_db_subnet_group", "aws:rds:SubnetGroup"),
            Map.entry("aws_db_instance", "aws:rds:Instance"),
            Map.entry("aws_s3_bucket", "aws:s3:BucketV2"),
            Map.entry("aws_s3_bucket_public_access_block", "aws:s3:BucketPublicAccessBlock"),
            Map.entry("aws_s3_bucket_versioning", "aws:s3:BucketVersioningV2"),
            Map.entry(
                    "aws_s3_bucket_server_side_encryption_configuration",
                    "aws:s3:BucketServerSideEncryptionConfigurationV2"),
            Map.entry("aws_s3_bucket_lifecycle_configuration", "aws:s3:BucketLifecycleConfigurationV2"),
            Map.entry("aws_lb", "aws:lb:LoadBalancer"),
            Map.entry("aws_lb_target_group", "aws:lb:TargetGroup"),
            Map.entry("aws_lb_listener", "aws:lb:Listener"),
            Map.entry("aws_lb_target_group_attachment", "aws:lb:TargetGroupAttachment"),
            Map.entry("aws_iam_role", "aws:iam:Role"),
            Map.entry("aws_iam_instance_profile", "aws:iam:InstanceProfile"),
            Map.entry("aws_iam_role_policy_attachment", "aws:iam:RolePolicyAttachment"),
            Map.entry("google_compute_network", "gcp:compute:Network"),
            Map.entry("google_compute_subnetwork", "gcp:compute:Subnetwork"),
            Map.entry("google_compute_firewall", "gcp:compute:Firewall"),
            Map.entry("google_compute_instance", "gcp:compute:Instance"),
            Map.entry("google_compute_global_address", "gcp:compute:GlobalAddress"),
            Map.entry("google_service_networking_connection", "gcp:servicenetworking:Connection"),
            Map.entry("google_sql_database_instance", "gcp:sql:DatabaseInstance"),
            Map.entry("google_sql_user", "gcp:sql:User"),
            Map.entry("google_storage_bucket", "gcp:storage:Bucket"),
            Map.entry("google_compute_instance_group", "gcp:compute:InstanceGroup"),
            Map.entry("google_compute_region_health_check", "gcp:compute:RegionHealthCheck"),
            Map.entry("google_compute_region_backend_service", "gcp:compute:RegionBackendService"),
            Map.entry("google_compute_forwarding_rule", "gcp:compute:ForwardingRule"),
            Map.entry("google_service_account", "gcp:serviceaccount:Account"),
            Map.entry("google_project_iam_member", "gcp:projects:IAMMember"));

    private static final Map<String, String> FUNCTIONS = Map.of(
            "aws_ami", "aws:ec2:getAmi",
            "aws_availability_zones", "aws:getAvailabilityZones",
            "google_compute_zones", "gcp:compute:getZones");

    /** Repeated blocks, by their plural Pulumi name. */
    private static final Map<String, String> PLURALS = Map.ofEntries(
            Map.entry("route", "routes"),
            Map.entry("filter", "filters"),
            Map.entry("rule", "rules"),
            Map.entry("transition", "transitions"),
            Map.entry("default_action", "defaultActions"),
            Map.entry("allow", "allows"),
            Map.entry("deny", "denies"),
            Map.entry("network_interface", "networkInterfaces"),
            Map.entry("access_config", "accessConfigs"),
            Map.entry("backend", "backends"),
            Map.entry("named_port", "namedPorts"));

    private final Cloud cloud;

    PulumiBridged(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String providerType() {
        return cloud == Cloud.AWS ? "pulumi:providers:aws" : "pulumi:providers:gcp";
    }

    @Override
    public Map<String, Object> providerProperties() {
        return cloud == Cloud.AWS
                ? IacResource.fields(
                        "region", IacExpr.var(IacNames.REGION),
                        "defaultTags",
                                IacResource.fields(
                                        "tags",
                                        IacResource.fields(
                                                "Environment",
                                                IacExpr.var(IacNames.ENVIRONMENT),
                                                "ManagedBy",
                                                "sirsi")))
                : IacResource.fields(
                        "project", IacExpr.var(IacNames.PROJECT),
                        "region", IacExpr.var(IacNames.REGION),
                        "defaultLabels",
                                IacResource.fields(
                                        "environment", IacExpr.var(IacNames.ENVIRONMENT), "managed-by", "sirsi"));
    }

    @Override
    public String token(IacResource resource) {
        return lookup(TOKENS, resource.type);
    }

    @Override
    public Map<String, Object> properties(IacResource resource) {
        return body(resource.body);
    }

    @Override
    public String function(IacResource lookup) {
        return lookup(FUNCTIONS, lookup.type);
    }

    @Override
    public Map<String, Object> arguments(IacResource lookup) {
        return body(lookup.body);
    }

    @Override
    public String path(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            if (bracket < 0) {
                segments.add(IacNames.camel(segment));
            } else {
                String name = segment.substring(0, bracket);
                segments.add(PLURALS.getOrDefault(name, IacNames.camel(name)) + segment.substring(bracket));
            }
        }
        return String.join(".", segments);
    }

    @Override
    public List<String> ignoreChanges(IacResource resource) {
        return resource.ignoreChanges.stream().map(IacNames::camel).toList();
    }

    private static Map<String, Object> body(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            switch (value) {
                case IacBlock.One one -> out.put(IacNames.camel(key), body(one.body()));
                case IacBlock.Many many ->
                    out.put(
                            lookup(PLURALS, key),
                            many.bodies().stream().map(b -> (Object) body(b)).toList());
                default -> out.put(IacNames.camel(key), value);
            }
        });
        return out;
    }

    private static String lookup(Map<String, String> table, String key) {
        String value = table.get(key);
        if (value == null) {
            throw new IllegalStateException("no Pulumi name for " + key);
        }
        return value;
    }
}
