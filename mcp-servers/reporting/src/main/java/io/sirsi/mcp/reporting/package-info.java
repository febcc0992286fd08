/** The reporting server: migration reports as HTML, Markdown and PDF, with diagrams and charts. */
package io.sirsi.mcp.reporting;
