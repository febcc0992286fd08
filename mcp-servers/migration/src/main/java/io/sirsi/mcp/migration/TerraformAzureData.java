package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.attr;
import static io.sirsi.mcp.migration.IacExpr.concat;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.List;

/**
 * The data side of {@link TerraformAzure}: PostgreSQL, MySQL or SQL Server behind a private endpoint with
 * its private DNS zone, a storage account with one private container, a user-assigned identity with its
 * role assignments.
 */
final class TerraformAzureData {
    private final TerraformAzure azure;

    TerraformAzureData(TerraformAzure azure) {
        this.azure = azure;
    }

    void database(TargetResource r, IacProps props) {
        String engine = props.choice("engine", null, "postgres", "mysql", "sqlserver");
        String password = props.secret("password", azure.p.model);
        boolean ha = props.flag("highAvailability", false);
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Database " + r.name() + " lists no subnets");
        }
        IacResource server;
        String fqdn = "fqdn";
        switch (engine) {
            case "postgres" ->
                server = azure.located("azurerm_postgresql_flexible_server", r, 60)
                        .set("version", String.valueOf(props.value("version")).split("\\.")[0])
                        .set("sku_name", IacAzure.DbSku.of(r, props).terraform())
                        .set("storage_mb", IacAzure.postgresStorageGb(props.number("storageGb")) * 1024)
                        .set("administrator_login", IacAzure.DB_ADMIN)
                        .set("administrator_password", var(password))
                        .set("public_network_access_enabled", false)
                        .set("backup_retention_days", 7)
                        .set("high_availability", ha ? IacBlock.one(fields("mode", "ZoneRedundant")) : null);
            case "mysql" ->
                server = azure.located("azurerm_mysql_flexible_server", r, 60)
                        .set("version", IacAzure.mysqlVersion(props.value("version")))
                        .set("sku_name", IacAzure.DbSku.of(r, props).terraform())
                        .set("administrator_login", IacAzure.DB_ADMIN)
                        .set("administrator_password", var(password))
                        .set("backup_retention_days", 7)
                        .set("storage", IacBlock.one(fields("size_gb", Math.max(20, props.number("storageGb")))))
                        .set("high_availability", ha ? IacBlock.one(fields("mode", "ZoneRedundant")) : null);
            default -> {
                server = azure.located("azurerm_mssql_server", r, 60)
                        .set("version", "12.0")
                        .set("administrator_login", IacAzure.DB_ADMIN)
                        .set("administrator_login_password", var(password))
                        .set("minimum_tls_version", "1.2")
                        .set("public_network_access_enabled", false);
                fqdn = "fully_qualified_domain_name";
                azure.p
                        .derivedResource("azurerm_mssql_database", r.name(), "database")
                        .set("name", IacNames.dashed(r.name(), 60))
                        .set("server_id", attr(server.symbol, "id"))
                        .set("sku_name", props.value("size"))
                        .set("max_size_gb", props.value("storageGb"))
                        .set("zone_redundant", ha)
                        .set("tags", azure.tags(r));
            }
        }
        server.set("tags", azure.tags(r));
        if (r.existingId().isPresent()) {
            server.ignoreChanges.addAll(List.of("administrator_password", "administrator_login_password"));
        }
        String zone = privateZone(engine, IacAzure.networkOf(azure.p.model, subnets.getFirst()));
        azure.derived("azurerm_private_endpoint", r.name(), "endpoint", 60)
                .set("subnet_id", azure.id(subnets.getFirst()))
                .set(
                        "private_service_connection",
                        IacBlock.one(fields(
                                "name", IacNames.dashed(r.name(), 60),
                                "private_connection_resource_id", attr(server.symbol, "id"),
                                "subresource_names", List.of(IacAzure.privateLinkGroup(engine)),
                                "is_manual_connection", false)))
                .set(
                        "private_dns_zone_group",
                        IacBlock.one(fields("name", "default", "private_dns_zone_ids", List.of(attr(zone, "id")))))
                .set("tags", azure.tags(r));
        azure.p.output(r.name() + "_fqdn", attr(server.symbol, fqdn));
    }

    /** The private DNS zone of {@code engine}, and its link to {@code network}, each added once. */
    String privateZone(String engine, String network) {
        String zone = azure.p.shared(engine + "_private_zone");
        if (azure.p.resources.stream().noneMatch(r -> r.symbol.equals(zone))) {
            azure.p
                    .sharedResource("azurerm_private_dns_zone", engine + "_private_zone")
                    .set("name", IacAzure.privateZone(engine))
                    .set("resource_group_name", attr(azure.group, "name"));
        }
        String link = azure.p.shared(engine + "_private_zone_" + network);
        if (azure.p.resources.stream().noneMatch(r -> r.symbol.equals(link))) {
            azure.p
                    .sharedResource(
                            "azurerm_private_dns_zone_virtual_network_link", engine + "_private_zone_" + network)
                    .set("name", IacNames.prefixed(network, engine, 60))
                    .set("resource_group_name", attr(azure.group, "name"))
                    .set("private_dns_zone_name", attr(zone, "name"))
                    .set("virtual_network_id", azure.id(network))
                    .set("registration_enabled", false);
        }
        return zone;
    }

    void bucket(TargetResource r, IacProps props) {
        IacResource account = azure.p.resource("azurerm_storage_account", r);
        if (r.existingId().isPresent()) {
            IacAzure.AzureId id = IacAzure.AzureId.parse(r);
            account.set("name", id.name()).set("resource_group_name", id.resourceGroup());
        } else {
            account.set("name", TerraformAzure.storageAccountName(r.name()))
                    .set("resource_group_name", attr(azure.group, "name"));
        }
        account.set("location", attr(azure.group, "location"))
                .set("account_tier", "Standard")
                .set("account_replication_type", "LRS")
                .set("account_kind", "StorageV2")
                .set("access_tier", IacStorageClass.of(props).azure())
                .set("min_tls_version", "TLS1_2")
                .set("https_traffic_only_enabled", true)
                .set("allow_nested_items_to_be_public", false)
                .set("blob_properties", IacBlock.one(fields("versioning_enabled", props.flag("versioning", false))))
                .set("tags", azure.tags(r));
        azure.p
                .derivedResource("azurerm_storage_container", r.name(), "container")
                .set("name", TerraformAzure.containerName(props))
                .set("storage_account_id", attr(account.symbol, "id"))
                .set("container_access_type", "private");
        azure.p.output(r.name() + "_blob_endpoint", attr(account.symbol, "primary_blob_endpoint"));
    }

    void role(TargetResource r, IacProps props) {
        IacResource identity =
                azure.located("azurerm_user_assigned_identity", r, 60).set("tags", azure.tags(r));
        List<String> roles = props.texts("policies");
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            IacResource assignment = azure.p
                    .derivedResource("azurerm_role_assignment", r.name(), "role_" + i)
                    .set("scope", attr(azure.group, "id"));
            if (role.matches("[0-9a-fA-F-]{36}")) {
                String subscription = azure.p.lookup("azurerm_subscription", "current", fields());
                assignment.set(
                        "role_definition_id",
                        concat(attr(subscription, "id"), "/providers/Microsoft.Authorization/roleDefinitions/" + role));
            } else {
                assignment.set("role_definition_name", role);
            }
            assignment
                    .set("principal_id", attr(identity.symbol, "principal_id"))
                    .set("principal_type", "ServicePrincipal");
        }
        azure.p.output(r.name() + "_client_id", attr(identity.symbol, "client_id"));
    }
}
