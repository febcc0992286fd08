/**
 * The offline playbook planner, the reasoner when no model is configured: it matches a message to a declarative
 * playbook by embedding similarity (in-process all-MiniLM-L6-v2), fills the playbook's slots from the message,
 * runs its tool calls through the {@link io.sirsi.host.mcp.ServerHub} and composes the answer from their
 * structured results.
 */
package io.sirsi.host.planner;
