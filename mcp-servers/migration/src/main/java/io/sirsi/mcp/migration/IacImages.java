package io.sirsi.mcp.migration;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the neutral image names a plan uses ({@code ubuntu-22.04}, {@code windows-2022}, ...) to each
 * cloud's own image: an AMI lookup (and the public SSM parameter CloudFormation can read), an Azure
 * Marketplace reference, a Google image family. An image not listed here becomes a variable.
 */
final class IacImages {
    /** An AMI found by owner and name pattern, its public SSM parameter when there is one, and its root device. */
    record Ami(String owner, String namePattern, Optional<String> ssmParameter, String rootDevice) {}

    /** An Azure Marketplace image. */
    record Marketplace(String publisher, String offer, String sku) {}

    private static final Pattern AWS_ARM = Pattern.compile("[a-z]+\\d+[a-z]*g[a-z]*\\..*");
    private static final Pattern AZURE_ARM = Pattern.compile("Standard_[A-Z]+\\d+[a-z]*p[a-z]*_v\\d+");
    private static final Pattern GCP_ARM = Pattern.compile("(t2a|c4a|n4a)-.*");

    private static final String CANONICAL = "099720109477";
    private static final String CANONICAL_SSM = "/aws/service/canonical/ubuntu/server/";

    private IacImages() {}

    /** Whether an AWS instance type is Graviton (arm64). */
    static boolean awsArm(Object size) {
        return size instanceof String s && AWS_ARM.matcher(s).matches();
    }

    /** Whether an Azure VM size is Ampere (arm64). */
    static boolean azureArm(Object size) {
        return size instanceof String s && AZURE_ARM.matcher(s).matches();
    }

    /** Whether a Google machine type is Arm. */
    static boolean gcpArm(Object size) {
        return size instanceof String s && GCP_ARM.matcher(s).matches();
    }

    /** The AMI for {@code image}. */
    static Optional<Ami> aws(String image, boolean arm) {
        String deb = arm ? "arm64" : "amd64";
        String rpm = arm ? "arm64" : "x86_64";
        Ami ami =
                switch (key(image)) {
                    case "ubuntu-20.04" -> ubuntu("hvm-ssd/ubuntu-focal-20.04", "20.04", "ebs-gp2", deb);
                    case "ubuntu-22.04" -> ubuntu("hvm-ssd/ubuntu-jammy-22.04", "22.04", "ebs-gp2", deb);
                    case "ubuntu-24.04" -> ubuntu("hvm-ssd-gp3/ubuntu-noble-24.04", "24.04", "ebs-gp3", deb);
                    case "amazon-linux-2023" ->
                        new Ami(
                                "amazon",
                                "al2023-ami-2023.*-kernel-6.1-" + rpm,
                                Optional.of("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + rpm),
                                "/dev/xvda");
                    case "debian-12" ->
                        new Ami(
                                "136693071363",
                                "debian-12-" + deb + "-*",
                                Optional.of("/aws/service/debian/release/12/latest/" + deb),
                                "/dev/xvda");
                    case "rhel-9" ->
                        new Ami("309956199498", "RHEL-9.*_HVM-*-" + rpm + "-*", Optional.empty(), "/dev/sda1");
                    case "windows-2019", "windows-2022" ->
                        arm ? null : windows(key(image).substring(8));
                    default -> null;
                };
        return Optional.ofNullable(ami);
    }

    private static Ami ubuntu(String path, String version, String volume, String arch) {
        return new Ami(
                CANONICAL,
                "ubuntu/images/" + path + "-" + arch + "-server-*",
                Optional.of(CANONICAL_SSM + version + "/stable/current/" + arch + "/hvm/" + volume + "/ami-id"),
                "/dev/sda1");
    }

    private static Ami windows(String year) {
        String name = "Windows_Server-" + year + "-English-Full-Base";
        return new Ami("amazon", name + "-*", Optional.of("/aws/service/ami-windows-latest/" + name), "/dev/sda1");
    }

    /** The Marketplace image for {@code image}. */
    static Optional<Marketplace> azure(String image, boolean arm) {
        Map<String, Marketplace> x64 = Map.of(
                "ubuntu-20.04", new Marketplace("Canonical", "0001-com-ubuntu-server-focal", "20_04-lts-gen2"),
                "ubuntu-22.04", new Marketplace("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2"),
                "ubuntu-24.04", new Marketplace("Canonical", "ubuntu-24_04-lts", "server"),
                "debian-12", new Marketplace("Debian", "debian-12", "12-gen2"),
                "rhel-9", new Marketplace("RedHat", "RHEL", "9-lvm-gen2"),
                "windows-2019", new Marketplace("MicrosoftWindowsServer", "WindowsServer", "2019-datacenter-gensecond"),
                "windows-2022", new Marketplace("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-g2"));
        Map<String, Marketplace> arm64 = Map.of(
                "ubuntu-22.04", new Marketplace("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64"),
                "ubuntu-24.04", new Marketplace("Canonical", "ubuntu-24_04-lts", "server-arm64"),
                "debian-12", new Marketplace("Debian", "debian-12", "12-arm64"));
        String[] urn = image.split(":");
        if (urn.length == 4) {
            return Optional.of(new Marketplace(urn[0], urn[1], urn[2]));
        }
        return Optional.ofNullable((arm ? arm64 : x64).get(key(image)));
    }

    /** The Google image (project/family) for {@code image}. */
    static Optional<String> gcp(String image, boolean arm) {
        if (image.contains("/")) {
            return Optional.of(image);
        }
        Map<String, String> x64 = Map.of(
                "ubuntu-20.04", "ubuntu-os-cloud/ubuntu-2004-lts",
                "ubuntu-22.04", "ubuntu-os-cloud/ubuntu-2204-lts",
                "ubuntu-24.04", "ubuntu-os-cloud/ubuntu-2404-lts-amd64",
                "debian-12", "debian-cloud/debian-12",
                "rhel-9", "rhel-cloud/rhel-9",
                "windows-2019", "windows-cloud/windows-2019",
                "windows-2022", "windows-cloud/windows-2022");
        Map<String, String> arm64 = Map.of(
                "ubuntu-22.04", "ubuntu-os-cloud/ubuntu-2204-lts-arm64",
                "ubuntu-24.04", "ubuntu-os-cloud/ubuntu-2404-lts-arm64",
                "debian-12", "debian-cloud/debian-12-arm64",
                "rhel-9", "rhel-cloud/rhel-9-arm64");
        return Optional.ofNullable((arm ? arm64 : x64).get(key(image)));
    }

    /** A symbol-safe name for a lookup or variable of {@code image} ({@code ubuntu-22.04} to {@code ubuntu_22_04}). */
    static String symbol(String image, boolean arm) {
        String base = key(image).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "image_" + base;
        }
        return arm ? base + "_arm64" : base;
    }

    /** The variable that takes an image this class does not know. */
    static Variable variable(String image, String what) {
        return new Variable(
                "image_" + symbol(image, false),
                "string",
                Optional.empty(),
                what + " for the image '" + image + "', which Sirsi cannot map on this cloud",
                false);
    }

    private static String key(String image) {
        return image.trim().toLowerCase(Locale.ROOT);
    }
}
