/**
 * How the host decides what to do with a message: one {@link io.sirsi.host.reasoning.Reasoner} interface, the
 * offline playbook planner as the default, and an LLM through LangChain4j when a model is configured.
 */
package io.sirsi.host.reasoning;
