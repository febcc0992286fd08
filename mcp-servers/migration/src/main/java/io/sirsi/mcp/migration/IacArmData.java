package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.attr;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.List;

/**
 * The data side of {@link IacArm}: databases behind private endpoints (with their private DNS zones),
 * storage accounts with a blob container, and user-assigned identities with their role assignments.
 */
final class IacArmData {
    private final IacArm arm;

    IacArmData(IacArm arm) {
        this.arm = arm;
    }

    void database(TargetResource r, IacProps props) {
        String engine = props.choice("engine", null, "postgres", "mysql", "sqlserver");
        String password = props.secret("password", arm.p.model);
        boolean ha = props.flag("highAvailability", false);
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Database " + r.name() + " lists no subnets");
        }
        IacResource server;
        switch (engine) {
            case "postgres", "mysql" -> {
                IacAzure.DbSku sku = IacAzure.DbSku.of(r, props);
                boolean postgres = engine.equals("postgres");
                server = arm.located(
                                postgres
                                        ? "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
                                        : "Microsoft.DBforMySQL/flexibleServers@2023-12-30",
                                r,
                                60)
                        .set("sku", fields("name", sku.name(), "tier", sku.tier()))
                        .set("tags", arm.tags(r))
                        .set(
                                "properties",
                                fields(
                                        "version",
                                                postgres
                                                        ? String.valueOf(props.value("version"))
                                                                .split("\\.")[0]
                                                        : IacAzure.mysqlVersion(props.value("version")),
                                        "administratorLogin", IacAzure.DB_ADMIN,
                                        "administratorLoginPassword", var(password),
                                        "storage",
                                                fields(
                                                        "storageSizeGB",
                                                        postgres
                                                                ? IacAzure.postgresStorageGb(props.number("storageGb"))
                                                                : Math.max(20, props.number("storageGb"))),
                                        "backup", fields("backupRetentionDays", 7),
                                        "highAvailability", fields("mode", ha ? "ZoneRedundant" : "Disabled"),
                                        "network", fields("publicNetworkAccess", "Disabled")));
            }
            default -> {
                server = arm.located("Microsoft.Sql/servers@2021-11-01", r, 60)
                        .set("tags", arm.tags(r))
                        .set(
                                "properties",
                                fields(
                                        "administratorLogin", IacAzure.DB_ADMIN,
                                        "administratorLoginPassword", var(password),
                                        "version", "12.0",
                                        "minimalTlsVersion", "1.2",
                                        "publicNetworkAccess", "Disabled"));
                IacResource database = arm.p
                        .derivedResource("Microsoft.Sql/servers/databases@2021-11-01", r.name(), "database")
                        .set("name", IacNames.dashed(r.name(), 60))
                        .set("location", var(IacNames.REGION))
                        .set("sku", fields("name", props.value("size")))
                        .set("tags", arm.tags(r))
                        .set(
                                "properties",
                                fields(
                                        "maxSizeBytes",
                                        (long) props.number("storageGb") * 1024 * 1024 * 1024,
                                        "zoneRedundant",
                                        ha));
                database.parent = server.symbol;
            }
        }
        String zone = privateZone(engine, IacAzure.networkOf(arm.p.model, subnets.getFirst()));
        IacResource endpoint = arm.derived(
                        "Microsoft.Network/privateEndpoints" + IacArm.NETWORK, r.name(), "endpoint", 60)
                .set("tags", arm.tags(r))
                .set(
                        "properties",
                        fields(
                                "subnet", arm.id(subnets.getFirst()),
                                "privateLinkServiceConnections",
                                        List.of(fields(
                                                "name", IacNames.dashed(r.name(), 60),
                                                "properties",
                                                        fields(
                                                                "privateLinkServiceId", attr(server.symbol, "id"),
                                                                "groupIds",
                                                                        List.of(IacAzure.privateLinkGroup(engine)))))));
        IacResource group = arm.p
                .derivedResource(
                        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups" + IacArm.NETWORK, r.name(), "dns")
                .set("name", "default")
                .set(
                        "properties",
                        fields(
                                "privateDnsZoneConfigs",
                                List.of(fields(
                                        "name",
                                        "default",
                                        "properties",
                                        fields("privateDnsZoneId", attr(zone, "id"))))));
        group.parent = endpoint.symbol;
        arm.p.output(r.name() + "_fqdn", attr(server.symbol, "properties.fullyQualifiedDomainName"));
    }

    String privateZone(String engine, String network) {
        String zone = arm.p.shared(engine + "_private_zone");
        if (arm.p.resources.stream().noneMatch(r -> r.symbol.equals(zone))) {
            arm.p
                    .sharedResource("Microsoft.Network/privateDnsZones@2020-06-01", engine + "_private_zone")
                    .set("name", IacAzure.privateZone(engine))
                    .set("location", "global");
        }
        String link = arm.p.shared(engine + "_private_zone_" + network);
        if (arm.p.resources.stream().noneMatch(r -> r.symbol.equals(link))) {
            arm.p
                    .sharedResource(
                            "Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01",
                            engine + "_private_zone_" + network)
                    .set("name", IacNames.prefixed(network, engine, 60))
                    .set("location", "global")
                    .set("properties", fields("registrationEnabled", false, "virtualNetwork", arm.id(network)))
                    .parent = zone;
        }
        return zone;
    }

    void bucket(TargetResource r, IacProps props) {
        Object name = r.existingId().isPresent()
                ? IacAzure.AzureId.parse(r).name()
                : TerraformAzure.storageAccountName(r.name());
        IacResource account = arm.p
                .resource("Microsoft.Storage/storageAccounts@2023-01-01", r)
                .set("name", name)
                .set("location", var(IacNames.REGION))
                .set("sku", fields("name", "Standard_LRS"))
                .set("kind", "StorageV2")
                .set("tags", arm.tags(r))
                .set(
                        "properties",
                        fields(
                                "accessTier",
                                IacStorageClass.of(props).azure(),
                                "minimumTlsVersion",
                                "TLS1_2",
                                "supportsHttpsTrafficOnly",
                                true,
                                "allowBlobPublicAccess",
                                false));
        IacResource blobs = arm.p
                .derivedResource("Microsoft.Storage/storageAccounts/blobServices@2023-01-01", r.name(), "blobs")
                .set("name", "default")
                .set("properties", fields("isVersioningEnabled", props.flag("versioning", false)));
        blobs.parent = account.symbol;
        arm.p
                .derivedResource(
                        "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01", r.name(), "container")
                .set("name", TerraformAzure.containerName(props))
                .set("properties", fields("publicAccess", "None"))
                .parent = blobs.symbol;
        arm.p.output(r.name() + "_blob_endpoint", attr(account.symbol, "properties.primaryEndpoints.blob"));
    }

    void role(TargetResource r, IacProps props) {
        IacResource identity = arm.located("Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31", r, 60)
                .set("tags", arm.tags(r));
        List<String> roles = props.texts("policies");
        for (int i = 0; i < roles.size(); i++) {
            String definition = IacAzure.roleDefinition(roles.get(i), r.name());
            arm.p
                    .derivedResource("Microsoft.Authorization/roleAssignments@2022-04-01", r.name(), "role_" + i)
                    .set(
                            "name",
                            new IacExpr.Guid(List.of(
                                    new IacArm.Raw("resourceGroup().id"), identity.body.get("name"), definition)))
                    .set(
                            "properties",
                            fields(
                                    "roleDefinitionId",
                                    new IacExpr.ResourceId(
                                            true, "Microsoft.Authorization/roleDefinitions", List.of(definition)),
                                    "principalId",
                                    attr(identity.symbol, "properties.principalId"),
                                    "principalType",
                                    "ServicePrincipal"));
        }
        arm.p.output(r.name() + "_client_id", attr(identity.symbol, "properties.clientId"));
    }
}
