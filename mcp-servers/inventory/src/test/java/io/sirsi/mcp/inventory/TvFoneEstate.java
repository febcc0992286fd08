package io.sirsi.mcp.inventory;

import static io.sirsi.mcp.inventory.RelationshipType.ATTACHED_TO;
import static io.sirsi.mcp.inventory.RelationshipType.CONNECTS_TO;
import static io.sirsi.mcp.inventory.RelationshipType.EXPOSES;
import static io.sirsi.mcp.inventory.RelationshipType.MEMBER_OF_NETWORK;
import static io.sirsi.mcp.inventory.RelationshipType.MEMBER_OF_SECURITY_GROUP;
import static io.sirsi.mcp.inventory.RelationshipType.PART_OF_SUBNET;
import static io.sirsi.mcp.inventory.RelationshipType.STORES_DATA_IN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TVFone, a media company on Azure: web VMs behind a load balancer, video encoders, a transcoding scale
 * set, VNets and NSGs, Blob storage for media, Azure SQL for subscribers, a CDN, and a legacy playout
 * server. Planted findings: RDP open to the internet on the encoders, a public blob container, TLS 1.0
 * allowed on a storage account, an Azure SQL firewall rule that admits everyone, transparent data
 * encryption off, and Windows Server 2008 R2.
 */
final class TvFoneEstate {
    static final String PROD = "8f3c1d2e-5b6a-4c7d-9e8f-0a1b2c3d4e51";
    static final String MEDIA = "8f3c1d2e-5b6a-4c7d-9e8f-0a1b2c3d4e52";
    static final String WEU = "westeurope";
    static final String NEU = "northeurope";
    private static final Instant AT = Instant.parse("2026-11-01T06:00:00Z");

    private final EstateBuilder b = new EstateBuilder("azure", "demo:tvfone", "tvfone-2026-11-01", AT);

    static Inventory build() {
        return new TvFoneEstate().define();
    }

    private static String id(String sub, String group, String provider, String path) {
        return "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/" + provider + "/" + path;
    }

    private static Map<String, Object> rule(
            String name, int priority, String access, String protocol, String source, String ports) {
        var r = new LinkedHashMap<String, Object>();
        r.put("name", name);
        r.put("priority", priority);
        r.put("direction", "Inbound");
        r.put("access", access);
        r.put("protocol", protocol);
        r.put("sourceAddressPrefix", source);
        r.put("sourcePortRange", "*");
        r.put("destinationAddressPrefix", "*");
        r.put("destinationPortRange", ports);
        return r;
    }

    private String nsg(String sub, String group, String name, List<Map<String, Object>> rules) {
        String nsg = id(sub, group, "Microsoft.Network", "networkSecurityGroups/" + name);
        b.add("azure.network.nsg", nsg, sub, WEU, name)
                .prop("securityRules", rules)
                .prop("provisioningState", "Succeeded");
        return nsg;
    }

    private String vm(
            String sub,
            String group,
            String name,
            String size,
            String os,
            Map<String, Object> image,
            String subnet,
            String nsg,
            double cost,
            double[] util,
            Map<String, String> tags,
            String region) {
        String vm = id(sub, group, "Microsoft.Compute", "virtualMachines/" + name);
        var draft = b.add("azure.compute.vm", vm, sub, region, name)
                .prop("hardwareProfile", Map.of("vmSize", size))
                .prop(
                        "storageProfile",
                        Map.of("imageReference", image, "osDisk", Map.of("osType", os, "name", name + "-osdisk")))
                .prop("osProfile", Map.of("computerName", name))
                .prop("powerState", "VM running")
                .prop("licenseType", os.equals("Windows") ? "Windows_Server" : "None")
                .cost(cost)
                .util(util[0], util[1], util[2], util[3], util[4], util[5]);
        tags.forEach(draft::tag);
        String nic = id(sub, group, "Microsoft.Network", "networkInterfaces/" + name + "-nic");
        b.add("azure.network.nic", nic, sub, region, name + "-nic")
                .prop(
                        "ipConfigurations",
                        List.of(Map.of(
                                "privateIPAddress",
                                "10.40." + (name.length() % 9) + "." + (name.hashCode() & 0x7f),
                                "subnet",
                                subnet)));
        b.edge(nic, ATTACHED_TO, vm);
        b.edge(nic, PART_OF_SUBNET, subnet);
        if (nsg != null) {
            b.edge(nsg, ATTACHED_TO, nic);
            b.edge(vm, MEMBER_OF_SECURITY_GROUP, nsg);
        }
        String disk = id(sub, group, "Microsoft.Compute", "disks/" + name + "-osdisk");
        b.add("azure.compute.disk", disk, sub, region, name + "-osdisk")
                .prop("sku", Map.of("name", "Premium_LRS"))
                .prop("diskSizeGB", os.equals("Windows") ? 128 : 64)
                .prop("encryption", Map.of("type", "EncryptionAtRestWithPlatformKey"))
                .prop("diskState", "Attached")
                .cost(os.equals("Windows") ? 19.71 : 10.21);
        b.edge(disk, ATTACHED_TO, vm);
        return vm;
    }

    private Inventory define() {
        b.account(PROD, "tvfone-prod", List.of(WEU, NEU));
        b.account(MEDIA, "tvfone-media", List.of(WEU));
        for (String[] rg : new String[][] {
            {PROD, "rg-web"},
            {PROD, "rg-data"},
            {PROD, "rg-network"},
            {MEDIA, "rg-encoding"},
            {MEDIA, "rg-media-storage"}
        }) {
            b.add(
                            "azure.resources.resource-group",
                            "/subscriptions/" + rg[0] + "/resourceGroups/" + rg[1],
                            rg[0],
                            WEU,
                            rg[1])
                    .prop("provisioningState", "Succeeded");
        }

        String vnet = id(PROD, "rg-network", "Microsoft.Network", "virtualNetworks/vnet-tvfone-prod");
        b.add("azure.network.vnet", vnet, PROD, WEU, "vnet-tvfone-prod")
                .prop("addressSpace", Map.of("addressPrefixes", List.of("10.40.0.0/16")));
        String vnetMedia = id(MEDIA, "rg-encoding", "Microsoft.Network", "virtualNetworks/vnet-encoding");
        b.add("azure.network.vnet", vnetMedia, MEDIA, WEU, "vnet-encoding")
                .prop("addressSpace", Map.of("addressPrefixes", List.of("10.41.0.0/16")));
        Map<String, String> subnets = new LinkedHashMap<>();
        for (String[] s : new String[][] {
            {PROD, "rg-network", "vnet-tvfone-prod", "snet-web", "10.40.1.0/24"},
            {PROD, "rg-network", "vnet-tvfone-prod", "snet-data", "10.40.2.0/24"},
            {PROD, "rg-network", "vnet-tvfone-prod", "snet-mgmt", "10.40.3.0/24"},
            {MEDIA, "rg-encoding", "vnet-encoding", "snet-encode", "10.41.1.0/24"},
            {MEDIA, "rg-encoding", "vnet-encoding", "snet-transcode", "10.41.2.0/24"}
        }) {
            String subnet = id(s[0], s[1], "Microsoft.Network", "virtualNetworks/" + s[2] + "/subnets/" + s[3]);
            b.add("azure.network.subnet", subnet, s[0], WEU, s[3]).prop("addressPrefix", s[4]);
            b.edge(subnet, MEMBER_OF_NETWORK, s[0].equals(PROD) ? vnet : vnetMedia);
            subnets.put(s[3], subnet);
        }

        String nsgWeb = nsg(
                PROD,
                "rg-network",
                "nsg-web",
                List.of(
                        rule("allow-https", 100, "Allow", "Tcp", "Internet", "443"),
                        rule("allow-http", 110, "Allow", "Tcp", "Internet", "80")));
        String nsgData = nsg(
                PROD,
                "rg-network",
                "nsg-data",
                List.of(rule("allow-sql-vnet", 100, "Allow", "Tcp", "VirtualNetwork", "1433")));
        String nsgMgmt = nsg(
                PROD,
                "rg-network",
                "nsg-mgmt",
                List.of(
                        rule("allow-ssh-office", 100, "Allow", "Tcp", "203.0.113.0/24", "22"),
                        rule("deny-all-inbound", 4000, "Deny", "*", "*", "*")));
        String nsgEncode = nsg(
                MEDIA,
                "rg-encoding",
                "nsg-encoders",
                List.of(
                        rule("RDP", 300, "Allow", "Tcp", "*", "3389"),
                        rule("allow-ingest", 310, "Allow", "Tcp", "VirtualNetwork", "1935")));
        b.edge(nsgWeb, ATTACHED_TO, subnets.get("snet-web"));
        b.edge(nsgData, ATTACHED_TO, subnets.get("snet-data"));
        b.edge(nsgMgmt, ATTACHED_TO, subnets.get("snet-mgmt"));
        b.edge(nsgEncode, ATTACHED_TO, subnets.get("snet-encode"));

        Map<String, Object> ubuntu =
                Map.of("publisher", "Canonical", "offer", "0001-com-ubuntu-server-jammy", "sku", "22_04-lts-gen2");
        Map<String, String> web = Map.of("environment", "prod", "workload", "tvfone-web");
        List<String> webVms = new ArrayList<>();
        double[][] webUtil = {{31, 62, 88, 47, 60, 71}, {29, 60, 85, 45, 58, 70}, {6, 11, 24, 20, 26, 31}};
        for (int i = 1; i <= 3; i++) {
            webVms.add(vm(
                    PROD,
                    "rg-web",
                    "vm-web-0" + i,
                    "Standard_D4s_v3",
                    "Linux",
                    ubuntu,
                    subnets.get("snet-web"),
                    nsgWeb,
                    140.16,
                    webUtil[i - 1],
                    web,
                    WEU));
        }
        String lbIp = id(PROD, "rg-web", "Microsoft.Network", "publicIPAddresses/pip-web-lb");
        b.add("azure.network.public-ip", lbIp, PROD, WEU, "pip-web-lb")
                .prop("ipAddress", "20.86.14.51")
                .prop("publicIPAllocationMethod", "Static")
                .cost(3.65);
        String lb = id(PROD, "rg-web", "Microsoft.Network", "loadBalancers/lb-web");
        b.add("azure.network.load-balancer", lb, PROD, WEU, "lb-web")
                .prop("sku", Map.of("name", "Standard"))
                .prop("loadBalancingRules", List.of(Map.of("frontendPort", 443, "backendPort", 443, "protocol", "Tcp")))
                .cost(18.25);
        b.edge(lbIp, ATTACHED_TO, lb);
        for (String w : webVms) {
            b.edge(lb, EXPOSES, w, Map.of("port", 443));
        }

        Map<String, Object> win2019 =
                Map.of("publisher", "MicrosoftWindowsServer", "offer", "WindowsServer", "sku", "2019-Datacenter");
        List<String> encoders = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            encoders.add(vm(
                    MEDIA,
                    "rg-encoding",
                    "vm-encoder-0" + i,
                    "Standard_F16s_v2",
                    "Windows",
                    win2019,
                    subnets.get("snet-encode"),
                    null,
                    1194.72,
                    new double[] {62, 94, 100, 55, 71, 80},
                    Map.of("Workload", "encoding", "Environment", "Production", "cost-center", "media-ops"),
                    WEU));
        }
        Map<String, Object> win2008 =
                Map.of("publisher", "MicrosoftWindowsServer", "offer", "WindowsServer", "sku", "2008-R2-SP1");
        String playout = vm(
                MEDIA,
                "rg-encoding",
                "vm-playout-legacy",
                "Standard_A4",
                "Windows",
                win2008,
                subnets.get("snet-encode"),
                null,
                350.40,
                new double[] {18, 35, 60, 62, 70, 77},
                Map.of("owner", "broadcast-eng"),
                WEU);
        String jump = vm(
                PROD,
                "rg-network",
                "vm-jumpbox",
                "Standard_B2s",
                "Linux",
                ubuntu,
                subnets.get("snet-mgmt"),
                nsgMgmt,
                30.37,
                new double[] {1, 3, 10, 22, 25, 30},
                Map.of("environment", "prod"),
                WEU);
        String drWeb = vm(
                PROD,
                "rg-web",
                "vm-web-dr-01",
                "Standard_D2s_v3",
                "Linux",
                ubuntu,
                subnets.get("snet-web"),
                nsgWeb,
                70.08,
                new double[] {2, 4, 9, 15, 18, 20},
                Map.of("environment", "dr"),
                NEU);

        String vmss = id(MEDIA, "rg-encoding", "Microsoft.Compute", "virtualMachineScaleSets/vmss-transcode");
        b.add("azure.compute.vmss", vmss, MEDIA, WEU, "vmss-transcode")
                .prop("sku", Map.of("name", "Standard_F8s_v2", "capacity", 6))
                .prop("upgradePolicy", Map.of("mode", "Manual"))
                .prop("virtualMachineProfile", Map.of("storageProfile", Map.of("imageReference", ubuntu)))
                .tag("Workload", "transcoding")
                .cost(6 * 248.2)
                .util(48, 90, 100, 40, 55, 66);
        b.edge(vmss, PART_OF_SUBNET, subnets.get("snet-transcode"));
        for (int i = 0; i < 6; i++) {
            String inst = vmss + "/virtualMachines/" + i;
            b.add("azure.compute.vmss-instance", inst, MEDIA, WEU, "vmss-transcode_" + i)
                    .prop("instanceId", Integer.toString(i))
                    .prop("hardwareProfile", Map.of("vmSize", "Standard_F8s_v2"))
                    .prop("powerState", "VM running");
            b.edge(inst, ATTACHED_TO, vmss);
        }

        // Storage
        String media = id(MEDIA, "rg-media-storage", "Microsoft.Storage", "storageAccounts/tvfonemedia");
        b.add("azure.storage.account", media, MEDIA, WEU, "tvfonemedia")
                .prop("kind", "StorageV2")
                .prop("sku", Map.of("name", "Standard_GRS"))
                .prop("allowBlobPublicAccess", true)
                .prop("minimumTlsVersion", "TLS1_2")
                .prop("supportsHttpsTrafficOnly", true)
                .prop(
                        "encryption",
                        Map.of("services", Map.of("blob", Map.of("enabled", true)), "keySource", "Microsoft.Storage"))
                .prop("networkAcls", Map.of("defaultAction", "Allow"))
                .prop("usedCapacityGiB", 182_000)
                .cost(182_000 * 0.0368)
                .tag("data", "media-masters");
        String logs = id(PROD, "rg-data", "Microsoft.Storage", "storageAccounts/tvfonelogs");
        b.add("azure.storage.account", logs, PROD, WEU, "tvfonelogs")
                .prop("kind", "StorageV2")
                .prop("sku", Map.of("name", "Standard_LRS"))
                .prop("allowBlobPublicAccess", false)
                .prop("minimumTlsVersion", "TLS1_0")
                .prop("supportsHttpsTrafficOnly", true)
                .prop(
                        "encryption",
                        Map.of("services", Map.of("blob", Map.of("enabled", true)), "keySource", "Microsoft.Storage"))
                .prop("networkAcls", Map.of("defaultAction", "Allow"))
                .prop("usedCapacityGiB", 900)
                .cost(900 * 0.0184);
        String backups = id(PROD, "rg-data", "Microsoft.Storage", "storageAccounts/tvfonebackups");
        b.add("azure.storage.account", backups, PROD, WEU, "tvfonebackups")
                .prop("kind", "StorageV2")
                .prop("sku", Map.of("name", "Standard_RAGRS"))
                .prop("allowBlobPublicAccess", false)
                .prop("minimumTlsVersion", "TLS1_2")
                .prop("supportsHttpsTrafficOnly", true)
                .prop(
                        "encryption",
                        Map.of("services", Map.of("blob", Map.of("enabled", true)), "keySource", "Microsoft.Keyvault"))
                .prop("networkAcls", Map.of("defaultAction", "Deny"))
                .prop("usedCapacityGiB", 4_000)
                .cost(4_000 * 0.046);
        for (String[] c : new String[][] {
            {media, "masters", "None"},
            {media, "promos", "Container"},
            {media, "thumbnails", "Blob"},
            {logs, "insights-logs", "None"},
            {backups, "sql-backups", "None"}
        }) {
            String container = c[0] + "/blobServices/default/containers/" + c[1];
            String account = c[0].contains(MEDIA) ? MEDIA : PROD;
            b.add("azure.storage.container", container, account, WEU, c[1]).prop("publicAccess", c[2]);
            b.edge(container, ATTACHED_TO, c[0]);
        }
        for (String e : encoders) {
            b.edge(e, STORES_DATA_IN, media);
        }
        b.edge(vmss, STORES_DATA_IN, media);
        b.edge(playout, CONNECTS_TO, media);

        // Azure SQL
        String sql = id(PROD, "rg-data", "Microsoft.Sql", "servers/sql-tvfone-prod");
        b.add("azure.sql.server", sql, PROD, WEU, "sql-tvfone-prod")
                .prop("version", "12.0")
                .prop("publicNetworkAccess", "Enabled")
                .prop("minimalTlsVersion", "1.2")
                .prop("administratorLogin", "tvfoneadmin");
        String allowAll = sql + "/firewallRules/AllowAll";
        b.add("azure.sql.firewall-rule", allowAll, PROD, WEU, "AllowAll")
                .prop("startIpAddress", "0.0.0.0")
                .prop("endIpAddress", "255.255.255.255");
        b.edge(allowAll, ATTACHED_TO, sql);
        String azureServices = sql + "/firewallRules/AllowAllWindowsAzureIps";
        b.add("azure.sql.firewall-rule", azureServices, PROD, WEU, "AllowAllWindowsAzureIps")
                .prop("startIpAddress", "0.0.0.0")
                .prop("endIpAddress", "0.0.0.0");
        b.edge(azureServices, ATTACHED_TO, sql);
        String subscribers = sql + "/databases/subscribers";
        b.add("azure.sql.database", subscribers, PROD, WEU, "subscribers")
                .prop("sku", Map.of("name", "GP_Gen5_8", "tier", "GeneralPurpose"))
                .prop("transparentDataEncryption", Map.of("state", "Disabled"))
                .prop("maxSizeBytes", 536_870_912_000L)
                .prop("zoneRedundant", false)
                .tag("data", "subscriber-pii")
                .util(41, 77, 93, 60, 72, 81)
                .cost(1473.02);
        String catalog = sql + "/databases/catalog";
        b.add("azure.sql.database", catalog, PROD, WEU, "catalog")
                .prop("sku", Map.of("name", "S2", "tier", "Standard"))
                .prop("transparentDataEncryption", Map.of("state", "Enabled"))
                .prop("maxSizeBytes", 268_435_456_000L)
                .prop("zoneRedundant", false)
                .util(9, 20, 44, 30, 35, 41)
                .cost(73.61);
        b.edge(subscribers, ATTACHED_TO, sql);
        b.edge(catalog, ATTACHED_TO, sql);
        for (String w : webVms) {
            b.edge(w, CONNECTS_TO, subscribers, Map.of("port", 1433));
            b.edge(w, CONNECTS_TO, catalog, Map.of("port", 1433));
        }
        b.edge(drWeb, CONNECTS_TO, catalog, Map.of("port", 1433));
        b.edge(sql, STORES_DATA_IN, backups);
        b.edge(jump, CONNECTS_TO, sql, Map.of("port", 1433));

        // CDN and secrets
        String cdn = id(MEDIA, "rg-media-storage", "Microsoft.Cdn", "profiles/cdn-tvfone");
        b.add("azure.cdn.profile", cdn, MEDIA, "global", "cdn-tvfone")
                .prop("sku", Map.of("name", "Standard_Microsoft"))
                .cost(410.0);
        for (String[] e : new String[][] {
            {"tvfone-media", "tvfonemedia.blob.core.windows.net", "true"}, {"tvfone-www", "20.86.14.51", "false"}
        }) {
            String endpoint = cdn + "/endpoints/" + e[0];
            b.add("azure.cdn.endpoint", endpoint, MEDIA, "global", e[0])
                    .prop("originHostName", e[1])
                    .prop("isHttpAllowed", Boolean.parseBoolean(e[2]))
                    .prop("isHttpsAllowed", true);
            b.edge(endpoint, ATTACHED_TO, cdn);
            b.edge(endpoint, EXPOSES, e[0].equals("tvfone-media") ? media : lb);
        }
        String vault = id(PROD, "rg-data", "Microsoft.KeyVault", "vaults/kv-tvfone-prod");
        b.add("azure.keyvault.vault", vault, PROD, WEU, "kv-tvfone-prod")
                .prop("enableSoftDelete", true)
                .prop("enablePurgeProtection", false)
                .cost(3);
        for (String w : webVms) {
            b.edge(w, CONNECTS_TO, vault);
        }
        return b.build();
    }
}
