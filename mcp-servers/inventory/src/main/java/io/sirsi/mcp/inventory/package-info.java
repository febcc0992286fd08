/**
 * The normalized cloud inventory shared by the discovery, migration, security and reporting servers:
 * resources with provider-prefixed types ({@code aws.ec2.instance}), typed relationships, tenants,
 * sync tags; the bundled demo estates; and the queries run over an inventory.
 */
package io.sirsi.mcp.inventory;
