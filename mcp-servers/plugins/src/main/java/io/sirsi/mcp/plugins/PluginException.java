package io.sirsi.mcp.plugins;

/** A plugin that cannot load or a call that failed: the message names the plugin and the problem. */
public class PluginException extends RuntimeException {
    /** A problem described by {@code message}. */
    public PluginException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
