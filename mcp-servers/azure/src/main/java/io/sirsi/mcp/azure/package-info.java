/** The Azure discovery server: demo estates, and real Azure estates through its SDK. */
package io.sirsi.mcp.azure;
