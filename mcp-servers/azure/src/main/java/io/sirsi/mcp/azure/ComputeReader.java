package io.sirsi.mcp.azure;

import static io.sirsi.mcp.azure.AzureCollector.obj;
import static io.sirsi.mcp.azure.AzureCollector.prop;
import static io.sirsi.mcp.azure.AzureCollector.text;

import com.azure.core.management.SubResource;
import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetIpConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetNetworkConfiguration;
import io.sirsi.mcp.inventory.RelationshipType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The compute of one subscription: virtual machines (with their power state, from one status-only
 * listing), managed disks, and scale sets with their instances.
 */
final class ComputeReader {
    private final AzureCollector collector;

    ComputeReader(AzureCollector collector) {
        this.collector = collector;
    }

    int read() {
        int before = collector.count();
        ComputeManagementClient compute =
                collector.arm().virtualMachines().manager().serviceClient();
        if (collector.wanted("azure.compute.vm")) {
            virtualMachines(compute);
        }
        if (collector.wanted("azure.compute.disk")) {
            for (DiskInner disk : collector.list(
                    "listing managed disks", () -> compute.getDisks().list())) {
                if (collector.in(disk.location())) {
                    disk(disk);
                }
            }
        }
        if (collector.wanted("azure.compute.vmss") || collector.wanted("azure.compute.vmss-instance")) {
            for (VirtualMachineScaleSetInner vmss :
                    collector.list("listing virtual machine scale sets", () -> compute.getVirtualMachineScaleSets()
                            .list())) {
                if (collector.in(vmss.location())) {
                    scaleSet(compute, vmss);
                }
            }
        }
        return collector.count() - before;
    }

    private void virtualMachines(ComputeManagementClient compute) {
        Map<String, String> power = new LinkedHashMap<>();
        for (VirtualMachineInner vm :
                collector.list("listing virtual machine power states", () -> compute.getVirtualMachines()
                        .list("true", null, null, Context.NONE))) {
            powerState(vm.instanceView() == null ? null : vm.instanceView().statuses())
                    .ifPresent(state -> power.put(vm.id().toLowerCase(Locale.ROOT), state));
        }
        for (VirtualMachineInner vm : collector.list(
                "listing virtual machines", () -> compute.getVirtualMachines().list())) {
            var network = vm.networkProfile();
            collector.uses(
                    vm.id(),
                    network == null || network.networkInterfaces() == null
                            ? List.of()
                            : network.networkInterfaces().stream()
                                    .map(SubResource::id)
                                    .toList());
            if (collector.in(vm.location())) {
                virtualMachine(vm, power.get(vm.id().toLowerCase(Locale.ROOT)));
            }
        }
    }

    private void virtualMachine(VirtualMachineInner vm, String powerState) {
        var draft = collector.add("azure.compute.vm", vm.id(), vm.location(), vm.name(), vm.tags());
        prop(
                draft,
                "hardwareProfile",
                vm.hardwareProfile() == null
                        ? null
                        : obj("vmSize", vm.hardwareProfile().vmSize()));
        var storage = vm.storageProfile();
        if (storage != null) {
            var os = storage.osDisk();
            draft.prop(
                    "storageProfile",
                    obj(
                            "imageReference",
                            image(storage.imageReference()),
                            "osDisk",
                            os == null ? null : obj("osType", os.osType(), "name", os.name())));
        }
        prop(
                draft,
                "osProfile",
                vm.osProfile() == null
                        ? null
                        : obj("computerName", vm.osProfile().computerName()));
        prop(draft, "powerState", powerState);
        // Resource Manager leaves licenseType out when no Azure Hybrid Benefit applies.
        draft.prop("licenseType", vm.licenseType() == null ? "None" : vm.licenseType());
    }

    private void disk(DiskInner disk) {
        var draft = collector.add("azure.compute.disk", disk.id(), disk.location(), disk.name(), disk.tags());
        prop(draft, "sku", disk.sku() == null ? null : obj("name", disk.sku().name()));
        prop(draft, "diskSizeGB", disk.diskSizeGB());
        prop(
                draft,
                "encryption",
                disk.encryption() == null ? null : obj("type", disk.encryption().type()));
        prop(draft, "diskState", text(disk.diskState()));
        if (disk.managedBy() != null) {
            collector.edge(disk.id(), RelationshipType.ATTACHED_TO, disk.managedBy());
        }
    }

    private static Map<String, Object> image(ImageReference image) {
        return image == null
                ? null
                : obj("publisher", image.publisher(), "offer", image.offer(), "sku", image.sku(), "id", image.id());
    }

    /** The power state as the portal shows it ({@code VM running}), from an instance view's statuses. */
    private static Optional<String> powerState(List<InstanceViewStatus> statuses) {
        return statuses == null
                ? Optional.empty()
                : statuses.stream()
                        .filter(s -> s.code() != null && s.code().startsWith("PowerState/"))
                        .map(s -> s.displayStatus() == null
                                ? s.code().substring("PowerState/".length())
                                : s.displayStatus())
                        .findFirst();
    }

    private void scaleSet(ComputeManagementClient compute, VirtualMachineScaleSetInner vmss) {
        if (collector.wanted("azure.compute.vmss")) {
            var draft = collector.add("azure.compute.vmss", vmss.id(), vmss.location(), vmss.name(), vmss.tags());
            var sku = vmss.sku();
            prop(draft, "sku", sku == null ? null : obj("name", sku.name(), "capacity", sku.capacity()));
            var upgrade = vmss.upgradePolicy();
            prop(draft, "upgradePolicy", upgrade == null ? null : obj("mode", upgrade.mode()));
            var profile = vmss.virtualMachineProfile();
            if (profile != null && profile.storageProfile() != null) {
                draft.prop(
                        "virtualMachineProfile",
                        obj(
                                "storageProfile",
                                obj(
                                        "imageReference",
                                        image(profile.storageProfile().imageReference()))));
            }
            if (profile != null && profile.networkProfile() != null) {
                scaleSetNetwork(vmss.id(), profile.networkProfile().networkInterfaceConfigurations());
            }
        }
        if (!collector.wanted("azure.compute.vmss-instance")) {
            return;
        }
        for (VirtualMachineScaleSetVMInner vm : collector.list(
                "listing the instances of scale set " + vmss.name(), () -> compute.getVirtualMachineScaleSetVMs()
                        .list(
                                AzureCollector.group(vmss.id()),
                                vmss.name(),
                                null,
                                null,
                                "instanceView",
                                Context.NONE))) {
            var draft = collector.add("azure.compute.vmss-instance", vm.id(), vm.location(), vm.name(), vm.tags());
            prop(draft, "instanceId", vm.instanceId());
            // Instances of a uniform scale set carry their size in the sku, not in a hardware profile.
            Object size = vm.hardwareProfile() != null && vm.hardwareProfile().vmSize() != null
                    ? vm.hardwareProfile().vmSize()
                    : vm.sku() == null ? null : vm.sku().name();
            prop(draft, "hardwareProfile", size == null ? null : obj("vmSize", size));
            var view = vm.instanceView();
            prop(
                    draft,
                    "powerState",
                    powerState(view == null ? null : view.statuses()).orElse(null));
            collector.edge(vm.id(), RelationshipType.ATTACHED_TO, vmss.id());
        }
    }

    private void scaleSetNetwork(String vmss, List<VirtualMachineScaleSetNetworkConfiguration> nics) {
        for (var nic : nics == null ? List.<VirtualMachineScaleSetNetworkConfiguration>of() : nics) {
            if (nic.networkSecurityGroup() != null) {
                collector.edge(
                        vmss,
                        RelationshipType.MEMBER_OF_SECURITY_GROUP,
                        nic.networkSecurityGroup().id());
            }
            for (var ip : nic.ipConfigurations() == null
                    ? List.<VirtualMachineScaleSetIpConfiguration>of()
                    : nic.ipConfigurations()) {
                if (ip.subnet() != null) {
                    collector.edge(
                            vmss, RelationshipType.PART_OF_SUBNET, ip.subnet().id());
                }
            }
        }
    }
}
