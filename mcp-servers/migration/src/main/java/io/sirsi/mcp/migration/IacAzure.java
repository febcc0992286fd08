package io.sirsi.mcp.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Azure builders ({@link TerraformAzure} for azurerm, {@link IacArm} for Bicep and Azure Native)
 * decide the same way: resource IDs of existing resources, database SKUs and storage sizes, private DNS
 * zones, built-in role ids, and how firewall rules become network security group rules.
 */
final class IacAzure {
    /** The administrator every generated VM and database gets (Azure refuses admin, root and the like). */
    static final String ADMIN = "azureadmin";
    /** The database administrator login. */
    static final String DB_ADMIN = "dbadmin";
    /** The variable holding the Linux VMs' SSH public key. */
    static final String SSH_KEY = "admin_ssh_public_key";
    /** The variable holding the Windows VMs' administrator password. */
    static final String VM_PASSWORD = "vm_admin_password";
    /** The priority of the rule that denies other virtual-network traffic, after the plan's own rules. */
    static final int DENY_PRIORITY = 4000;

    /** An Azure resource ID, split. */
    record AzureId(String subscription, String resourceGroup, String name) {
        static AzureId parse(TargetResource r) {
            String id = r.existingId().orElseThrow();
            String[] parts = id.split("/");
            // /subscriptions/S/resourceGroups/G/providers/NS/type/name[/type/name]
            if (parts.length < 9
                    || !parts[1].equalsIgnoreCase("subscriptions")
                    || !parts[3].equalsIgnoreCase("resourceGroups")) {
                throw new MigrationException("The existing id of " + r.name() + " is '" + id
                        + "'; an Azure resource id looks like /subscriptions/S/resourceGroups/G/providers/...");
            }
            return new AzureId(parts[2], parts[4], parts[parts.length - 1]);
        }
    }

    /** A flexible-server SKU: its tier and its name without the tier prefix. */
    record DbSku(String tier, String name) {
        /** The azurerm {@code sku_name} ({@code GP_Standard_D2ds_v5}). */
        String terraform() {
            String prefix =
                    switch (tier) {
                        case "Burstable" -> "B";
                        case "MemoryOptimized" -> "MO";
                        default -> "GP";
                    };
            return prefix + "_" + name;
        }

        /**
         * The size of database {@code r}.
         *
         * @throws MigrationException when it asks for high availability on a Burstable size: Azure offers
         *     high availability on General Purpose and Memory Optimized sizes only, and would refuse the server
         */
        static DbSku of(TargetResource r, IacProps props) {
            DbSku sku = of(props.text("size"));
            if (sku.tier().equals("Burstable") && props.flag("highAvailability", false)) {
                throw new MigrationException("Database " + r.name() + " asks for high availability on "
                        + props.text("size") + ", a Burstable size; Azure offers high availability on General"
                        + " Purpose and Memory Optimized sizes only: choose one (such as GP_Standard_D2ds_v4)"
                        + " or turn high availability off");
            }
            return sku;
        }

        static DbSku of(String size) {
            String[] parts = size.split("_", 2);
            return switch (parts[0]) {
                case "B" -> new DbSku("Burstable", parts[1]);
                case "GP" -> new DbSku("GeneralPurpose", parts[1]);
                case "MO" -> new DbSku("MemoryOptimized", parts[1]);
                default ->
                    size.startsWith("Standard_B")
                            ? new DbSku("Burstable", size)
                            : size.startsWith("Standard_E")
                                    ? new DbSku("MemoryOptimized", size)
                                    : new DbSku("GeneralPurpose", size);
            };
        }
    }

    /** A rule of a network security group, before either syntax. */
    record NsgRule(String name, int priority, String protocol, String ports, List<Object> cidrs, List<String> groups) {}

    private static final Map<String, String> ROLES = Map.of(
            "Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7",
            "Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
            "Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6",
            "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb");

    private IacAzure() {}

    /** The id of a built-in role, by name or as a GUID already. */
    static String roleDefinition(String role, String owner) {
        if (role.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            return role;
        }
        String id = ROLES.get(role);
        if (id == null) {
            throw new MigrationException("Role " + owner + " grants '" + role + "', whose id Sirsi does not know;"
                    + " give the role definition GUID, or use terraform, which looks roles up by name. Known: "
                    + String.join(", ", ROLES.keySet().stream().sorted().toList()));
        }
        return id;
    }

    /** PostgreSQL flexible server storage: the next size Azure offers. */
    static int postgresStorageGb(int gb) {
        for (int size : new int[] {32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384}) {
            if (gb <= size) {
                return size;
            }
        }
        return 32767;
    }

    /** The MySQL flexible server version name ({@code 8.0.21}). */
    static Object mysqlVersion(Object version) {
        return switch (String.valueOf(version)) {
            case "8", "8.0" -> "8.0.21";
            default -> version instanceof Number n ? String.valueOf(n) : version;
        };
    }

    /** The private DNS zone of an engine's private endpoints. */
    static String privateZone(String engine) {
        return switch (engine) {
            case "postgres" -> "privatelink.postgres.database.azure.com";
            case "mysql" -> "privatelink.mysql.database.azure.com";
            default -> "privatelink.database.windows.net";
        };
    }

    /** The private link group id of an engine's server. */
    static String privateLinkGroup(String engine) {
        return switch (engine) {
            case "postgres" -> "postgresqlServer";
            case "mysql" -> "mysqlServer";
            default -> "sqlServer";
        };
    }

    /** The NSG protocol name. */
    static String protocol(IacRule rule) {
        return switch (rule.protocol()) {
            case "tcp" -> "Tcp";
            case "udp" -> "Udp";
            case "icmp" -> "Icmp";
            default -> "*";
        };
    }

    /**
     * The rules of {@code firewalls} for one network security group: address sources and firewall sources
     * (application security groups) go in separate rules, as Azure wants, numbered from priority 100.
     */
    static List<NsgRule> rules(TargetModel model, List<TargetResource> firewalls) {
        List<NsgRule> rules = new ArrayList<>();
        for (TargetResource firewall : firewalls) {
            int i = 0;
            for (IacRule rule : IacProps.of(firewall).rules()) {
                IacRule through = rule.throughLoadBalancers(model);
                String ports = through.hasPorts() ? through.portRange() : "*";
                String base = IacNames.dashed(firewall.name(), 40) + "-" + i++;
                if (!through.cidrs().isEmpty()) {
                    rules.add(new NsgRule(
                            base, 100 + 10 * rules.size(), protocol(through), ports, through.cidrs(), List.of()));
                }
                if (!through.firewalls().isEmpty()) {
                    rules.add(new NsgRule(
                            base + "-groups",
                            100 + 10 * rules.size(),
                            protocol(through),
                            ports,
                            List.of(),
                            through.firewalls()));
                }
            }
        }
        if (rules.size() * 10 + 100 >= DENY_PRIORITY) {
            throw new MigrationException(
                    "Firewalls " + firewalls.stream().map(TargetResource::name).toList()
                            + " have more rules than one Azure network security group orders before its final deny");
        }
        return rules;
    }

    /** The load balancers that send traffic to {@code vm}. */
    static List<TargetResource> balancersOf(TargetModel model, String vm) {
        return model.resources().stream()
                .filter(r -> r.kind().equals("load-balancer")
                        && IacProps.of(r).refs("targets").contains(vm))
                .toList();
    }

    /** The network a subnet belongs to. */
    static String networkOf(TargetModel model, String subnet) {
        return IacProps.of(model.resource(subnet).orElseThrow()).ref("network");
    }

    /** The Marketplace image for a VM, or empty when the image needs a variable. */
    static Optional<IacImages.Marketplace> image(String image, Object size) {
        return IacImages.azure(image, IacImages.azureArm(size));
    }
}
