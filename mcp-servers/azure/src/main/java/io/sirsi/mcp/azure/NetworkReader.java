package io.sirsi.mcp.azure;

import static io.sirsi.mcp.azure.AzureCollector.obj;
import static io.sirsi.mcp.azure.AzureCollector.prop;
import static io.sirsi.mcp.azure.AzureCollector.text;

import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import io.sirsi.mcp.inventory.RelationshipType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The networks of one subscription: virtual networks and their subnets, network security groups with
 * their rules, and network interfaces. Subnets and interfaces are read whenever VMs are wanted too, as
 * they say which NSGs govern each VM.
 */
final class NetworkReader {
    private static final Set<String> NEEDED_BY = Set.of(
            "azure.network.vnet", "azure.network.subnet", "azure.network.nsg", "azure.network.nic", "azure.compute.vm");

    private final AzureCollector collector;

    NetworkReader(AzureCollector collector) {
        this.collector = collector;
    }

    int read() {
        if (NEEDED_BY.stream().noneMatch(collector::wanted)) {
            return 0;
        }
        int before = collector.count();
        NetworkManagementClient network = collector.arm().networks().manager().serviceClient();
        for (VirtualNetworkInner vnet : collector.list(
                "listing virtual networks", () -> network.getVirtualNetworks().list())) {
            virtualNetwork(vnet);
        }
        if (collector.wanted("azure.network.nsg")) {
            for (NetworkSecurityGroupInner nsg :
                    collector.list("listing network security groups", () -> network.getNetworkSecurityGroups()
                            .list())) {
                if (collector.in(nsg.location())) {
                    var draft = collector
                            .add("azure.network.nsg", nsg.id(), nsg.location(), nsg.name(), nsg.tags())
                            .prop("securityRules", rules(nsg.securityRules()));
                    prop(draft, "provisioningState", text(nsg.provisioningState()));
                }
            }
        }
        for (NetworkInterfaceInner nic :
                collector.list("listing network interfaces", () -> network.getNetworkInterfaces()
                        .list())) {
            networkInterface(nic);
        }
        return collector.count() - before;
    }

    private void virtualNetwork(VirtualNetworkInner vnet) {
        boolean here = collector.in(vnet.location());
        if (here && collector.wanted("azure.network.vnet")) {
            collector
                    .add("azure.network.vnet", vnet.id(), vnet.location(), vnet.name(), vnet.tags())
                    .prop(
                            "addressSpace",
                            obj(
                                    "addressPrefixes",
                                    vnet.addressSpace() == null
                                            ? null
                                            : vnet.addressSpace().addressPrefixes()));
        }
        for (SubnetInner subnet : vnet.subnets() == null ? List.<SubnetInner>of() : vnet.subnets()) {
            if (subnet.networkSecurityGroup() != null) {
                String nsg = subnet.networkSecurityGroup().id();
                collector.guards(nsg, subnet.id());
                collector.edge(nsg, RelationshipType.ATTACHED_TO, subnet.id());
            }
            if (here && collector.wanted("azure.network.subnet")) {
                var draft = collector.add("azure.network.subnet", subnet.id(), vnet.location(), subnet.name(), null);
                prop(draft, "addressPrefix", subnet.addressPrefix());
                if (subnet.addressPrefixes() != null
                        && !subnet.addressPrefixes().isEmpty()) {
                    draft.prop("addressPrefixes", subnet.addressPrefixes());
                }
                collector.edge(subnet.id(), RelationshipType.MEMBER_OF_NETWORK, vnet.id());
            }
        }
    }

    private void networkInterface(NetworkInterfaceInner nic) {
        List<String> subnets = new ArrayList<>();
        List<Map<String, Object>> configurations = new ArrayList<>();
        var ips = nic.ipConfigurations() == null
                ? List.<NetworkInterfaceIpConfigurationInner>of()
                : nic.ipConfigurations();
        for (NetworkInterfaceIpConfigurationInner ip : ips) {
            String subnet = ip.subnet() == null ? null : ip.subnet().id();
            configurations.add(obj("privateIPAddress", ip.privateIpAddress(), "subnet", subnet));
            if (subnet != null) {
                subnets.add(subnet);
            }
        }
        collector.sitsIn(nic.id(), subnets);
        if (nic.networkSecurityGroup() != null) {
            String nsg = nic.networkSecurityGroup().id();
            collector.guards(nsg, nic.id());
            collector.edge(nsg, RelationshipType.ATTACHED_TO, nic.id());
        }
        if (collector.in(nic.location()) && collector.wanted("azure.network.nic")) {
            collector
                    .add("azure.network.nic", nic.id(), nic.location(), nic.name(), nic.tags())
                    .prop("ipConfigurations", configurations);
            if (nic.virtualMachine() != null) {
                collector.edge(
                        nic.id(),
                        RelationshipType.ATTACHED_TO,
                        nic.virtualMachine().id());
            }
            subnets.forEach(s -> collector.edge(nic.id(), RelationshipType.PART_OF_SUBNET, s));
        }
    }

    /** Security rules in the shape the demo estates and reachability read: the API's names, absent ones left out. */
    private static List<Map<String, Object>> rules(List<SecurityRuleInner> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SecurityRuleInner r : rules == null ? List.<SecurityRuleInner>of() : rules) {
            var rule = obj(
                    "name", r.name(),
                    "priority", r.priority(),
                    "direction", text(r.direction()),
                    "access", text(r.access()),
                    "protocol", text(r.protocol()),
                    "sourceAddressPrefix", r.sourceAddressPrefix(),
                    "sourcePortRange", r.sourcePortRange(),
                    "destinationAddressPrefix", r.destinationAddressPrefix(),
                    "destinationPortRange", r.destinationPortRange());
            putList(rule, "sourceAddressPrefixes", r.sourceAddressPrefixes());
            putList(rule, "sourcePortRanges", r.sourcePortRanges());
            putList(rule, "destinationAddressPrefixes", r.destinationAddressPrefixes());
            putList(rule, "destinationPortRanges", r.destinationPortRanges());
            out.add(rule);
        }
        return out;
    }

    private static void putList(Map<String, Object> map, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            map.put(key, values);
        }
    }
}
