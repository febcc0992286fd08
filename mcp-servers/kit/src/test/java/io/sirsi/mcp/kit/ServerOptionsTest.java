package io.sirsi.mcp.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    private static ServerOptions parse(String... args) {
        return ServerOptions.parse(args, Map.of(), "estate");
    }

    @Test
    void defaultsAreStdioAndLoopback() {
        ServerOptions options = parse();
        assertEquals(ServerOptions.Transport.STDIO, options.transport());
        assertEquals("127.0.0.1", options.bind());
        assertTrue(options.loopback());
        assertTrue(options.auth().isEmpty());
        assertEquals(ServerOptions.DEFAULT_MAX_MESSAGE_BYTES, options.maxMessageBytes());
    }

    @Test
    void readsTheSharedAndTheServerOptions() {
        ServerOptions options = parse(
                "--transport",
                "http",
                "--port=0",
                "--bind",
                "0.0.0.0",
                "--estate",
                "kulturio",
                "--allowed-hosts",
                "mcp.example, other.example",
                "--page-size",
                "5");
        assertEquals(ServerOptions.Transport.HTTP, options.transport());
        assertEquals(0, options.port());
        assertTrue(!options.loopback());
        assertEquals("kulturio", options.extra("estate").orElseThrow());
        assertEquals(java.util.List.of("mcp.example", "other.example"), options.allowedHosts());
        assertEquals(5, options.pageSize());
    }

    @Test
    void namesTheBadOption() {
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--transport", "pigeon"))
                .getMessage()
                .contains("stdio or http"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--port", "http"))
                .getMessage()
                .contains("--port"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--port", "70000"))
                .getMessage()
                .contains("65535"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--colour", "blue"))
                .getMessage()
                .contains("Unknown option --colour"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--bind"))
                .getMessage()
                .contains("needs a value"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("stray"))
                .getMessage()
                .contains("'stray'"));
        assertTrue(assertThrows(ServerOptions.UsageException.class, () -> parse("--max-message-bytes", "10"))
                .getMessage()
                .contains("at least 1024"));
    }
}
