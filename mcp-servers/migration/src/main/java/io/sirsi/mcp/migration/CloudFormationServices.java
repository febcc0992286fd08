package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The managed services of {@link CloudFormationResources}: RDS instances with their subnet groups, S3
 * buckets, Application or Network Load Balancers with target group and listener, IAM roles with an
 * instance profile.
 */
final class CloudFormationServices {
    private final CloudFormationResources cfn;

    CloudFormationServices(CloudFormationResources cfn) {
        this.cfn = cfn;
    }

    void database(TargetResource r, IacProps props) {
        String engine = props.choice("engine", null, "postgres", "mysql", "sqlserver");
        String password = props.secret("password", cfn.p.model);
        String subnets = cfn.derived(r.name(), "subnets");
        cfn.add(
                subnets,
                "AWS::RDS::DBSubnetGroup",
                fields(
                        "DBSubnetGroupDescription", "Subnets of " + r.name(),
                        "SubnetIds",
                                props.refs("subnets").stream()
                                        .map(s -> (Object) cfn.ref(cfn.p.symbol(s)))
                                        .toList(),
                        "Tags", cfn.tags(r)));
        Object storage = props.value("storageGb");
        Map<String, Object> db = cfn.main(
                r,
                "AWS::RDS::DBInstance",
                "DBInstanceIdentifier",
                fields(
                        "DBInstanceIdentifier",
                                r.existingId().<Object>map(id -> id).orElse(cfn.name(r.name(), 46)),
                        "Engine", engine.equals("sqlserver") ? "sqlserver-se" : engine,
                        "EngineVersion", cfn.value(IacAws.engineVersion(engine, props.value("version"))),
                        "LicenseModel", engine.equals("sqlserver") ? "license-included" : null,
                        "DBInstanceClass", cfn.value(props.value("size")),
                        "AllocatedStorage",
                                storage instanceof Number n ? String.valueOf(n.intValue()) : cfn.value(storage),
                        "StorageType", "gp3",
                        "StorageEncrypted", props.flag("encrypted", true),
                        "MasterUsername", "dbadmin",
                        "MasterUserPassword", cfn.ref(password),
                        "DBSubnetGroupName", cfn.ref(subnets),
                        "VPCSecurityGroups", cfn.groupIds(props.refs("firewalls")),
                        "MultiAZ", props.flag("highAvailability", false),
                        "PubliclyAccessible", false,
                        "BackupRetentionPeriod", 7,
                        "CopyTagsToSnapshot", true,
                        "Tags", cfn.tags(r)));
        db.putIfAbsent("DeletionPolicy", "Snapshot");
        db.putIfAbsent("UpdateReplacePolicy", "Snapshot");
        cfn.outputs.put(
                cfn.id(r.name() + "_endpoint"),
                fields("Value", cfn.getAtt(cfn.p.symbol(r.name()), "Endpoint.Address")));
    }

    void bucket(TargetResource r, IacProps props) {
        Object bucketName = r.existingId().<Object>map(id -> id).orElseGet(() -> cfn.value(IacAws.bucketName(props)));
        Map<String, Object> properties = fields(
                "BucketName",
                bucketName,
                "VersioningConfiguration",
                props.flag("versioning", false) ? fields("Status", "Enabled") : null,
                "BucketEncryption",
                props.flag("encrypted", true)
                        ? fields(
                                "ServerSideEncryptionConfiguration",
                                List.of(fields("ServerSideEncryptionByDefault", fields("SSEAlgorithm", "AES256"))))
                        : null,
                "PublicAccessBlockConfiguration",
                fields(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true));
        IacStorageClass.of(props)
                .aws()
                .ifPresent(t -> properties.put(
                        "LifecycleConfiguration",
                        fields(
                                "Rules",
                                List.of(fields(
                                        "Id", "storage-class",
                                        "Status", "Enabled",
                                        "Transitions",
                                                List.of(fields(
                                                        "TransitionInDays",
                                                        t.days(),
                                                        "StorageClass",
                                                        t.storageClass())))))));
        properties.put("Tags", cfn.tags(r));
        Map<String, Object> bucket = cfn.main(r, "AWS::S3::Bucket", "BucketName", properties);
        bucket.putIfAbsent("DeletionPolicy", "Retain");
        bucket.putIfAbsent("UpdateReplacePolicy", "Retain");
        cfn.outputs.put(cfn.id(r.name() + "_bucket"), fields("Value", cfn.ref(cfn.p.symbol(r.name()))));
    }

    void loadBalancer(TargetResource r, IacProps props) {
        String protocol = props.choice("protocol", "http", "http", "https", "tcp");
        Object port = cfn.value(props.value("port"));
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Load balancer " + r.name() + " lists no subnets");
        }
        String network = IacProps.of(cfn.p.target(subnets.getFirst())).ref("network");
        String lb = cfn.p.symbol(r.name());
        cfn.main(
                r,
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "LoadBalancerArn",
                fields(
                        "Name",
                        r.existingId()
                                .flatMap(IacAws::loadBalancerName)
                                .<Object>map(n -> n)
                                .orElse(cfn.name(r.name(), 15)),
                        "Scheme",
                        props.flag("public", false) ? "internet-facing" : "internal",
                        "Type",
                        protocol.equals("tcp") ? "network" : "application",
                        "Subnets",
                        subnets.stream()
                                .map(s -> (Object) cfn.ref(cfn.p.symbol(s)))
                                .toList(),
                        "SecurityGroups",
                        props.refs("firewalls").isEmpty() ? null : cfn.groupIds(props.refs("firewalls")),
                        "Tags",
                        cfn.tags(r)));
        String backend = protocol.equals("tcp") ? "TCP" : "HTTP";
        String group = cfn.derived(r.name(), "targets");
        cfn.add(
                group,
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                fields(
                        "Name",
                        cfn.sub(IacNames.prefixed(r.name(), "tg", 15)),
                        "Port",
                        port,
                        "Protocol",
                        backend,
                        "VpcId",
                        cfn.ref(cfn.p.symbol(network)),
                        "TargetType",
                        "instance",
                        "Targets",
                        props.refs("targets").stream()
                                .map(t -> (Object) fields("Id", cfn.ref(cfn.p.symbol(t)), "Port", port))
                                .toList(),
                        "HealthCheckProtocol",
                        backend,
                        "HealthCheckPath",
                        backend.equals("HTTP") ? "/" : null,
                        "Tags",
                        cfn.tags(r)));
        Map<String, Object> listener = fields(
                "LoadBalancerArn", cfn.ref(lb),
                "Port", port,
                "Protocol", protocol.toUpperCase(Locale.ROOT),
                "DefaultActions", List.of(fields("Type", "forward", "TargetGroupArn", cfn.ref(group))));
        if (protocol.equals("https")) {
            String certificate = IacNames.pascal(r.name()) + "CertificateArn";
            cfn.parameters.put(
                    certificate,
                    fields(
                            "Type",
                            "String",
                            "Description",
                            "ARN of the ACM certificate the " + r.name() + " load balancer serves"));
            listener.put("SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
            listener.put("Certificates", List.of(fields("CertificateArn", fields("Ref", certificate))));
        }
        cfn.add(cfn.derived(r.name(), "listener"), "AWS::ElasticLoadBalancingV2::Listener", listener);
        cfn.outputs.put(cfn.id(r.name() + "_dns_name"), fields("Value", cfn.getAtt(lb, "DNSName")));
    }

    void role(TargetResource r, IacProps props) {
        Object name = r.existingId()
                .<Object>map(id -> id.substring(id.lastIndexOf('/') + 1))
                .orElse(cfn.name(r.name(), 47));
        cfn.main(
                r,
                "AWS::IAM::Role",
                "RoleName",
                fields(
                        "RoleName", name,
                        "AssumeRolePolicyDocument", IacAws.assumeRolePolicy(r, props),
                        "ManagedPolicyArns",
                                props.texts("policies").stream()
                                        .map(policy -> (Object)
                                                (IacAws.checkPolicy(r, policy).startsWith("arn:")
                                                        ? policy
                                                        : fields(
                                                                "Fn::Sub",
                                                                "arn:${AWS::Partition}:iam::aws:policy/" + policy)))
                                        .toList(),
                        "Tags", cfn.tags(r)));
        cfn.add(
                cfn.derived(r.name(), "profile"),
                "AWS::IAM::InstanceProfile",
                fields("InstanceProfileName", name, "Roles", List.of(cfn.ref(cfn.p.symbol(r.name())))));
        cfn.outputs.put(cfn.id(r.name() + "_arn"), fields("Value", cfn.getAtt(cfn.p.symbol(r.name()), "Arn")));
    }
}
