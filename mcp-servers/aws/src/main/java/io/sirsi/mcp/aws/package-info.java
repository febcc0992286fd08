/** The AWS discovery server: demo estates, and real AWS estates through its SDK. */
package io.sirsi.mcp.aws;
