/**
 * The discovery tools the AWS, Azure and GCP servers share. A cloud module supplies an
 * {@link io.sirsi.mcp.discovery.InventorySource} (a demo estate, or its SDK) and its
 * {@link io.sirsi.mcp.discovery.Provider} vocabulary; {@link io.sirsi.mcp.discovery.DiscoveryServer}
 * builds the MCP server.
 */
package io.sirsi.mcp.discovery;
