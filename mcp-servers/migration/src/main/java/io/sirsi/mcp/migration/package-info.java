/**
 * The migration server: assessment (7 Rs), dependency-closed waves with runbooks, cost comparison from
 * dated price snapshots, and infrastructure as code.
 */
package io.sirsi.mcp.migration;
