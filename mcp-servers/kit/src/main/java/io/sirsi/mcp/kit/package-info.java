/**
 * What every Sirsi MCP server shares: the stdio and Streamable HTTP transports, tool, resource and
 * prompt registration, argument validation, error mapping, pagination, auth, health and metrics.
 *
 * <p>A server's {@code Main} builds a {@link io.sirsi.mcp.kit.KitServer} from tool groups and hands it
 * the command line; its own logic never lives here.
 */
package io.sirsi.mcp.kit;
