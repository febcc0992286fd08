package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target model as CloudFormation resources, parameters and outputs, with references in the long form
 * ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}) that any YAML reader takes. The mapping follows
 * {@link TerraformAws}: separate ingress rules (so security groups may refer to each other without a cycle),
 * AMIs from AWS's public SSM parameters, a DB subnet group per database, an instance profile per role.
 */
final class CloudFormationResources {
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<String, Object> resources = new LinkedHashMap<>();
    final Map<String, Object> outputs = new LinkedHashMap<>();

    final IacProgram p;
    private final Map<String, String> ids = new HashMap<>();

    private CloudFormationResources(IacProgram program) {
        this.p = program;
    }

    static CloudFormationResources build(TargetModel model) {
        CloudFormationResources cfn = new CloudFormationResources(IacProgram.create(model, java.util.Set.of()));
        CloudFormationServices services = new CloudFormationServices(cfn);
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "network" -> cfn.network(r, props);
                case "subnet" -> cfn.subnet(r, props);
                case "firewall" -> cfn.firewall(r, props);
                case "vm" -> cfn.vm(r, props);
                case "database" -> services.database(r, props);
                case "bucket" -> services.bucket(r, props);
                case "load-balancer" -> services.loadBalancer(r, props);
                case "role" -> services.role(r, props);
                default -> throw new IllegalStateException("unmapped kind " + r.kind());
            }
        }
        return cfn;
    }

    /** The program's inputs (the writer turns them into parameters). */
    List<Variable> variables() {
        return p.variables;
    }

    /** The logical id of a symbol or variable: PascalCase, unique. */
    String id(String symbol) {
        return ids.computeIfAbsent(symbol, s -> {
            String base = IacNames.pascal(s);
            String id = base;
            for (int i = 2; ids.containsValue(id); i++) {
                id = base + i;
            }
            return id;
        });
    }

    /** The parameter (or pseudo parameter) holding variable {@code name}. */
    String parameter(String name) {
        return name.equals(IacNames.REGION) ? "AWS::Region" : id(name);
    }

    Map<String, Object> ref(String symbol) {
        return fields("Ref", id(symbol));
    }

    Map<String, Object> getAtt(String symbol, String attribute) {
        return fields("Fn::GetAtt", List.of(id(symbol), attribute));
    }

    /**
     * A value from the model: a variable becomes a {@code Ref} to its parameter, the region the
     * {@code AWS::Region} the stack is created in.
     */
    Object value(Object value) {
        return switch (value) {
            case IacExpr.Var v -> fields("Ref", parameter(v.name()));
            case IacExpr.Concat c -> sub(c);
            default -> value;
        };
    }

    /** {@code Fn::Sub} for a joined string; literal dollar-braces escaped as {@code ${!...}}. */
    Map<String, Object> sub(IacExpr.Concat concat) {
        StringBuilder template = new StringBuilder();
        for (Object part : concat.parts()) {
            switch (part) {
                case String s -> template.append(s.replace("${", "${!"));
                case IacExpr.Var v ->
                    template.append("${").append(parameter(v.name())).append("}");
                default -> throw new IllegalStateException("no Fn::Sub part for " + part);
            }
        }
        return fields("Fn::Sub", template.toString());
    }

    Object name(String logical, int max) {
        return sub(IacNames.prefixed(logical, max));
    }

    List<Object> tags(TargetResource r) {
        List<Object> tags = new ArrayList<>();
        tags.add(fields("Key", "Name", "Value", name(r.name(), 200)));
        if (!r.workload().isEmpty()) {
            tags.add(fields("Key", "Workload", "Value", r.workload()));
        }
        return tags;
    }

    Map<String, Object> add(String symbol, String type, Map<String, Object> properties) {
        Map<String, Object> resource = fields("Type", type, "Properties", properties);
        resources.put(id(symbol), resource);
        return resource;
    }

    Map<String, Object> main(TargetResource r, String type, String identifier, Map<String, Object> properties) {
        Map<String, Object> resource = add(p.symbol(r.name()), type, properties);
        r.existingId().ifPresent(existing -> {
            resource.put("DeletionPolicy", "Retain");
            resource.put("UpdateReplacePolicy", "Retain");
            resource.put(
                    "Metadata",
                    fields(
                            "Sirsi::Import",
                            fields(
                                    "ResourceIdentifier",
                                    fields(identifier, existing),
                                    "Note",
                                    "Exists already: create the stack, or add this resource to it, with a change set of type"
                                            + " IMPORT giving this identifier; Retain keeps it if the stack is deleted.")));
        });
        return resource;
    }

    String derived(String owner, String suffix) {
        return p.derived(owner, suffix);
    }

    private void network(TargetResource r, IacProps props) {
        main(
                r,
                "AWS::EC2::VPC",
                "VpcId",
                fields(
                        "CidrBlock",
                        value(props.value("cidr")),
                        "EnableDnsSupport",
                        true,
                        "EnableDnsHostnames",
                        true,
                        "Tags",
                        tags(r)));
        boolean hasPublic = p.all("subnet").stream()
                .anyMatch(s -> IacProps.of(s).ref("network").equals(r.name())
                        && IacProps.of(s).flag("public", false));
        if (hasPublic) {
            String gateway = derived(r.name(), "gateway");
            String attachment = derived(r.name(), "gateway_attachment");
            String table = derived(r.name(), "public");
            add(
                    gateway,
                    "AWS::EC2::InternetGateway",
                    fields(
                            "Tags",
                            List.of(fields("Key", "Name", "Value", sub(IacNames.prefixed(r.name(), "igw", 200))))));
            add(
                    attachment,
                    "AWS::EC2::VPCGatewayAttachment",
                    fields("VpcId", ref(p.symbol(r.name())), "InternetGatewayId", ref(gateway)));
            add(table, "AWS::EC2::RouteTable", fields("VpcId", ref(p.symbol(r.name())), "Tags", tags(r)));
            add(
                            derived(r.name(), "public_route"),
                            "AWS::EC2::Route",
                            fields(
                                    "RouteTableId",
                                    ref(table),
                                    "DestinationCidrBlock",
                                    "0.0.0.0/0",
                                    "GatewayId",
                                    ref(gateway)))
                    .put("DependsOn", id(attachment));
        }
        outputs.put(id(r.name() + "_id"), fields("Value", ref(p.symbol(r.name()))));
    }

    private void subnet(TargetResource r, IacProps props) {
        String network = props.ref("network");
        int zone = IacAws.zone(p.model, r.name());
        boolean isPublic = props.flag("public", false);
        main(
                r,
                "AWS::EC2::Subnet",
                "SubnetId",
                fields(
                        "VpcId", ref(p.symbol(network)),
                        "CidrBlock", value(props.value("cidr")),
                        "AvailabilityZone", fields("Fn::Select", List.of(zone, fields("Fn::GetAZs", ""))),
                        "MapPublicIpOnLaunch", isPublic,
                        "Tags", tags(r)));
        if (isPublic) {
            add(
                    derived(r.name(), "public"),
                    "AWS::EC2::SubnetRouteTableAssociation",
                    fields("SubnetId", ref(p.symbol(r.name())), "RouteTableId", ref(derived(network, "public"))));
        }
    }

    private void firewall(TargetResource r, IacProps props) {
        String group = p.symbol(r.name());
        main(
                r,
                "AWS::EC2::SecurityGroup",
                "Id",
                fields(
                        "GroupName", name(r.name(), 200),
                        "GroupDescription", "Sirsi firewall " + r.name(),
                        "VpcId", ref(p.symbol(props.ref("network"))),
                        "SecurityGroupEgress",
                                List.of(fields(
                                        "IpProtocol",
                                        "-1",
                                        "CidrIp",
                                        "0.0.0.0/0",
                                        "Description",
                                        "All outbound traffic")),
                        "Tags", tags(r)));
        int i = 0;
        for (IacRule rule : props.rules()) {
            List<Object[]> sources = new ArrayList<>();
            rule.cidrs()
                    .forEach(c -> sources.add(
                            new Object[] {c instanceof String s && s.contains(":") ? "CidrIpv6" : "CidrIp", value(c)}));
            rule.firewalls()
                    .forEach(f -> sources.add(new Object[] {"SourceSecurityGroupId", getAtt(p.symbol(f), "GroupId")}));
            for (Object[] source : sources) {
                Map<String, Object> ingress = fields(
                        "GroupId",
                        getAtt(group, "GroupId"),
                        "Description",
                        "Rule from the plan for " + r.name(),
                        "IpProtocol",
                        rule.protocol().equals("all") ? "-1" : rule.protocol());
                if (!rule.protocol().equals("all")) {
                    ingress.put("FromPort", rule.fromPort());
                    ingress.put("ToPort", rule.toPort());
                }
                ingress.put((String) source[0], source[1]);
                add(derived(r.name(), "in_" + i++), "AWS::EC2::SecurityGroupIngress", ingress);
            }
        }
    }

    List<Object> groupIds(List<String> firewalls) {
        return firewalls.stream()
                .map(f -> (Object) getAtt(p.symbol(f), "GroupId"))
                .toList();
    }

    private void vm(TargetResource r, IacProps props) {
        Object size = props.value("size");
        String image = props.text("image");
        boolean arm = IacImages.awsArm(size);
        Optional<IacImages.Ami> ami = IacImages.aws(image, arm);
        Object imageId;
        if (image.startsWith("ami-")) {
            imageId = image;
        } else {
            String parameter = IacNames.pascal(IacImages.symbol(image, arm)) + "Ami";
            parameters.putIfAbsent(
                    parameter,
                    ami.flatMap(IacImages.Ami::ssmParameter).isPresent()
                            ? fields(
                                    "Type",
                                    "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                                    "Default",
                                    ami.get().ssmParameter().get(),
                                    "Description",
                                    "Public SSM parameter holding the latest " + image + " AMI")
                            : fields(
                                    "Type", "AWS::EC2::Image::Id", "Description", "AMI for the image '" + image + "'"));
            imageId = fields("Ref", parameter);
        }
        Map<String, Object> properties = fields(
                "ImageId", imageId,
                "InstanceType", value(size),
                "SubnetId", ref(p.symbol(props.ref("subnet"))),
                "SecurityGroupIds", groupIds(props.refs("firewalls")));
        props.optionalRef("role")
                .ifPresent(role -> properties.put("IamInstanceProfile", ref(derived(role, "profile"))));
        properties.put("MetadataOptions", fields("HttpTokens", "required"));
        ami.ifPresent(a -> properties.put(
                "BlockDeviceMappings",
                List.of(fields(
                        "DeviceName", a.rootDevice(),
                        "Ebs",
                                fields(
                                        "VolumeSize",
                                        value(props.value("diskGb")),
                                        "VolumeType",
                                        "gp3",
                                        "Encrypted",
                                        true)))));
        properties.put("Tags", tags(r));
        main(r, "AWS::EC2::Instance", "InstanceId", properties);
        outputs.put(id(r.name() + "_private_ip"), fields("Value", getAtt(p.symbol(r.name()), "PrivateIp")));
    }
}
