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
 * A target model as resources of the Terraform azurerm provider, in one new resource group. A firewall is a
 * network security group plus an application security group for its members; a VM's network interface
 * joins the application groups of its firewalls and takes their rules (merged when it has several).
 * Databases are reached through private endpoints.
 */
final class TerraformAzure {
    final IacProgram p;
    final String group;

    private TerraformAzure(IacProgram program) {
        this.p = program;
        this.group = program.shared("resource_group");
    }

    static IacProgram build(TargetModel model) {
        TerraformAzure azure = new TerraformAzure(IacProgram.create(model, Set.of()));
        TerraformAzureData data = new TerraformAzureData(azure);
        azure.p
                .sharedResource("azurerm_resource_group", "resource_group")
                .set("name", IacNames.prefixed("rg", 60))
                .set("location", var(IacNames.REGION))
                .set("tags", fields("environment", var(IacNames.ENVIRONMENT), "managed-by", "sirsi"));
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "network" -> azure.network(r, props);
                case "subnet" -> azure.subnet(r, props);
                case "firewall" -> azure.firewall(r);
                case "vm" -> azure.vm(r, props);
                case "database" -> data.database(r, props);
                case "bucket" -> data.bucket(r, props);
                case "load-balancer" -> azure.loadBalancer(r, props);
                case "role" -> data.role(r, props);
                default -> throw new IllegalStateException("unmapped kind " + r.kind());
            }
        }
        return azure.p;
    }

    /** A resource with the name, resource group and location every azurerm resource starts with. */
    IacResource located(String type, TargetResource r, int max) {
        IacResource resource = p.resource(type, r);
        if (r.existingId().isPresent()) {
            IacAzure.AzureId id = IacAzure.AzureId.parse(r);
            resource.set("name", id.name()).set("resource_group_name", id.resourceGroup());
            resource.ignoreChanges.add("location");
        } else {
            resource.set("name", IacNames.prefixed(r.name(), max)).set("resource_group_name", attr(group, "name"));
        }
        return resource.set("location", attr(group, "location"));
    }

    IacResource derived(String type, String owner, String suffix, int max) {
        return p.derivedResource(type, owner, suffix)
                .set("name", IacNames.prefixed(owner, suffix.replace('_', '-'), max))
                .set("resource_group_name", attr(group, "name"))
                .set("location", attr(group, "location"));
    }

    Map<String, Object> tags(TargetResource r) {
        return fields(
                "environment",
                var(IacNames.ENVIRONMENT),
                "workload",
                r.workload().isEmpty() ? null : r.workload());
    }

    Object id(String logical) {
        return attr(p.symbol(logical), "id");
    }

    private void network(TargetResource r, IacProps props) {
        IacResource vnet = located("azurerm_virtual_network", r, 60)
                .set("address_space", List.of(props.value("cidr")))
                .set("tags", tags(r));
        p.output(r.name() + "_id", attr(vnet.symbol, "id"));
    }

    private void subnet(TargetResource r, IacProps props) {
        String vnet = p.symbol(props.ref("network"));
        IacResource subnet = p.resource("azurerm_subnet", r);
        if (r.existingId().isPresent()) {
            subnet.set("name", IacAzure.AzureId.parse(r).name());
        } else {
            subnet.set("name", IacNames.prefixed(r.name(), 60));
        }
        subnet.set("resource_group_name", attr(vnet, "resource_group_name"))
                .set("virtual_network_name", attr(vnet, "name"))
                .set("address_prefixes", List.of(props.value("cidr")));
    }

    private void firewall(TargetResource r) {
        IacResource nsg = located("azurerm_network_security_group", r, 60)
                .set("security_rule", rules(List.of(r)))
                .set("tags", tags(r));
        derived("azurerm_application_security_group", r.name(), "members", 60).set("tags", tags(r));
        p.output(r.name() + "_id", attr(nsg.symbol, "id"));
    }

    private IacBlock.Many rules(List<TargetResource> firewalls) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (IacAzure.NsgRule rule : IacAzure.rules(p.model, firewalls)) {
            Map<String, Object> block = fields(
                    "name",
                    rule.name(),
                    "priority",
                    rule.priority(),
                    "direction",
                    "Inbound",
                    "access",
                    "Allow",
                    "protocol",
                    rule.protocol(),
                    "source_port_range",
                    "*",
                    "destination_port_range",
                    rule.ports(),
                    "destination_address_prefix",
                    "*");
            if (rule.cidrs().size() == 1) {
                block.put("source_address_prefix", rule.cidrs().getFirst());
            } else if (!rule.cidrs().isEmpty()) {
                block.put("source_address_prefixes", rule.cidrs());
            } else {
                block.put(
                        "source_application_security_group_ids",
                        rule.groups().stream()
                                .map(g -> (Object) attr(p.derived(g, "members"), "id"))
                                .toList());
            }
            blocks.add(block);
        }
        blocks.add(fields(
                "name", "deny-other-vnet-traffic",
                "priority", IacAzure.DENY_PRIORITY,
                "direction", "Inbound",
                "access", "Deny",
                "protocol", "*",
                "source_port_range", "*",
                "destination_port_range", "*",
                "source_address_prefix", "VirtualNetwork",
                "destination_address_prefix", "*"));
        return IacBlock.many(blocks);
    }

    private void vm(TargetResource r, IacProps props) {
        Object size = props.value("size");
        String os = props.choice("os", "linux", "linux", "windows");
        String subnet = props.ref("subnet");
        List<String> firewalls = props.refs("firewalls");
        boolean isPublic = IacProps.of(p.target(subnet)).flag("public", false);
        Map<String, Object> ipConfig = fields(
                "name", "primary",
                "subnet_id", id(subnet),
                "private_ip_address_allocation", "Dynamic");
        if (isPublic) {
            IacResource ip = derived("azurerm_public_ip", r.name(), "public_ip", 60)
                    .set("allocation_method", "Static")
                    .set("sku", "Standard")
                    .set("tags", tags(r));
            ipConfig.put("public_ip_address_id", attr(ip.symbol, "id"));
        }
        IacResource nic = derived("azurerm_network_interface", r.name(), "nic", 60)
                .set("ip_configuration", IacBlock.many(ipConfig))
                .set("tags", tags(r));
        String nsg = null;
        if (firewalls.size() == 1) {
            nsg = p.symbol(firewalls.getFirst());
        } else if (firewalls.size() > 1) {
            nsg = derived("azurerm_network_security_group", r.name(), "nsg", 60)
                    .set(
                            "security_rule",
                            rules(firewalls.stream().map(p::target).toList()))
                    .set("tags", tags(r))
                    .symbol;
        }
        if (nsg != null) {
            p.derivedResource("azurerm_network_interface_security_group_association", r.name(), "nic_nsg")
                    .set("network_interface_id", attr(nic.symbol, "id"))
                    .set("network_security_group_id", attr(nsg, "id"));
        }
        for (String firewall : firewalls) {
            p.derivedResource(
                            "azurerm_network_interface_application_security_group_association",
                            r.name(),
                            "in_" + firewall)
                    .set("network_interface_id", attr(nic.symbol, "id"))
                    .set("application_security_group_id", attr(p.derived(firewall, "members"), "id"));
        }
        IacResource vm = located(
                os.equals("windows") ? "azurerm_windows_virtual_machine" : "azurerm_linux_virtual_machine", r, 60);
        if (os.equals("windows")) {
            p.require(Variable.secret(IacAzure.VM_PASSWORD, "Administrator password of the Windows VMs"));
            vm.set("computer_name", IacNames.alnum(r.name(), 15));
        }
        vm.set("size", size)
                .set("admin_username", IacAzure.ADMIN)
                .set("network_interface_ids", List.of(attr(nic.symbol, "id")));
        if (os.equals("windows")) {
            vm.set("admin_password", var(IacAzure.VM_PASSWORD));
        } else {
            p.require(new Variable(
                    IacAzure.SSH_KEY,
                    "string",
                    Optional.empty(),
                    "SSH public key of the Linux VMs' administrator",
                    false));
            vm.set("disable_password_authentication", true)
                    .set(
                            "admin_ssh_key",
                            IacBlock.many(fields("username", IacAzure.ADMIN, "public_key", var(IacAzure.SSH_KEY))));
        }
        vm.set(
                "os_disk",
                IacBlock.one(fields(
                        "caching",
                        "ReadWrite",
                        "storage_account_type",
                        "StandardSSD_LRS",
                        "disk_size_gb",
                        props.value("diskGb"))));
        String image = props.text("image");
        Optional<IacImages.Marketplace> marketplace = IacAzure.image(image, size);
        if (marketplace.isPresent()) {
            vm.set(
                    "source_image_reference",
                    IacBlock.one(fields(
                            "publisher", marketplace.get().publisher(),
                            "offer", marketplace.get().offer(),
                            "sku", marketplace.get().sku(),
                            "version", "latest")));
        } else {
            Variable variable = IacImages.variable(image, "Azure image id");
            p.require(variable);
            vm.set("source_image_id", var(variable.name()));
        }
        props.optionalRef("role")
                .ifPresent(role -> vm.set(
                        "identity", IacBlock.one(fields("type", "UserAssigned", "identity_ids", List.of(id(role))))));
        vm.set("tags", tags(r));
        if (r.existingId().isPresent()) {
            vm.ignoreChanges.addAll(List.of("admin_password", "admin_ssh_key", "source_image_reference", "os_disk"));
        }
        p.output(r.name() + "_private_ip", attr(nic.symbol, "private_ip_address"));
    }

    /**
     * A storage account name: the environment without hyphens and up to 8 letters and digits of the logical
     * name, the last 4 a hash when it is longer (storage account names are 24 characters at most).
     */
    static IacExpr.Concat storageAccountName(String logical) {
        return concat(
                new IacExpr.Compact(var(IacNames.ENVIRONMENT)), IacNames.alnum(logical, 24 - IacNames.ENVIRONMENT_MAX));
    }

    /** The blob container: the plan's bucket name as a valid container name. */
    static Object containerName(IacProps props) {
        Object bucketName = props.value("bucketName");
        return bucketName instanceof String s ? IacNames.label(s, 63, "data") : bucketName;
    }

    private void loadBalancer(TargetResource r, IacProps props) {
        String protocol = props.choice("protocol", "http", "http", "https", "tcp");
        Object port = props.value("port");
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Load balancer " + r.name() + " lists no subnets");
        }
        Map<String, Object> frontend = fields("name", "frontend");
        Object address;
        if (props.flag("public", false)) {
            IacResource ip = derived("azurerm_public_ip", r.name(), "public_ip", 60)
                    .set("allocation_method", "Static")
                    .set("sku", "Standard")
                    .set("tags", tags(r));
            frontend.put("public_ip_address_id", attr(ip.symbol, "id"));
            address = attr(ip.symbol, "ip_address");
        } else {
            frontend.put("subnet_id", id(subnets.getFirst()));
            frontend.put("private_ip_address_allocation", "Dynamic");
            address = attr(p.symbol(r.name()), "private_ip_address");
        }
        IacResource lb = located("azurerm_lb", r, 60)
                .set("sku", "Standard")
                .set("frontend_ip_configuration", IacBlock.many(frontend))
                .set("tags", tags(r));
        IacResource pool = p.derivedResource("azurerm_lb_backend_address_pool", r.name(), "backend")
                .set("name", "backend")
                .set("loadbalancer_id", attr(lb.symbol, "id"));
        IacResource probe = p.derivedResource("azurerm_lb_probe", r.name(), "probe")
                .set("name", "probe")
                .set("loadbalancer_id", attr(lb.symbol, "id"))
                .set("protocol", protocol.equals("http") ? "Http" : "Tcp")
                .set("port", port)
                .set("request_path", protocol.equals("http") ? "/" : null);
        p.derivedResource("azurerm_lb_rule", r.name(), "rule")
                .set("name", "traffic")
                .set("loadbalancer_id", attr(lb.symbol, "id"))
                .set("protocol", "Tcp")
                .set("frontend_port", port)
                .set("backend_port", port)
                .set("frontend_ip_configuration_name", "frontend")
                .set("backend_address_pool_ids", List.of(attr(pool.symbol, "id")))
                .set("probe_id", attr(probe.symbol, "id"))
                .set("disable_outbound_snat", true);
        for (String target : props.refs("targets")) {
            p.derivedResource("azurerm_network_interface_backend_address_pool_association", r.name(), target)
                    .set("network_interface_id", attr(p.derived(target, "nic"), "id"))
                    .set("ip_configuration_name", "primary")
                    .set("backend_address_pool_id", attr(pool.symbol, "id"));
        }
        p.output(r.name() + "_ip", address);
    }
}
