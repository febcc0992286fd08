/**
 * The MCP conformance and performance kit: checks and a benchmark for any MCP server, reached over
 * stdio (a command) or Streamable HTTP (a URL). It talks raw JSON-RPC so that it sees exactly what a
 * server sends, and depends on nothing of Sirsi's but the wire.
 */
package io.sirsi.conformance;
