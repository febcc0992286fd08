/**
 * The host's MCP side: server manifests ({@link io.sirsi.host.mcp.ManifestLoader}), connections to the servers
 * over stdio or Streamable HTTP with the MCP Java SDK client ({@link io.sirsi.host.mcp.ServerHub}), and the
 * catalog of their tools ({@link io.sirsi.host.mcp.ToolCatalog}).
 */
package io.sirsi.host.mcp;
