package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi's Azure Native provider: ARM resources with their {@code properties} flattened, the resource's name
 * under a type-specific key ({@code virtualNetworkName}), the parent's name for a child resource, and an
 * explicit resource group.
 */
final class PulumiAzure implements PulumiDialect {
    /** A token, the input that names the resource, and the input that names its parent (or null). */
    private record Shape(String token, String nameKey, String parentKey) {}

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry(
                    "Microsoft.Network/virtualNetworks",
                    new Shape("azure-native:network:VirtualNetwork", "virtualNetworkName", null)),
            Map.entry(
                    "Microsoft.Network/virtualNetworks/subnets",
                    new Shape("azure-native:network:Subnet", "subnetName", "virtualNetworkName")),
            Map.entry(
                    "Microsoft.Network/networkSecurityGroups",
                    new Shape("azure-native:network:NetworkSecurityGroup", "networkSecurityGroupName", null)),
            Map.entry(
                    "Microsoft.Network/applicationSecurityGroups",
                    new Shape("azure-native:network:ApplicationSecurityGroup", "applicationSecurityGroupName", null)),
            Map.entry(
                    "Microsoft.Network/publicIPAddresses",
                    new Shape("azure-native:network:PublicIPAddress", "publicIpAddressName", null)),
            Map.entry(
                    "Microsoft.Network/networkInterfaces",
                    new Shape("azure-native:network:NetworkInterface", "networkInterfaceName", null)),
            Map.entry(
                    "Microsoft.Network/loadBalancers",
                    new Shape("azure-native:network:LoadBalancer", "loadBalancerName", null)),
            Map.entry(
                    "Microsoft.Network/privateEndpoints",
                    new Shape("azure-native:network:PrivateEndpoint", "privateEndpointName", null)),
            Map.entry(
                    "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                    new Shape(
                            "azure-native:network:PrivateDnsZoneGroup",
                            "privateDnsZoneGroupName",
                            "privateEndpointName")),
            Map.entry(
                    "Microsoft.Network/privateDnsZones",
                    new Shape("azure-native:network:PrivateZone", "privateZoneName", null)),
            Map.entry(
                    "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
                    new Shape("azure-native:network:VirtualNetworkLink", "virtualNetworkLinkName", "privateZoneName")),
            Map.entry(
                    "Microsoft.Compute/virtualMachines",
                    new Shape("azure-native:compute:VirtualMachine", "vmName", null)),
            Map.entry(
                    "Microsoft.DBforPostgreSQL/flexibleServers",
                    new Shape("azure-native:dbforpostgresql:Server", "serverName", null)),
            Map.entry(
                    "Microsoft.DBforMySQL/flexibleServers",
                    new Shape("azure-native:dbformysql:Server", "serverName", null)),
            Map.entry("Microsoft.Sql/servers", new Shape("azure-native:sql:Server", "serverName", null)),
            Map.entry(
                    "Microsoft.Sql/servers/databases",
                    new Shape("azure-native:sql:Database", "databaseName", "serverName")),
            Map.entry(
                    "Microsoft.Storage/storageAccounts",
                    new Shape("azure-native:storage:StorageAccount", "accountName", null)),
            Map.entry(
                    "Microsoft.Storage/storageAccounts/blobServices",
                    new Shape("azure-native:storage:BlobServiceProperties", "blobServicesName", "accountName")),
            Map.entry(
                    "Microsoft.Storage/storageAccounts/blobServices/containers",
                    new Shape("azure-native:storage:BlobContainer", "containerName", "accountName")),
            Map.entry(
                    "Microsoft.ManagedIdentity/userAssignedIdentities",
                    new Shape("azure-native:managedidentity:UserAssignedIdentity", "resourceName", null)),
            Map.entry(
                    "Microsoft.Authorization/roleAssignments",
                    new Shape("azure-native:authorization:RoleAssignment", null, null)));

    private final IacProgram program;
    private final String group;

    PulumiAzure(IacProgram program, String group) {
        this.program = program;
        this.group = group;
    }

    @Override
    public String providerType() {
        return "pulumi:providers:azure-native";
    }

    @Override
    public Map<String, Object> providerProperties() {
        return IacResource.fields("location", IacExpr.var(IacNames.REGION));
    }

    @Override
    public String token(IacResource resource) {
        return shape(resource).token();
    }

    @Override
    public Map<String, Object> properties(IacResource resource) {
        Shape shape = shape(resource);
        Map<String, Object> out = new LinkedHashMap<>();
        if (shape.nameKey() != null) {
            out.put(shape.nameKey(), resource.body.get("name"));
        }
        if (shape.parentKey() != null) {
            IacResource parent = find(resource.parent);
            // A blob container names its account, the parent of its blob service.
            if (resource.type.startsWith("Microsoft.Storage/storageAccounts/blobServices/containers")) {
                parent = find(parent.parent);
            }
            out.put(shape.parentKey(), IacExpr.attr(parent.symbol, "name"));
        }
        if (resource.type.startsWith("Microsoft.Authorization/roleAssignments")) {
            out.put("scope", IacExpr.attr(group, "id"));
        } else {
            out.put("resourceGroupName", resourceGroup(resource));
        }
        resource.body.forEach((key, value) -> {
            if (key.equals("properties")) {
                out.putAll(flatten((Map<?, ?>) value));
            } else if (!key.equals("name")) {
                out.put(key, flattenValue(value));
            }
        });
        return out;
    }

    /** The resource group of {@code resource}: an imported ancestor's own, else the program's. */
    private Object resourceGroup(IacResource resource) {
        IacResource top = resource;
        while (top.parent != null) {
            top = find(top.parent);
        }
        if (top.importId.isPresent()) {
            String symbol = top.symbol;
            TargetResource target = program.model.resources().stream()
                    .filter(t -> program.symbol(t.name()).equals(symbol))
                    .findFirst()
                    .orElseThrow();
            return IacAzure.AzureId.parse(target).resourceGroup();
        }
        return IacExpr.attr(group, "name");
    }

    private static Map<String, Object> flatten(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k.equals("properties") && v instanceof Map<?, ?> inner) {
                out.putAll(flatten(inner));
            } else {
                out.put(String.valueOf(k), flattenValue(v));
            }
        });
        return out;
    }

    private static Object flattenValue(Object value) {
        return switch (value) {
            case Map<?, ?> map -> flatten(map);
            case List<?> list -> list.stream().map(PulumiAzure::flattenValue).toList();
            default -> value;
        };
    }

    @Override
    public String function(IacResource lookup) {
        throw new IllegalStateException("no Azure lookups");
    }

    @Override
    public Map<String, Object> arguments(IacResource lookup) {
        throw new IllegalStateException("no Azure lookups");
    }

    @Override
    public String path(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("\\.")));
        segments.removeIf(s -> s.equals("properties"));
        return String.join(".", segments);
    }

    @Override
    public List<String> ignoreChanges(IacResource resource) {
        return resource.ignoreChanges;
    }

    private IacResource find(String symbol) {
        return program.resources.stream()
                .filter(r -> r.symbol.equals(symbol))
                .findFirst()
                .orElseThrow();
    }

    private static Shape shape(IacResource resource) {
        Shape shape = SHAPES.get(resource.type.substring(0, resource.type.indexOf('@')));
        if (shape == null) {
            throw new IllegalStateException("no Azure Native token for " + resource.type);
        }
        return shape;
    }
}
