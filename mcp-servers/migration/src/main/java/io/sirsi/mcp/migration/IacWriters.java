package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Locale;

/** The IaC formats Sirsi writes, and the writer for each. */
public final class IacWriters {
    private static final List<IacWriter> ALL =
            List.of(new TerraformWriter(), new BicepWriter(), new PulumiWriter(), new CloudFormationWriter());

    private IacWriters() {}

    /** Every writer: terraform, bicep, pulumi, cloudformation. */
    public static List<IacWriter> all() {
        return ALL;
    }

    /** The writers that can describe resources on {@code cloud}. */
    public static List<IacWriter> supporting(Cloud cloud) {
        return ALL.stream().filter(w -> w.supports(cloud)).toList();
    }

    /**
     * The writer of {@code format} (any case).
     *
     * @throws MigrationException naming the formats there are
     */
    public static IacWriter of(String format) {
        String wanted = format.trim().toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(w -> w.format().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new MigrationException("Unknown IaC format '" + format + "'; use "
                        + String.join(", ", ALL.stream().map(IacWriter::format).toList())));
    }
}
