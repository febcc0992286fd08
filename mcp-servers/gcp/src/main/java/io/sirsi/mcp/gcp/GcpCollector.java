package io.sirsi.mcp.gcp;

import com.google.cloud.compute.v1.AggregatedListDisksRequest;
import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AggregatedListSubnetworksRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.Disk;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import com.google.cloud.compute.v1.ListNetworksRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Subnetwork;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.RelationshipType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns Compute Engine answers into the inventory: resources under the same types,
 * ids (relative resource names, {@code projects/P/zones/Z/instances/N}) and property names as the demo
 * estates (the REST API's own names), and the edges between them. Edges wait until {@link #link()}, so
 * that one whose other end was not collected (filtered out) is left out.
 */
final class GcpCollector {
    private record Edge(String from, String type, String to) {}

    /**
     * The instance metadata keys worth keeping: they decide how people log in. Other metadata (startup
     * scripts, ssh-keys) may hold secrets and stays out of the inventory.
     */
    private static final Set<String> METADATA_KEYS =
            Set.of("enable-oslogin", "enable-oslogin-2fa", "block-project-ssh-keys", "serial-port-enable");

    private final GcpClients clients;
    private final EstateBuilder builder;
    private final String project;
    private final Set<String> types;
    private final Optional<String> region;
    private final List<String> regions;
    private final Set<String> collected = new HashSet<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, String> diskImages = new HashMap<>();

    /**
     * A collector for one project; {@code region} narrows collection to one region (and its zones),
     * otherwise regional resources are collected in the project's {@code regions}.
     */
    GcpCollector(
            GcpClients clients,
            EstateBuilder builder,
            String project,
            Set<String> types,
            Optional<String> region,
            List<String> regions) {
        this.clients = clients;
        this.builder = builder;
        this.project = project;
        this.types = types;
        this.region = region;
        this.regions = regions;
    }

    private boolean wanted(String type) {
        return types.isEmpty() || types.contains(type);
    }

    private boolean inScope(String regionName) {
        return region.map(r -> r.equalsIgnoreCase(regionName)).orElseGet(() -> regions.contains(regionName));
    }

    private <T> T call(String operation, Supplier<T> body) {
        return GcpSource.call(operation, project, body);
    }

    static <T> List<T> all(Iterable<T> pages) {
        List<T> items = new ArrayList<>();
        pages.forEach(items::add);
        return items;
    }

    /** A resource's relative name from its URL: {@code projects/P/global/networks/N}. */
    static String relative(String url) {
        int at = url.indexOf("projects/");
        return at < 0 ? url : url.substring(at);
    }

    /** The last segment of a URL: a zone, region, machine type or disk type name. */
    static String last(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The region of a zone: {@code europe-west1} of {@code europe-west1-b}. */
    static String regionOf(String zone) {
        int dash = zone.lastIndexOf('-');
        return dash < 0 ? zone : zone.substring(0, dash);
    }

    private EstateBuilder.Draft add(String type, String id, String location, String name, Map<String, String> labels) {
        collected.add(id);
        EstateBuilder.Draft draft = builder.add(type, id, project, location, name);
        labels.forEach(draft::tag);
        return draft;
    }

    private void edge(String from, String type, String to) {
        edges.add(new Edge(from, type, to));
    }

    /** The project's networks and firewall rules; returns how many were collected. */
    int global() {
        int before = collected.size();
        if (wanted("gcp.compute.network")) {
            var request = ListNetworksRequest.newBuilder().setProject(project).build();
            for (Network network : call(
                    "compute.networks.list",
                    () -> all(clients.networks().list(request).iterateAll()))) {
                var draft = add(
                                "gcp.compute.network",
                                relative(network.getSelfLink()),
                                "global",
                                network.getName(),
                                Map.of())
                        .prop("autoCreateSubnetworks", network.getAutoCreateSubnetworks());
                if (network.getRoutingConfig().hasRoutingMode()) {
                    draft.prop(
                            "routingConfig",
                            Map.of("routingMode", network.getRoutingConfig().getRoutingMode()));
                }
            }
        }
        if (wanted("gcp.compute.firewall")) {
            var request = ListFirewallsRequest.newBuilder().setProject(project).build();
            for (Firewall firewall : call(
                    "compute.firewalls.list",
                    () -> all(clients.firewalls().list(request).iterateAll()))) {
                firewall(firewall);
            }
        }
        return collected.size() - before;
    }

    private void firewall(Firewall firewall) {
        String id = relative(firewall.getSelfLink());
        String network = relative(firewall.getNetwork());
        var draft = add("gcp.compute.firewall", id, "global", firewall.getName(), Map.of())
                .prop("network", network)
                .prop("priority", firewall.hasPriority() ? firewall.getPriority() : 1000)
                .prop("direction", firewall.hasDirection() ? firewall.getDirection() : "INGRESS")
                .prop("sourceRanges", List.copyOf(firewall.getSourceRangesList()))
                .prop("targetTags", List.copyOf(firewall.getTargetTagsList()))
                .prop(
                        "allowed",
                        firewall.getAllowedList().stream()
                                .map(a -> protocolPorts(a.getIPProtocol(), a.getPortsList()))
                                .toList())
                .prop(
                        "denied",
                        firewall.getDeniedList().stream()
                                .map(d -> protocolPorts(d.getIPProtocol(), d.getPortsList()))
                                .toList())
                .prop("disabled", firewall.getDisabled())
                .prop("logConfig", Map.of("enable", firewall.getLogConfig().getEnable()));
        // Present only when used, as the API reports them.
        optionalList(draft, "sourceTags", firewall.getSourceTagsList());
        optionalList(draft, "sourceServiceAccounts", firewall.getSourceServiceAccountsList());
        optionalList(draft, "targetServiceAccounts", firewall.getTargetServiceAccountsList());
        optionalList(draft, "destinationRanges", firewall.getDestinationRangesList());
        edge(id, RelationshipType.MEMBER_OF_NETWORK, network);
    }

    private static Map<String, Object> protocolPorts(String protocol, List<String> ports) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("IPProtocol", protocol);
        if (!ports.isEmpty()) {
            rule.put("ports", List.copyOf(ports));
        }
        return rule;
    }

    private static void optionalList(EstateBuilder.Draft draft, String property, List<String> values) {
        if (!values.isEmpty()) {
            draft.prop(property, List.copyOf(values));
        }
    }

    /** The subnetworks of the regions in scope; returns how many were collected. */
    int subnetworks() {
        if (!wanted("gcp.compute.subnetwork")) {
            return 0;
        }
        int before = collected.size();
        var request = AggregatedListSubnetworksRequest.newBuilder()
                .setProject(project)
                .build();
        var scopes = call(
                "compute.subnetworks.aggregatedList",
                () -> all(clients.subnetworks().aggregatedList(request).iterateAll()));
        for (var scope : scopes) {
            if (!inScope(last(scope.getKey()))) {
                continue;
            }
            for (Subnetwork subnet : scope.getValue().getSubnetworksList()) {
                String id = relative(subnet.getSelfLink());
                String network = relative(subnet.getNetwork());
                add("gcp.compute.subnetwork", id, last(subnet.getRegion()), subnet.getName(), Map.of())
                        .prop("ipCidrRange", subnet.getIpCidrRange())
                        .prop("network", network)
                        .prop("privateIpGoogleAccess", subnet.getPrivateIpGoogleAccess());
                edge(id, RelationshipType.MEMBER_OF_NETWORK, network);
            }
        }
        return collected.size() - before;
    }

    /** The instances and disks of the zones in scope; returns how many were collected. */
    int instancesAndDisks() {
        if (!wanted("gcp.compute.instance") && !wanted("gcp.compute.disk")) {
            return 0;
        }
        int before = collected.size();
        // Disks first: an instance's source image is its boot disk's.
        var diskRequest =
                AggregatedListDisksRequest.newBuilder().setProject(project).build();
        var diskScopes = call(
                "compute.disks.aggregatedList",
                () -> all(clients.disks().aggregatedList(diskRequest).iterateAll()));
        for (var scope : diskScopes) {
            for (Disk disk : scope.getValue().getDisksList()) {
                disk(scope.getKey(), disk);
            }
        }
        if (wanted("gcp.compute.instance")) {
            var request = AggregatedListInstancesRequest.newBuilder()
                    .setProject(project)
                    .build();
            var scopes = call(
                    "compute.instances.aggregatedList",
                    () -> all(clients.instances().aggregatedList(request).iterateAll()));
            for (var scope : scopes) {
                String zone = last(scope.getKey());
                if (!inScope(regionOf(zone))) {
                    continue;
                }
                for (Instance instance : scope.getValue().getInstancesList()) {
                    instance(zone, instance);
                }
            }
        }
        return collected.size() - before;
    }

    private void disk(String scopeKey, Disk disk) {
        String location = last(scopeKey);
        String id = relative(disk.getSelfLink());
        if (disk.hasSourceImage()) {
            diskImages.put(id, relative(disk.getSourceImage()));
        }
        boolean zonal = scopeKey.startsWith("zones/");
        if (!wanted("gcp.compute.disk") || !inScope(zonal ? regionOf(location) : location)) {
            return;
        }
        add("gcp.compute.disk", id, location, disk.getName(), disk.getLabelsMap())
                .prop("sizeGb", disk.getSizeGb())
                .prop("type", last(disk.getType()))
                .prop("status", disk.getStatus());
        for (String user : disk.getUsersList()) {
            edge(id, RelationshipType.ATTACHED_TO, relative(user));
        }
    }

    private void instance(String zone, Instance instance) {
        String id = relative(instance.getSelfLink());
        var draft = add("gcp.compute.instance", id, zone, instance.getName(), instance.getLabelsMap())
                .prop("machineType", last(instance.getMachineType()))
                .prop("status", instance.getStatus())
                .prop("tags", Map.of("items", List.copyOf(instance.getTags().getItemsList())))
                .prop(
                        "networkInterfaces",
                        instance.getNetworkInterfacesList().stream()
                                .map(GcpCollector::networkInterface)
                                .toList())
                .prop(
                        "serviceAccounts",
                        instance.getServiceAccountsList().stream()
                                .map(a -> Map.of("email", a.getEmail(), "scopes", List.copyOf(a.getScopesList())))
                                .toList())
                .prop(
                        "shieldedInstanceConfig",
                        Map.of(
                                "enableSecureBoot",
                                instance.getShieldedInstanceConfig().getEnableSecureBoot()))
                .prop(
                        "metadata",
                        Map.of(
                                "items",
                                instance.getMetadata().getItemsList().stream()
                                        .filter(i -> METADATA_KEYS.contains(i.getKey()))
                                        .map(GcpCollector::metadataItem)
                                        .toList()));
        instance.getDisksList().stream()
                .filter(AttachedDisk::getBoot)
                .map(d -> diskImages.get(relative(d.getSource())))
                .filter(image -> image != null)
                .findFirst()
                .ifPresent(image -> draft.prop("sourceImage", image));
        for (NetworkInterface nic : instance.getNetworkInterfacesList()) {
            if (nic.hasSubnetwork()) {
                edge(id, RelationshipType.PART_OF_SUBNET, relative(nic.getSubnetwork()));
            }
        }
    }

    private static Map<String, Object> networkInterface(NetworkInterface nic) {
        var out = new LinkedHashMap<String, Object>();
        out.put("network", relative(nic.getNetwork()));
        if (nic.hasSubnetwork()) {
            out.put("subnetwork", relative(nic.getSubnetwork()));
        }
        out.put("networkIP", nic.getNetworkIP());
        if (nic.getAccessConfigsCount() > 0) {
            out.put(
                    "accessConfigs",
                    nic.getAccessConfigsList().stream()
                            .map(a -> {
                                var config = new LinkedHashMap<String, Object>();
                                config.put("type", a.getType());
                                if (a.hasNatIP()) {
                                    config.put("natIP", a.getNatIP());
                                }
                                return config;
                            })
                            .toList());
        }
        return out;
    }

    private static Map<String, Object> metadataItem(Items item) {
        return Map.of("key", item.getKey(), "value", item.getValue());
    }

    /** Adds the edges whose both ends were collected. */
    void link() {
        var seen = new HashSet<String>();
        for (Edge e : edges) {
            if (collected.contains(e.from())
                    && collected.contains(e.to())
                    && seen.add(e.from() + "|" + e.type() + "|" + e.to())) {
                builder.edge(e.from(), e.type(), e.to());
            }
        }
    }
}
