package io.sirsi.mcp.azure;

import static io.sirsi.mcp.azure.AzureCollector.obj;
import static io.sirsi.mcp.azure.AzureCollector.prop;
import static io.sirsi.mcp.azure.AzureCollector.text;

import com.azure.resourcemanager.sql.fluent.SqlManagementClient;
import com.azure.resourcemanager.sql.fluent.models.DatabaseInner;
import com.azure.resourcemanager.sql.fluent.models.FirewallRuleInner;
import com.azure.resourcemanager.sql.fluent.models.ServerInner;
import com.azure.resourcemanager.sql.models.TransparentDataEncryptionName;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.PublicAccessType;
import io.sirsi.mcp.inventory.RelationshipType;
import java.util.Set;

/**
 * The data services of one subscription: Azure SQL servers with their firewall rules and databases
 * (Resource Manager), and storage accounts (Resource Manager) with their Blob containers (the Blob
 * service of each account, which needs a data-plane role such as Storage Blob Data Reader).
 */
final class DataServicesReader {
    private final AzureCollector collector;

    DataServicesReader(AzureCollector collector) {
        this.collector = collector;
    }

    int sql() {
        if (Set.of("azure.sql.server", "azure.sql.firewall-rule", "azure.sql.database").stream()
                .noneMatch(collector::wanted)) {
            return 0;
        }
        int before = collector.count();
        SqlManagementClient sql = collector.arm().sqlServers().manager().serviceClient();
        for (ServerInner server :
                collector.list("listing SQL servers", () -> sql.getServers().list())) {
            if (!collector.in(server.location())) {
                continue;
            }
            String group = AzureCollector.group(server.id());
            if (collector.wanted("azure.sql.server")) {
                var draft =
                        collector.add("azure.sql.server", server.id(), server.location(), server.name(), server.tags());
                prop(draft, "version", server.version());
                prop(draft, "publicNetworkAccess", text(server.publicNetworkAccess()));
                prop(draft, "minimalTlsVersion", server.minimalTlsVersion());
                prop(draft, "administratorLogin", server.administratorLogin());
            }
            if (collector.wanted("azure.sql.firewall-rule")) {
                for (FirewallRuleInner rule : collector.list(
                        "listing the firewall rules of SQL server " + server.name(),
                        () -> sql.getFirewallRules().listByServer(group, server.name()))) {
                    var draft =
                            collector.add("azure.sql.firewall-rule", rule.id(), server.location(), rule.name(), null);
                    prop(draft, "startIpAddress", rule.startIpAddress());
                    prop(draft, "endIpAddress", rule.endIpAddress());
                    collector.edge(rule.id(), RelationshipType.ATTACHED_TO, server.id());
                }
            }
            if (collector.wanted("azure.sql.database")) {
                for (DatabaseInner db :
                        collector.list("listing the databases of SQL server " + server.name(), () -> sql.getDatabases()
                                .listByServer(group, server.name()))) {
                    // The master database is the server's own, listed with every server.
                    if (!db.name().equalsIgnoreCase("master")) {
                        database(sql, group, server, db);
                    }
                }
            }
        }
        return collector.count() - before;
    }

    private void database(SqlManagementClient sql, String group, ServerInner server, DatabaseInner db) {
        var tde = collector.read(
                "reading transparent data encryption of database " + db.name(),
                () -> sql.getTransparentDataEncryptions()
                        .get(group, server.name(), db.name(), TransparentDataEncryptionName.CURRENT));
        var draft = collector.add("azure.sql.database", db.id(), db.location(), db.name(), db.tags());
        prop(
                draft,
                "sku",
                db.sku() == null
                        ? null
                        : obj("name", db.sku().name(), "tier", db.sku().tier()));
        prop(draft, "transparentDataEncryption", tde == null ? null : obj("state", tde.state()));
        prop(draft, "maxSizeBytes", db.maxSizeBytes());
        prop(draft, "zoneRedundant", db.zoneRedundant());
        collector.edge(db.id(), RelationshipType.ATTACHED_TO, server.id());
    }

    int storage() {
        if (!collector.wanted("azure.storage.account") && !collector.wanted("azure.storage.container")) {
            return 0;
        }
        int before = collector.count();
        var storage = collector.arm().storageAccounts().manager().serviceClient();
        for (StorageAccountInner account : collector.list(
                "listing storage accounts", () -> storage.getStorageAccounts().list())) {
            if (!collector.in(account.location())) {
                continue;
            }
            if (collector.wanted("azure.storage.account")) {
                account(account);
            }
            String blob = account.primaryEndpoints() == null
                    ? null
                    : account.primaryEndpoints().blob();
            if (collector.wanted("azure.storage.container") && blob != null) {
                containers(account, blob);
            }
        }
        return collector.count() - before;
    }

    private void account(StorageAccountInner account) {
        var draft = collector.add(
                "azure.storage.account", account.id(), account.location(), account.name(), account.tags());
        prop(draft, "kind", text(account.kind()));
        prop(
                draft,
                "sku",
                account.sku() == null ? null : obj("name", account.sku().name()));
        prop(draft, "allowBlobPublicAccess", account.allowBlobPublicAccess());
        prop(draft, "minimumTlsVersion", text(account.minimumTlsVersion()));
        prop(draft, "supportsHttpsTrafficOnly", account.enableHttpsTrafficOnly());
        var encryption = account.encryption();
        if (encryption != null) {
            var blob =
                    encryption.services() == null ? null : encryption.services().blob();
            draft.prop(
                    "encryption",
                    obj(
                            "services",
                            blob == null ? null : obj("blob", obj("enabled", blob.enabled())),
                            "keySource",
                            encryption.keySource()));
        }
        prop(
                draft,
                "networkAcls",
                account.networkRuleSet() == null
                        ? null
                        : obj("defaultAction", account.networkRuleSet().defaultAction()));
    }

    private void containers(StorageAccountInner account, String endpoint) {
        var service = collector.clients().blobs(endpoint);
        for (BlobContainerItem container : collector.list(
                "listing the blob containers of storage account " + account.name(), service::listBlobContainers)) {
            String id = account.id() + "/blobServices/default/containers/" + container.getName();
            PublicAccessType access = container.getProperties() == null
                    ? null
                    : container.getProperties().getPublicAccess();
            collector
                    .add("azure.storage.container", id, account.location(), container.getName(), null)
                    .prop("publicAccess", publicAccess(access));
            collector.edge(id, RelationshipType.ATTACHED_TO, account.id());
        }
    }

    /** The Blob service's access level under Resource Manager's names, as the demo estates write it. */
    private static String publicAccess(PublicAccessType access) {
        if (PublicAccessType.CONTAINER.equals(access)) {
            return "Container";
        }
        if (PublicAccessType.BLOB.equals(access)) {
            return "Blob";
        }
        return "None";
    }
}
