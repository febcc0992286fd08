package io.sirsi.host.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One initialized MCP session with one server, and the tools it listed (every page), with their annotations
 * and schemas. Closing it ends the session and, for a stdio server, its process.
 */
public final class ServerConnection implements AutoCloseable {
    /** The client name and version the host reports when it initializes. */
    public static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("sirsi-host", "0.1.0");

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    private final ServerManifest manifest;
    private final McpAsyncClient client;
    private final Optional<ChildProcessTransport> child;
    private final List<McpSchema.Tool> tools;

    private ServerConnection(
            ServerManifest manifest,
            McpAsyncClient client,
            Optional<ChildProcessTransport> child,
            List<McpSchema.Tool> tools) {
        this.manifest = manifest;
        this.client = client;
        this.child = child;
        this.tools = List.copyOf(tools);
    }

    /**
     * Starts or reaches the server, initializes a session and lists its tools, all within the manifest's
     * timeout; a stdio server that exits first fails at once.
     *
     * @throws ServerStartException naming the server and the cause, with the server's last stderr lines
     */
    public static ServerConnection open(ServerManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        Duration timeout = manifest.timeout();
        McpClientTransport transport;
        Optional<ChildProcessTransport> child = Optional.empty();
        switch (manifest.transport()) {
            case ServerManifest.Stdio stdio -> {
                Optional<String> missing = missingCommand(stdio.command());
                if (missing.isPresent()) {
                    throw new ServerStartException(new ServerFailure(manifest.name(), missing.get(), List.of()), null);
                }
                var parameters = ServerParameters.builder(stdio.command())
                        .args(stdio.args())
                        .env(stdio.env())
                        .build();
                var stdioTransport = new ChildProcessTransport(parameters, JSON, stdio.directory());
                child = Optional.of(stdioTransport);
                transport = stdioTransport;
            }
            case ServerManifest.Http http -> transport = httpTransport(http, timeout);
        }
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(CLIENT_INFO)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .build();
        Mono<List<McpSchema.Tool>> work = client.initialize().then(allTools(client));
        if (child.isPresent()) {
            Mono<List<McpSchema.Tool>> died = child.get()
                    .exited()
                    .flatMap(code -> Mono.error(new IllegalStateException(
                            "the server exited with code " + code + " before it listed its tools")));
            work = Mono.firstWithSignal(work, died);
        }
        try {
            List<McpSchema.Tool> tools = work.block(timeout.plusSeconds(1));
            return new ServerConnection(manifest, client, child, tools == null ? List.of() : tools);
        } catch (RuntimeException e) {
            close(client, child);
            List<String> tail = child.map(ChildProcessTransport::stderrTail).orElse(List.of());
            throw new ServerStartException(new ServerFailure(manifest.name(), describe(e, timeout), tail), e);
        }
    }

    /** The manifest this connection follows. */
    public ServerManifest manifest() {
        return manifest;
    }

    /** The server's name, from its manifest. */
    public String name() {
        return manifest.name();
    }

    /** What the server said it is when it initialized. */
    public McpSchema.Implementation serverInfo() {
        return client.getServerInfo();
    }

    /** Every tool the server listed, before the manifest's filter. */
    public List<McpSchema.Tool> tools() {
        return tools;
    }

    /** The tools the manifest exposes. */
    public List<McpSchema.Tool> exposedTools() {
        ToolFilter filter = manifest.filter();
        return tools.stream().filter(filter::admits).toList();
    }

    /** The session, for calls. */
    public McpAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        close(client, child);
    }

    private static void close(McpAsyncClient client, Optional<ChildProcessTransport> child) {
        try {
            client.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            client.close();
        } finally {
            child.ifPresent(ChildProcessTransport::destroyForcibly);
        }
    }

    private static Mono<List<McpSchema.Tool>> allTools(McpAsyncClient client) {
        return client.listTools(McpSchema.FIRST_PAGE)
                .expand(page -> page.nextCursor() == null || page.nextCursor().isEmpty()
                        ? Mono.empty()
                        : client.listTools(page.nextCursor()))
                .reduce(new ArrayList<McpSchema.Tool>(), (all, page) -> {
                    if (page.tools() != null) {
                        all.addAll(page.tools());
                    }
                    return all;
                })
                .map(List::copyOf);
    }

    private static McpClientTransport httpTransport(ServerManifest.Http http, Duration timeout) {
        URI url = http.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(JSON)
                .connectTimeout(timeout)
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> http.headers().forEach(builder::header))
                .build();
    }

    /** Why a command cannot be started, found before starting it: the SDK would only log it. */
    static Optional<String> missingCommand(String command) {
        if (command.contains("/")) {
            Path path = Path.of(command);
            if (!Files.isRegularFile(path)) {
                return Optional.of("command not found: " + command);
            }
            return Files.isExecutable(path) ? Optional.empty() : Optional.of("command not executable: " + command);
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.empty();
            }
        }
        return Optional.of("command not found on PATH: " + command);
    }

    private static String describe(Throwable e, Duration timeout) {
        Throwable cause = Exceptions.unwrap(e);
        if (cause instanceof TimeoutException
                || (cause instanceof IllegalStateException
                        && String.valueOf(cause.getMessage()).startsWith("Timeout"))) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        StringBuilder message = new StringBuilder(String.valueOf(cause.getMessage()));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append(": ").append(c.getMessage());
            }
        }
        return message.toString();
    }
}
