/**
 * The plugin server: WebAssembly plugins declared in {@code tool-manifests/plugins/}, run sandboxed in
 * Chicory and served as MCP tools, with hot reload.
 */
package io.sirsi.mcp.plugins;
