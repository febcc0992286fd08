/** Conformance checks and a benchmark for any MCP server. */
package io.sirsi.conformance;
