/**
 * The security server: declarative compliance checks over cloud inventories and over a migration plan's
 * target, mapped to compliance frameworks, with JSON, SARIF 2.1.0 and OCSF output.
 */
package io.sirsi.mcp.security;
