package io.sirsi.mcp.migration;

import java.util.Objects;

/**
 * A reference from one target resource's property to another target resource, by its logical name.
 * IaC writers turn it into the format's own reference (a Terraform attribute, a Bicep symbol, a
 * CloudFormation {@code Ref} or {@code Fn::GetAtt}, a Pulumi {@code ${name.id}}), never a literal id.
 */
public record Ref(String ref) {
    /** Requires a name. */
    public Ref {
        Objects.requireNonNull(ref, "ref");
    }

    /** A reference to the target resource named {@code name}. */
    public static Ref to(String name) {
        return new Ref(name);
    }
}
