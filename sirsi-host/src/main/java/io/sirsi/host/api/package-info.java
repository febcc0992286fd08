/**
 * The host's APIs, all on one Helidon SE port: gRPC ({@code sirsi.agent.v1.AgentService}), WebSocket chat
 * ({@code /ws}), HTTP health and Prometheus metrics, and the authentication every API but health needs.
 */
package io.sirsi.host.api;
