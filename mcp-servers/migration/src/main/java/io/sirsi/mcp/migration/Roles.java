package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Resource;
import java.util.Locale;
import java.util.Map;

/**
 * What part a source resource plays in a migration ({@code vm}, {@code database}, {@code bucket},
 * {@code load-balancer}, {@code function}, {@code cdn}, or {@code other}), and the facts about it that
 * sizing and findings need, read from each provider's own property names.
 */
final class Roles {
    private static final Map<String, String> ROLES = Map.ofEntries(
            Map.entry("aws.ec2.instance", "vm"),
            Map.entry("azure.compute.vm", "vm"),
            Map.entry("azure.compute.vmss", "vm"),
            Map.entry("gcp.compute.instance", "vm"),
            Map.entry("aws.rds.db-instance", "database"),
            Map.entry("azure.sql.database", "database"),
            Map.entry("gcp.sql.instance", "database"),
            Map.entry("aws.s3.bucket", "bucket"),
            Map.entry("azure.storage.account", "bucket"),
            Map.entry("gcp.storage.bucket", "bucket"),
            Map.entry("aws.elbv2.load-balancer", "load-balancer"),
            Map.entry("azure.network.load-balancer", "load-balancer"),
            Map.entry("gcp.compute.forwarding-rule", "load-balancer"),
            Map.entry("aws.lambda.function", "function"),
            Map.entry("azure.cdn.profile", "cdn"));

    private Roles() {}

    static String of(Resource r) {
        return ROLES.getOrDefault(r.type(), "other");
    }

    /** The size name: instance type, VM size, machine type, database class or tier. */
    static String sku(Resource r) {
        for (String path : new String[] {"instanceType", "dbInstanceClass", "machineType"}) {
            if (r.properties().hasNonNull(path)) {
                String v = r.property(path).asString();
                return v.contains("/") ? v.substring(v.lastIndexOf('/') + 1) : v;
            }
        }
        if (r.property("hardwareProfile").hasNonNull("vmSize")) {
            return r.property("hardwareProfile").path("vmSize").asString();
        }
        if (r.property("sku").hasNonNull("name")) {
            return r.property("sku").path("name").asString();
        }
        if (r.property("settings").hasNonNull("tier")) {
            return r.property("settings").path("tier").asString();
        }
        return "";
    }

    /** linux or windows. */
    static String os(Resource r) {
        String detail = osDetail(r).toLowerCase(Locale.ROOT);
        return detail.contains("windows") ? "windows" : "linux";
    }

    /** What the data says about the OS: platform details, the image, the OS disk type. */
    static String osDetail(Resource r) {
        if (r.properties().hasNonNull("platformDetails")) {
            return r.property("platformDetails").asString() + " "
                    + r.property("platform").asString("");
        }
        if (r.properties().hasNonNull("platform")) {
            return r.property("platform").asString();
        }
        var image = r.property("storageProfile").path("imageReference");
        if (!image.isMissingNode()) {
            return image.path("offer").asString("") + " " + image.path("sku").asString("") + " "
                    + r.property("storageProfile").path("osDisk").path("osType").asString("");
        }
        var vmssImage =
                r.property("virtualMachineProfile").path("storageProfile").path("imageReference");
        if (!vmssImage.isMissingNode()) {
            return vmssImage.path("offer").asString("") + " "
                    + vmssImage.path("sku").asString("");
        }
        return r.text("sourceImage").orElse("linux");
    }

    /** The instance count: a scale set's capacity, else 1. */
    static int count(Resource r) {
        return r.type().equals("azure.compute.vmss")
                ? Math.max(1, r.property("sku").path("capacity").asInt(1))
                : 1;
    }

    /** postgres, mysql or sqlserver. */
    static String engine(Resource r) {
        String e = r.text("engine")
                .or(() -> r.text("databaseVersion"))
                .orElse(r.type().equals("azure.sql.database") ? "sqlserver" : "")
                .toLowerCase(Locale.ROOT);
        if (e.startsWith("postgres") || e.startsWith("aurora-postgresql")) {
            return "postgres";
        }
        if (e.startsWith("mysql") || e.startsWith("mariadb") || e.startsWith("aurora-mysql")) {
            return "mysql";
        }
        if (e.startsWith("sqlserver") || e.startsWith("sql")) {
            return "sqlserver";
        }
        return e.isEmpty() ? "unknown" : e;
    }

    /** The engine version as the provider writes it (11.22, MYSQL_5_7 becomes 5.7). */
    static String engineVersion(Resource r) {
        if (r.properties().hasNonNull("engineVersion")) {
            return r.property("engineVersion").asString();
        }
        String v = r.text("databaseVersion").orElse("");
        if (v.contains("_")) {
            String[] parts = v.split("_");
            return parts.length >= 3 ? parts[1] + "." + parts[2] : parts[parts.length - 1];
        }
        return r.type().equals("azure.sql.database") ? "latest" : "";
    }

    static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The version a replatformed database lands on: the same major if supported, else the newest. */
    static String targetVersion(String engine, String version) {
        int major = major(version);
        return switch (engine) {
            case "postgres" -> major >= 14 ? Integer.toString(major) : "16";
            case "mysql" -> "8.0";
            case "sqlserver" -> "2022";
            default -> version;
        };
    }

    /** Allocated or used storage in GB, where the data says. */
    static double storageGb(Resource r) {
        if (r.properties().hasNonNull("allocatedStorage")) {
            return r.property("allocatedStorage").asDouble();
        }
        if (r.property("settings").hasNonNull("dataDiskSizeGb")) {
            return r.property("settings").path("dataDiskSizeGb").asDouble();
        }
        if (r.properties().hasNonNull("maxSizeBytes")) {
            return r.property("maxSizeBytes").asDouble() / 1e9;
        }
        if (r.properties().hasNonNull("sizeGiB")) {
            return r.property("sizeGiB").asDouble() * 1.073741824;
        }
        if (r.properties().hasNonNull("usedCapacityGiB")) {
            return r.property("usedCapacityGiB").asDouble() * 1.073741824;
        }
        if (r.properties().hasNonNull("size")) {
            return r.property("size").asDouble();
        }
        if (r.properties().hasNonNull("sizeGb")) {
            return r.property("sizeGb").asDouble();
        }
        if (r.properties().hasNonNull("diskSizeGB")) {
            return r.property("diskSizeGB").asDouble();
        }
        return 0;
    }
}
