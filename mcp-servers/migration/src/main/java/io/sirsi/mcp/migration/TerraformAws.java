package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.attr;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target model as resources of the Terraform AWS provider. Pulumi's AWS provider is bridged from the same
 * schema, so {@link PulumiWriter} renders this program too.
 */
final class TerraformAws {
    final IacProgram p;

    private TerraformAws(IacProgram program) {
        this.p = program;
    }

    static IacProgram build(TargetModel model) {
        TerraformAws aws = new TerraformAws(IacProgram.create(model, Set.of()));
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "network" -> aws.network(r, props);
                case "subnet" -> aws.subnet(r, props);
                case "firewall" -> aws.firewall(r, props);
                case "vm" -> aws.vm(r, props);
                case "database" -> aws.database(r, props);
                case "bucket" -> aws.bucket(r, props);
                case "load-balancer" -> aws.loadBalancer(r, props);
                case "role" -> aws.role(r, props);
                default -> throw new IllegalStateException("unmapped kind " + r.kind());
            }
        }
        return aws.p;
    }

    private Map<String, Object> tags(TargetResource r) {
        return fields(
                "Name",
                IacNames.prefixed(r.name(), 200),
                "Workload",
                r.workload().isEmpty() ? null : r.workload());
    }

    private Object id(String logical) {
        return attr(p.symbol(logical), "id");
    }

    private List<Object> ids(List<String> logicals) {
        return logicals.stream().map(this::id).toList();
    }

    private void network(TargetResource r, IacProps props) {
        IacResource vpc = p.resource("aws_vpc", r)
                .set("cidr_block", props.value("cidr"))
                .set("enable_dns_support", true)
                .set("enable_dns_hostnames", true)
                .set("tags", tags(r));
        adopt(vpc, "cidr_block");
        boolean hasPublic = p.all("subnet").stream()
                .anyMatch(s -> IacProps.of(s).ref("network").equals(r.name())
                        && IacProps.of(s).flag("public", false));
        if (hasPublic) {
            IacResource igw = p.derivedResource("aws_internet_gateway", r.name(), "gateway")
                    .set("vpc_id", attr(vpc.symbol, "id"))
                    .set("tags", fields("Name", IacNames.prefixed(r.name(), "igw", 200)));
            p.derivedResource("aws_route_table", r.name(), "public")
                    .set("vpc_id", attr(vpc.symbol, "id"))
                    .set(
                            "route",
                            IacBlock.many(fields("cidr_block", "0.0.0.0/0", "gateway_id", attr(igw.symbol, "id"))))
                    .set("tags", fields("Name", IacNames.prefixed(r.name(), "public", 200)));
        }
        p.output(r.name() + "_id", attr(vpc.symbol, "id"));
    }

    private void subnet(TargetResource r, IacProps props) {
        String network = props.ref("network");
        boolean isPublic = props.flag("public", false);
        String zones = p.lookup("aws_availability_zones", "available", fields("state", "available"));
        IacResource subnet = p.resource("aws_subnet", r)
                .set("vpc_id", id(network))
                .set("cidr_block", props.value("cidr"))
                .set("availability_zone", attr(zones, "names[" + IacAws.zone(p.model, r.name()) + "]"))
                .set("map_public_ip_on_launch", isPublic)
                .set("tags", tags(r));
        adopt(subnet, "cidr_block", "availability_zone");
        if (isPublic) {
            p.derivedResource("aws_route_table_association", r.name(), "public")
                    .set("subnet_id", attr(subnet.symbol, "id"))
                    .set("route_table_id", attr(p.derived(network, "public"), "id"));
        }
    }

    private void firewall(TargetResource r, IacProps props) {
        IacResource group = p.resource("aws_security_group", r)
                .set("name", IacNames.prefixed(r.name(), 200))
                .set("description", "Sirsi firewall " + r.name())
                .set("vpc_id", id(props.ref("network")))
                .set("tags", tags(r));
        adopt(group, "name", "description");
        int i = 0;
        for (IacRule rule : props.rules()) {
            List<Object[]> sources = new ArrayList<>();
            rule.cidrs()
                    .forEach(c -> sources.add(
                            new Object[] {c instanceof String s && s.contains(":") ? "cidr_ipv6" : "cidr_ipv4", c}));
            rule.firewalls().forEach(f -> sources.add(new Object[] {"referenced_security_group_id", id(f)}));
            for (Object[] source : sources) {
                IacResource ingress = p.derivedResource("aws_vpc_security_group_ingress_rule", r.name(), "in_" + i++)
                        .set("security_group_id", attr(group.symbol, "id"))
                        .set("description", "Rule from the plan for " + r.name())
                        .set("ip_protocol", rule.protocol().equals("all") ? "-1" : rule.protocol());
                if (!rule.protocol().equals("all")) {
                    ingress.set("from_port", rule.fromPort()).set("to_port", rule.toPort());
                }
                ingress.set((String) source[0], source[1]);
            }
        }
        p.derivedResource("aws_vpc_security_group_egress_rule", r.name(), "egress")
                .set("security_group_id", attr(group.symbol, "id"))
                .set("description", "All outbound traffic")
                .set("ip_protocol", "-1")
                .set("cidr_ipv4", "0.0.0.0/0");
    }

    private void vm(TargetResource r, IacProps props) {
        Object size = props.value("size");
        IacResource instance = p.resource("aws_instance", r)
                .set("ami", image(props.text("image"), IacImages.awsArm(size)))
                .set("instance_type", size)
                .set("subnet_id", id(props.ref("subnet")))
                .set("vpc_security_group_ids", ids(props.refs("firewalls")));
        props.optionalRef("role")
                .ifPresent(role -> instance.set("iam_instance_profile", attr(p.derived(role, "profile"), "name")));
        instance.set("metadata_options", IacBlock.one(fields("http_tokens", "required")))
                .set(
                        "root_block_device",
                        IacBlock.one(
                                fields("volume_size", props.value("diskGb"), "volume_type", "gp3", "encrypted", true)))
                .set("tags", tags(r));
        adopt(instance, "ami", "user_data");
        p.output(r.name() + "_private_ip", attr(instance.symbol, "private_ip"));
    }

    private Object image(String image, boolean arm) {
        if (image.startsWith("ami-")) {
            return image;
        }
        Optional<IacImages.Ami> ami = IacImages.aws(image, arm);
        if (ami.isEmpty()) {
            Variable variable = IacImages.variable(image, "AMI id");
            p.require(variable);
            return var(variable.name());
        }
        String symbol = p.lookup(
                "aws_ami",
                IacImages.symbol(image, arm),
                fields(
                        "most_recent", true,
                        "owners", List.of(ami.get().owner()),
                        "filter",
                                IacBlock.many(
                                        fields(
                                                "name",
                                                "name",
                                                "values",
                                                List.of(ami.get().namePattern())),
                                        fields("name", "virtualization-type", "values", List.of("hvm")))));
        return attr(symbol, "id");
    }

    private void database(TargetResource r, IacProps props) {
        String engine = props.choice("engine", null, "postgres", "mysql", "sqlserver");
        String password = props.secret("password", p.model);
        IacResource subnets = p.derivedResource("aws_db_subnet_group", r.name(), "subnets")
                .set("name", IacNames.prefixed(r.name(), 200))
                .set("subnet_ids", ids(props.refs("subnets")))
                .set("tags", tags(r));
        IacResource db = p.resource("aws_db_instance", r)
                .set("identifier", r.existingId().isPresent() ? r.existingId().get() : IacNames.prefixed(r.name(), 46))
                .set("engine", engine.equals("sqlserver") ? "sqlserver-se" : engine)
                .set("engine_version", IacAws.engineVersion(engine, props.value("version")))
                .set("license_model", engine.equals("sqlserver") ? "license-included" : null)
                .set("instance_class", props.value("size"))
                .set("allocated_storage", props.value("storageGb"))
                .set("storage_type", "gp3")
                .set("storage_encrypted", props.flag("encrypted", true))
                .set("username", "dbadmin")
                .set("password", var(password))
                .set("db_subnet_group_name", attr(subnets.symbol, "name"))
                .set("vpc_security_group_ids", ids(props.refs("firewalls")))
                .set("multi_az", props.flag("highAvailability", false))
                .set("publicly_accessible", false)
                .set("backup_retention_period", 7)
                .set("copy_tags_to_snapshot", true)
                .set("skip_final_snapshot", false)
                .set("final_snapshot_identifier", IacNames.prefixed(r.name(), "final", 60))
                .set("tags", tags(r));
        adopt(db, "password", "username", "engine_version");
        p.output(r.name() + "_endpoint", attr(db.symbol, "address"));
    }

    private void bucket(TargetResource r, IacProps props) {
        Object name = r.existingId().isPresent() ? r.existingId().get() : IacAws.bucketName(props);
        IacResource bucket = p.resource("aws_s3_bucket", r).set("bucket", name).set("tags", tags(r));
        adopt(bucket);
        Object bucketId = attr(bucket.symbol, "id");
        p.derivedResource("aws_s3_bucket_public_access_block", r.name(), "public_access")
                .set("bucket", bucketId)
                .set("block_public_acls", true)
                .set("block_public_policy", true)
                .set("ignore_public_acls", true)
                .set("restrict_public_buckets", true);
        if (props.flag("versioning", false)) {
            p.derivedResource("aws_s3_bucket_versioning", r.name(), "versioning")
                    .set("bucket", bucketId)
                    .set("versioning_configuration", IacBlock.one(fields("status", "Enabled")));
        }
        if (props.flag("encrypted", true)) {
            p.derivedResource("aws_s3_bucket_server_side_encryption_configuration", r.name(), "encryption")
                    .set("bucket", bucketId)
                    .set(
                            "rule",
                            IacBlock.many(fields(
                                    "apply_server_side_encryption_by_default",
                                    IacBlock.one(fields("sse_algorithm", "AES256")))));
        }
        IacStorageClass.of(props).aws().ifPresent(transition -> p.derivedResource(
                        "aws_s3_bucket_lifecycle_configuration", r.name(), "lifecycle")
                .set("bucket", bucketId)
                .set(
                        "rule",
                        IacBlock.many(fields(
                                "id",
                                "storage-class",
                                "status",
                                "Enabled",
                                "filter",
                                IacBlock.one(fields()),
                                "transition",
                                IacBlock.many(fields(
                                        "days", transition.days(), "storage_class", transition.storageClass()))))));
        p.output(r.name() + "_bucket", attr(bucket.symbol, "bucket"));
    }

    private void loadBalancer(TargetResource r, IacProps props) {
        String protocol = props.choice("protocol", "http", "http", "https", "tcp");
        Object port = props.value("port");
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Load balancer " + r.name() + " lists no subnets");
        }
        String network = IacProps.of(p.target(subnets.getFirst())).ref("network");
        Object name = r.existingId()
                .flatMap(IacAws::loadBalancerName)
                .<Object>map(n -> n)
                .orElse(IacNames.prefixed(r.name(), 15));
        IacResource lb = p.resource("aws_lb", r)
                .set("name", name)
                .set("internal", !props.flag("public", false))
                .set("load_balancer_type", protocol.equals("tcp") ? "network" : "application")
                .set("subnets", ids(subnets))
                .set("security_groups", props.refs("firewalls").isEmpty() ? null : ids(props.refs("firewalls")))
                .set("tags", tags(r));
        adopt(lb, "name", "internal", "load_balancer_type");
        String backend = protocol.equals("tcp") ? "TCP" : "HTTP";
        IacResource group = p.derivedResource("aws_lb_target_group", r.name(), "targets")
                .set("name", IacNames.prefixed(r.name(), "tg", 15))
                .set("port", port)
                .set("protocol", backend)
                .set("vpc_id", id(network))
                .set("target_type", "instance")
                .set(
                        "health_check",
                        IacBlock.one(fields(
                                "protocol",
                                backend,
                                "path",
                                backend.equals("HTTP") ? "/" : null,
                                "port",
                                "traffic-port",
                                "healthy_threshold",
                                3,
                                "unhealthy_threshold",
                                3)))
                .set("tags", tags(r));
        IacResource listener = p.derivedResource("aws_lb_listener", r.name(), "listener")
                .set("load_balancer_arn", attr(lb.symbol, "arn"))
                .set("port", port)
                .set("protocol", protocol.toUpperCase(java.util.Locale.ROOT));
        if (protocol.equals("https")) {
            Variable certificate = new Variable(
                    r.name() + "_certificate_arn",
                    "string",
                    Optional.empty(),
                    "ARN of the ACM certificate the " + r.name() + " load balancer serves",
                    false);
            p.require(certificate);
            listener.set("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
                    .set("certificate_arn", var(certificate.name()));
        }
        listener.set(
                "default_action",
                IacBlock.many(fields("type", "forward", "target_group_arn", attr(group.symbol, "arn"))));
        for (String target : props.refs("targets")) {
            p.derivedResource("aws_lb_target_group_attachment", r.name(), target)
                    .set("target_group_arn", attr(group.symbol, "arn"))
                    .set("target_id", id(target))
                    .set("port", port);
        }
        p.output(r.name() + "_dns_name", attr(lb.symbol, "dns_name"));
    }

    private void role(TargetResource r, IacProps props) {
        Object name = r.existingId()
                .<Object>map(id -> id.substring(id.lastIndexOf('/') + 1))
                .orElse(IacNames.prefixed(r.name(), 47));
        IacResource role = p.resource("aws_iam_role", r)
                .set("name", name)
                .set("assume_role_policy", new IacExpr.Json(IacAws.assumeRolePolicy(r, props)))
                .set("tags", tags(r));
        adopt(role);
        p.derivedResource("aws_iam_instance_profile", r.name(), "profile")
                .set("name", name)
                .set("role", attr(role.symbol, "name"));
        List<String> policies = props.texts("policies");
        for (int i = 0; i < policies.size(); i++) {
            p.derivedResource("aws_iam_role_policy_attachment", r.name(), "policy_" + i)
                    .set("role", attr(role.symbol, "name"))
                    .set("policy_arn", IacAws.policyArn(r, policies.get(i)));
        }
        p.output(r.name() + "_arn", attr(role.symbol, "arn"));
    }

    /**
     * For an imported resource: refuse to destroy it, and ignore the arguments that would replace it when
     * the plan cannot know their real values.
     */
    private static void adopt(IacResource resource, String... ignore) {
        if (resource.importId.isPresent()) {
            resource.ignoreChanges.addAll(List.of(ignore));
        }
    }
}
