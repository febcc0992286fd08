package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.attr;
import static io.sirsi.mcp.migration.IacExpr.concat;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target model as Azure Resource Manager resources: ARM types with API versions and ARM-shaped bodies
 * ({@code name}, {@code location}, {@code properties}). {@link BicepWriter} writes them as they are;
 * {@link PulumiWriter} flattens them for Azure Native, whose inputs are the same ARM schema. The mapping
 * follows {@link TerraformAzure}: NSG plus application security group per firewall, private endpoints
 * for databases, a Standard load balancer whose pool the VMs' interfaces join.
 */
final class IacArm {
    /** Identities assigned to a VM: an object keyed by resource id in ARM, a list of ids in Azure Native. */
    record Identities(List<Object> ids) {}

    /** A Bicep expression written as it is ({@code resourceGroup().id}); only in values Pulumi drops. */
    record Raw(String text) {}

    static final String NETWORK = "@2023-09-01";

    /** Words and functions a Bicep symbol must not take. */
    static final Set<String> RESERVED = Set.of(
            "resource",
            "param",
            "var",
            "output",
            "module",
            "existing",
            "if",
            "for",
            "in",
            "true",
            "false",
            "null",
            "targetScope",
            "import",
            "metadata",
            "type",
            "func",
            "using",
            "with",
            "as",
            "extension",
            "az",
            "sys",
            "resourceGroup",
            "resourceId",
            "subscription",
            "subscriptionResourceId",
            "replace",
            "guid",
            "string",
            "location",
            "pulumi");

    final IacProgram p;

    private IacArm(IacProgram program) {
        this.p = program;
    }

    static IacProgram build(TargetModel model) {
        IacArm arm = new IacArm(IacProgram.create(model, RESERVED));
        IacArmData data = new IacArmData(arm);
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "network" -> arm.network(r, props);
                case "subnet" -> arm.subnet(r, props);
                case "firewall" -> arm.firewall(r);
                case "vm" -> arm.vm(r, props);
                case "database" -> data.database(r, props);
                case "bucket" -> data.bucket(r, props);
                case "load-balancer" -> arm.loadBalancer(r, props);
                case "role" -> data.role(r, props);
                default -> throw new IllegalStateException("unmapped kind " + r.kind());
            }
        }
        return arm.p;
    }

    Object name(TargetResource r, int max) {
        return r.existingId().isPresent() ? IacAzure.AzureId.parse(r).name() : IacNames.prefixed(r.name(), max);
    }

    IacResource located(String type, TargetResource r, int max) {
        return p.resource(type, r).set("name", name(r, max)).set("location", var(IacNames.REGION));
    }

    IacResource derived(String type, String owner, String suffix, int max) {
        return p.derivedResource(type, owner, suffix)
                .set("name", IacNames.prefixed(owner, suffix.replace('_', '-'), max))
                .set("location", var(IacNames.REGION));
    }

    Map<String, Object> tags(TargetResource r) {
        return fields(
                "environment",
                var(IacNames.ENVIRONMENT),
                "workload",
                r.workload().isEmpty() ? null : r.workload());
    }

    Map<String, Object> id(String logical) {
        return fields("id", attr(p.symbol(logical), "id"));
    }

    private void network(TargetResource r, IacProps props) {
        IacResource vnet = located("Microsoft.Network/virtualNetworks" + NETWORK, r, 60)
                .set("tags", tags(r))
                .set("properties", fields("addressSpace", fields("addressPrefixes", List.of(props.value("cidr")))));
        p.output(r.name() + "_id", attr(vnet.symbol, "id"));
    }

    private void subnet(TargetResource r, IacProps props) {
        IacResource subnet = p.resource("Microsoft.Network/virtualNetworks/subnets" + NETWORK, r)
                .set("name", name(r, 60))
                .set("properties", fields("addressPrefix", props.value("cidr")));
        subnet.parent = p.symbol(props.ref("network"));
        subnet.inlineIn = "subnets";
    }

    private void firewall(TargetResource r) {
        IacResource nsg = located("Microsoft.Network/networkSecurityGroups" + NETWORK, r, 60)
                .set("tags", tags(r))
                .set("properties", fields("securityRules", rules(List.of(r))));
        derived("Microsoft.Network/applicationSecurityGroups" + NETWORK, r.name(), "members", 60)
                .set("tags", tags(r))
                .set("properties", fields());
        p.output(r.name() + "_id", attr(nsg.symbol, "id"));
    }

    private List<Object> rules(List<TargetResource> firewalls) {
        List<Object> rules = new ArrayList<>();
        for (IacAzure.NsgRule rule : IacAzure.rules(p.model, firewalls)) {
            Map<String, Object> properties = fields(
                    "priority", rule.priority(),
                    "direction", "Inbound",
                    "access", "Allow",
                    "protocol", rule.protocol(),
                    "sourcePortRange", "*",
                    "destinationPortRange", rule.ports(),
                    "destinationAddressPrefix", "*");
            if (rule.cidrs().size() == 1) {
                properties.put("sourceAddressPrefix", rule.cidrs().getFirst());
            } else if (!rule.cidrs().isEmpty()) {
                properties.put("sourceAddressPrefixes", rule.cidrs());
            } else {
                properties.put(
                        "sourceApplicationSecurityGroups",
                        rule.groups().stream()
                                .map(g -> (Object) fields("id", attr(p.derived(g, "members"), "id")))
                                .toList());
            }
            rules.add(fields("name", rule.name(), "properties", properties));
        }
        rules.add(fields(
                "name",
                "deny-other-vnet-traffic",
                "properties",
                fields(
                        "priority", IacAzure.DENY_PRIORITY,
                        "direction", "Inbound",
                        "access", "Deny",
                        "protocol", "*",
                        "sourcePortRange", "*",
                        "destinationPortRange", "*",
                        "sourceAddressPrefix", "VirtualNetwork",
                        "destinationAddressPrefix", "*")));
        return rules;
    }

    private void vm(TargetResource r, IacProps props) {
        Object size = props.value("size");
        String os = props.choice("os", "linux", "linux", "windows");
        String subnet = props.ref("subnet");
        List<String> firewalls = props.refs("firewalls");
        Map<String, Object> ipConfig = fields("subnet", id(subnet), "privateIPAllocationMethod", "Dynamic");
        if (IacProps.of(p.target(subnet)).flag("public", false)) {
            IacResource ip = derived("Microsoft.Network/publicIPAddresses" + NETWORK, r.name(), "public_ip", 60)
                    .set("sku", fields("name", "Standard"))
                    .set("tags", tags(r))
                    .set("properties", fields("publicIPAllocationMethod", "Static"));
            ipConfig.put("publicIPAddress", fields("id", attr(ip.symbol, "id")));
        }
        if (!firewalls.isEmpty()) {
            ipConfig.put(
                    "applicationSecurityGroups",
                    firewalls.stream()
                            .map(f -> (Object) fields("id", attr(p.derived(f, "members"), "id")))
                            .toList());
        }
        List<Object> pools = IacAzure.balancersOf(p.model, r.name()).stream()
                .map(lb ->
                        (Object) fields("id", concat(attr(p.symbol(lb.name()), "id"), "/backendAddressPools/backend")))
                .toList();
        if (!pools.isEmpty()) {
            ipConfig.put("loadBalancerBackendAddressPools", pools);
        }
        Map<String, Object> nicProperties =
                fields("ipConfigurations", List.of(fields("name", "primary", "properties", ipConfig)));
        if (firewalls.size() == 1) {
            nicProperties.put("networkSecurityGroup", id(firewalls.getFirst()));
        } else if (firewalls.size() > 1) {
            IacResource nsg = derived("Microsoft.Network/networkSecurityGroups" + NETWORK, r.name(), "nsg", 60)
                    .set("tags", tags(r))
                    .set(
                            "properties",
                            fields(
                                    "securityRules",
                                    rules(firewalls.stream().map(p::target).toList())));
            nicProperties.put("networkSecurityGroup", fields("id", attr(nsg.symbol, "id")));
        }
        IacResource nic = derived("Microsoft.Network/networkInterfaces" + NETWORK, r.name(), "nic", 60)
                .set("tags", tags(r))
                .set("properties", nicProperties);
        Map<String, Object> osProfile = fields(
                "computerName",
                os.equals("windows") ? IacNames.alnum(r.name(), 15) : IacNames.prefixed(r.name(), 46),
                "adminUsername",
                IacAzure.ADMIN);
        if (os.equals("windows")) {
            p.require(Variable.secret(IacAzure.VM_PASSWORD, "Administrator password of the Windows VMs"));
            osProfile.put("adminPassword", var(IacAzure.VM_PASSWORD));
        } else {
            p.require(new Variable(
                    IacAzure.SSH_KEY,
                    "string",
                    Optional.empty(),
                    "SSH public key of the Linux VMs' administrator",
                    false));
            osProfile.put(
                    "linuxConfiguration",
                    fields(
                            "disablePasswordAuthentication",
                            true,
                            "ssh",
                            fields(
                                    "publicKeys",
                                    List.of(fields(
                                            "path",
                                            "/home/" + IacAzure.ADMIN + "/.ssh/authorized_keys",
                                            "keyData",
                                            var(IacAzure.SSH_KEY))))));
        }
        String image = props.text("image");
        Optional<IacImages.Marketplace> marketplace = IacAzure.image(image, size);
        Map<String, Object> imageReference;
        if (marketplace.isPresent()) {
            imageReference = fields(
                    "publisher", marketplace.get().publisher(),
                    "offer", marketplace.get().offer(),
                    "sku", marketplace.get().sku(),
                    "version", "latest");
        } else {
            Variable variable = IacImages.variable(image, "Azure image id");
            p.require(variable);
            imageReference = fields("id", var(variable.name()));
        }
        IacResource vm =
                located("Microsoft.Compute/virtualMachines@2023-09-01", r, 60).set("tags", tags(r));
        props.optionalRef("role")
                .ifPresent(role -> vm.set(
                        "identity",
                        fields(
                                "type",
                                "UserAssigned",
                                "userAssignedIdentities",
                                new Identities(List.of(attr(p.symbol(role), "id"))))));
        vm.set(
                "properties",
                fields(
                        "hardwareProfile", fields("vmSize", size),
                        "osProfile", osProfile,
                        "storageProfile",
                                fields(
                                        "imageReference",
                                        imageReference,
                                        "osDisk",
                                        fields(
                                                "createOption", "FromImage",
                                                "diskSizeGB", props.value("diskGb"),
                                                "managedDisk", fields("storageAccountType", "StandardSSD_LRS"))),
                        "networkProfile",
                                fields(
                                        "networkInterfaces",
                                        List.of(fields(
                                                "id",
                                                attr(nic.symbol, "id"),
                                                "properties",
                                                fields("primary", true))))));
        p.output(
                r.name() + "_private_ip",
                attr(nic.symbol, "properties.ipConfigurations[0].properties.privateIPAddress"));
    }

    private void loadBalancer(TargetResource r, IacProps props) {
        String protocol = props.choice("protocol", "http", "http", "https", "tcp");
        Object port = props.value("port");
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Load balancer " + r.name() + " lists no subnets");
        }
        Object lbName = name(r, 60);
        String lbType = "Microsoft.Network/loadBalancers";
        Map<String, Object> frontend;
        Object address;
        if (props.flag("public", false)) {
            IacResource ip = derived("Microsoft.Network/publicIPAddresses" + NETWORK, r.name(), "public_ip", 60)
                    .set("sku", fields("name", "Standard"))
                    .set("tags", tags(r))
                    .set("properties", fields("publicIPAllocationMethod", "Static"));
            frontend = fields("publicIPAddress", fields("id", attr(ip.symbol, "id")));
            address = attr(ip.symbol, "properties.ipAddress");
        } else {
            frontend = fields("subnet", id(subnets.getFirst()), "privateIPAllocationMethod", "Dynamic");
            address = attr(p.symbol(r.name()), "properties.frontendIPConfigurations[0].properties.privateIPAddress");
        }
        IacResource lb = located(lbType + NETWORK, r, 60)
                .set("sku", fields("name", "Standard"))
                .set("tags", tags(r))
                .set(
                        "properties",
                        fields(
                                "frontendIPConfigurations", List.of(fields("name", "frontend", "properties", frontend)),
                                "backendAddressPools", List.of(fields("name", "backend")),
                                "probes",
                                        List.of(fields(
                                                "name",
                                                "probe",
                                                "properties",
                                                fields(
                                                        "protocol",
                                                        protocol.equals("http") ? "Http" : "Tcp",
                                                        "port",
                                                        port,
                                                        "requestPath",
                                                        protocol.equals("http") ? "/" : null,
                                                        "intervalInSeconds",
                                                        5,
                                                        "numberOfProbes",
                                                        2))),
                                "loadBalancingRules",
                                        List.of(fields(
                                                "name",
                                                "traffic",
                                                "properties",
                                                fields(
                                                        "frontendIPConfiguration",
                                                        fields(
                                                                "id",
                                                                subId(
                                                                        lbType + "/frontendIPConfigurations",
                                                                        lbName,
                                                                        "frontend")),
                                                        "backendAddressPool",
                                                        fields(
                                                                "id",
                                                                subId(
                                                                        lbType + "/backendAddressPools",
                                                                        lbName,
                                                                        "backend")),
                                                        "probe",
                                                        fields("id", subId(lbType + "/probes", lbName, "probe")),
                                                        "protocol",
                                                        "Tcp",
                                                        "frontendPort",
                                                        port,
                                                        "backendPort",
                                                        port,
                                                        "enableFloatingIP",
                                                        false,
                                                        "disableOutboundSnat",
                                                        true)))));
        p.output(r.name() + "_ip", address);
        if (lb.importId.isPresent()) {
            lb.ignoreChanges.add("loadBalancingRules");
        }
    }

    private static IacExpr.ResourceId subId(String type, Object parentName, String name) {
        return new IacExpr.ResourceId(false, type, List.of(parentName, name));
    }
}
