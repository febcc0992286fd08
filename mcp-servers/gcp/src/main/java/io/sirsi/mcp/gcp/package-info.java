/** The Google Cloud discovery server: demo estates, and real Google Cloud estates through its SDK. */
package io.sirsi.mcp.gcp;
