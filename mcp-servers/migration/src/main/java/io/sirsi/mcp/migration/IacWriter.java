package io.sirsi.mcp.migration;

import java.util.List;

/** Writes a {@link TargetModel} as infrastructure as code in one format. */
public interface IacWriter {
    /** The format's name: {@code terraform}, {@code bicep}, {@code pulumi}, {@code cloudformation}. */
    String format();

    /** Whether the format can describe resources on {@code cloud} (Bicep: Azure only; CloudFormation: AWS only). */
    boolean supports(Cloud cloud);

    /**
     * The files for {@code model}.
     *
     * @throws MigrationException if the format does not support the model's cloud
     */
    List<IacFile> write(TargetModel model);
}
