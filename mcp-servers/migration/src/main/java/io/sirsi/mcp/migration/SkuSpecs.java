package io.sirsi.mcp.migration;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the providers document about their sizes but do not put in price lists: which family a size belongs
 * to, and the few shapes a name or a documentation page fixes. No prices live here.
 */
final class SkuSpecs {
    /** Azure SQL Database standard-series (Gen5) gives 5.1 GB of memory per vCore. */
    static final double SQL_GEN5_GB_PER_VCORE = 5.1;

    /** Hours in a year of a reservation or commitment, as the providers amortize them. */
    static final double HOURS_PER_YEAR = 8760;

    private static final Pattern SHARED_CORE = Pattern.compile("\\((\\d+)/(\\d+) shared physical core\\)");

    private SkuSpecs() {}

    /** The memory of an Azure SQL Database Gen5 size of {@code vcores}, in GB to one decimal. */
    static double sqlGen5Memory(int vcores) {
        return Math.round(vcores * SQL_GEN5_GB_PER_VCORE * 10) / 10.0;
    }

    /**
     * An EC2 instance type's family, from the offer file's {@code instanceFamily} when there is one, else from
     * the type's letter: t bursts, c computes, r, x, z and u remember.
     */
    static String aws(String instanceType, String instanceFamily) {
        String type = instanceType.toLowerCase(Locale.ROOT).replaceFirst("^db\\.", "");
        if (type.matches("t\\d.*")) {
            return "burstable";
        }
        return switch (instanceFamily) {
            case "Compute optimized" -> "compute";
            case "Memory optimized" -> "memory";
            case "" -> type.matches("c\\d.*") ? "compute" : type.matches("[rxzu]\\d.*") ? "memory" : "general";
            default -> "general";
        };
    }

    /** An Azure VM size's family, from its series letter: B burstable, F compute, E and M memory. */
    static String azure(String armSkuName) {
        String size = armSkuName.replaceFirst("(?i)^(standard|basic)_", "");
        return switch (size.isEmpty() ? ' ' : Character.toUpperCase(size.charAt(0))) {
            case 'B' -> "burstable";
            case 'F' -> "compute";
            case 'E', 'M' -> "memory";
            default -> "general";
        };
    }

    /** A Compute Engine machine type's family: shared-core types burst, highcpu computes, highmem remembers. */
    static String gcp(String machineType, boolean sharedCpu) {
        String name = machineType.toLowerCase(Locale.ROOT);
        if (sharedCpu) {
            return "burstable";
        }
        if (name.contains("-highcpu-") || name.matches("(c2|c2d|c3|c3d|c4|h3)-.*")) {
            return "compute";
        }
        if (name.contains("-highmem-") || name.contains("-megamem-") || name.matches("m\\d-.*")) {
            return "memory";
        }
        return "general";
    }

    /**
     * The vCPUs Compute Engine bills for a machine type: all of them, except on shared-core E2 types, which
     * bill the fraction of a physical core their description states (2 vCPUs per core): e2-medium's "1/2
     * shared physical core" bills 1 vCPU.
     */
    static double gcpBilledVcpus(int guestCpus, boolean sharedCpu, String description) {
        if (!sharedCpu) {
            return guestCpus;
        }
        Matcher m = SHARED_CORE.matcher(description);
        if (!m.find()) {
            throw new IllegalArgumentException("a shared-core machine type's description states its share of a core");
        }
        return 2.0 * Integer.parseInt(m.group(1)) / Integer.parseInt(m.group(2));
    }
}
