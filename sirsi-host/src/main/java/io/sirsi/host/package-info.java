/**
 * The Sirsi host: the only MCP client. It reads the server manifests of {@code tool-manifests/}, connects to
 * every server over MCP ({@link io.sirsi.host.mcp}) and keeps the catalog of their tools; {@link
 * io.sirsi.host.ToolsMain} prints that catalog ({@code ./sirsi tools}).
 */
package io.sirsi.host;
