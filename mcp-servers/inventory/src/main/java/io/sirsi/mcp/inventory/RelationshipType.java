package io.sirsi.mcp.inventory;

import java.util.Set;

/** The relationship types of the inventory, named as Cartography names its edges, in kebab case. */
public final class RelationshipType {
    /** A resource belongs to its tenant (account, subscription, project): the tenant edge. */
    public static final String RESOURCE_OF = "resource-of";
    /** An instance or network interface is governed by a security group or NSG. */
    public static final String MEMBER_OF_SECURITY_GROUP = "member-of-security-group";
    /** A resource sits in a subnet. */
    public static final String PART_OF_SUBNET = "part-of-subnet";
    /** A subnet or resource belongs to a VPC / VNet / network. */
    public static final String MEMBER_OF_NETWORK = "member-of-network";
    /** A group or rule lets traffic in from another group or from the internet (properties: protocol, ports). */
    public static final String ALLOWS_TRAFFIC_FROM = "allows-traffic-from";
    /** A disk, network interface, policy or profile is attached to a resource. */
    public static final String ATTACHED_TO = "attached-to";
    /** A load balancer, CDN endpoint or public IP exposes a resource to its clients. */
    public static final String EXPOSES = "exposes";
    /** A database or disk is a replica of another. */
    public static final String REPLICA_OF = "replica-of";
    /** A resource is encrypted with a key. */
    public static final String ENCRYPTED_BY = "encrypted-by";
    /** A compute resource acts as an identity (role, service account, managed identity). */
    public static final String ASSUMES_ROLE = "assumes-role";
    /** A resource connects to another at run time (an application to its database). */
    public static final String CONNECTS_TO = "connects-to";
    /** A resource is stored in, or writes to, another (backups, logs). */
    public static final String STORES_DATA_IN = "stores-data-in";

    /** Every type. */
    public static final Set<String> NAMES = Set.of(
            RESOURCE_OF,
            MEMBER_OF_SECURITY_GROUP,
            PART_OF_SUBNET,
            MEMBER_OF_NETWORK,
            ALLOWS_TRAFFIC_FROM,
            ATTACHED_TO,
            EXPOSES,
            REPLICA_OF,
            ENCRYPTED_BY,
            ASSUMES_ROLE,
            CONNECTS_TO,
            STORES_DATA_IN);

    private RelationshipType() {}
}
