package io.sirsi.host.reasoning;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * Answers servers' MCP sampling requests ({@code sampling/createMessage}) with the configured model. With no
 * model configured the host has none, and declines such requests politely.
 */
@FunctionalInterface
public interface Sampler {
    /**
     * Asks the model.
     *
     * @throws io.sirsi.host.HostException when the model cannot answer; the server gets the message as the
     *     request's error
     */
    McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request);
}
