package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Map;

/**
 * How one family of Pulumi providers takes a program's resources: type tokens, property names and shapes,
 * attribute paths. {@link PulumiBridged} serves the providers bridged from Terraform (aws, gcp);
 * {@link PulumiAzure} serves Azure Native, whose inputs are ARM's.
 */
sealed interface PulumiDialect permits PulumiBridged, PulumiAzure {
    /** The provider resource's type ({@code pulumi:providers:aws}) and its properties. */
    String providerType();

    Map<String, Object> providerProperties();

    /** The type token of {@code resource}. */
    String token(IacResource resource);

    /** The properties of {@code resource}, in Pulumi's names, values not yet rendered. */
    Map<String, Object> properties(IacResource resource);

    /** The function token of a lookup, and its arguments. */
    String function(IacResource lookup);

    Map<String, Object> arguments(IacResource lookup);

    /** An attribute path in Pulumi's names. */
    String path(String path);

    /** Property names to leave alone on an imported resource, in Pulumi's names. */
    List<String> ignoreChanges(IacResource resource);
}
