package io.sirsi.mcp.kit;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A Sirsi MCP server: its identity and catalog, served over stdio or Streamable HTTP. A server's
 * {@code Main} builds one from tool groups and hands it the command line:
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.parse(args);
 * KitServer.builder("aws", "0.1.0").tools(new InstanceTools(estate)).build().run(options);
 * }</pre>
 */
public final class KitServer {
    private final McpSchema.Implementation info;
    private final String instructions;
    private final Catalog catalog;
    private final boolean listChanged;
    private final ToolMetrics metrics = new ToolMetrics();

    private KitServer(Builder b) {
        this.info = new McpSchema.Implementation(b.name, b.title, b.version);
        this.instructions = b.instructions;
        this.catalog = b.catalog;
        this.listChanged = b.listChanged;
    }

    /** Starts a server with the name and version it reports to clients. */
    public static Builder builder(String name, String version) {
        return new Builder(name, version);
    }

    /** The tools, resources and prompts; changes reach connected clients as list_changed. */
    public Catalog catalog() {
        return catalog;
    }

    /** The name reported to clients. */
    public String name() {
        return info.name();
    }

    /** The JSON mapper the kit reads and writes with, for servers that need to parse or write JSON. */
    public static McpJsonMapper jsonMapper() {
        return Json.MCP;
    }

    /**
     * Serves as the options say and blocks: over stdio until stdin ends, over HTTP until the process
     * is stopped.
     */
    public void run(ServerOptions options) {
        if (options.transport() == ServerOptions.Transport.STDIO) {
            OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
            // Whatever prints to System.out by mistake must not corrupt the JSON-RPC stream.
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
            serveStdio(System.in, stdout, options);
            return;
        }
        RunningServer running;
        try {
            running = startHttp(options);
        } catch (KitException e) {
            System.err.println(info.name() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.close();
                            stopped.countDown();
                        },
                        "mcp-shutdown"));
        var out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        out.println("MCP server '" + info.name() + "' is serving Streamable HTTP at " + running.endpoint());
        out.println(
                options.auth().isPresent()
                        ? "Clients must send: Authorization: Bearer <token>"
                        : "Connect a client to that URL (loopback only unless --bind says otherwise). Ctrl-C stops it.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves one client over the given streams until {@code in} ends. */
    public void serveStdio(InputStream in, OutputStream out, ServerOptions options) {
        catalog.startLoading();
        new StdioTransport(dispatcher(options), catalog, in, out, options.maxMessageBytes()).run();
    }

    /** Starts serving Streamable HTTP and returns at once. */
    public RunningServer startHttp(ServerOptions options) {
        catalog.startLoading();
        return new RunningServer(new HttpTransport(dispatcher(options), catalog, options));
    }

    private Dispatcher dispatcher(ServerOptions options) {
        return new Dispatcher(
                info, instructions, catalog, listChanged, options.pageSize(), options.clientTimeout(), metrics);
    }

    /** Builds a {@link KitServer}. */
    public static final class Builder {
        private final String name;
        private final String version;
        private String title;
        private String instructions;
        private boolean listChanged;
        private final Catalog catalog = new Catalog();
        private final List<KitTool> tools = new ArrayList<>();
        private final List<ToolGroup> groups = new ArrayList<>();

        private Builder(String name, String version) {
            this.name = Objects.requireNonNull(name, "name");
            this.version = Objects.requireNonNull(version, "version");
        }

        /** A human-readable title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Guidance for the client's model, sent in the initialize result. */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /** Declares that the lists may change while clients are connected (plugins, hot reload). */
        public Builder listChanged(boolean listChanged) {
            this.listChanged = listChanged;
            return this;
        }

        /** Adds one tool. */
        public Builder tool(KitTool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Adds the tools of a group; they are built when the server starts, off the startup path. */
        public Builder tools(ToolGroup group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** Adds a resource. */
        public Builder resource(KitResource resource) {
            catalog.putResource(resource);
            return this;
        }

        /** Adds a resource template. */
        public Builder resourceTemplate(KitResourceTemplate template) {
            catalog.putResourceTemplate(template);
            return this;
        }

        /** Adds a prompt. */
        public Builder prompt(KitPrompt prompt) {
            catalog.putPrompt(prompt);
            return this;
        }

        /** Builds the server; fails on duplicate tool names. */
        public KitServer build() {
            List<KitTool> direct = List.copyOf(tools);
            List<ToolGroup> deferred = List.copyOf(groups);
            if (deferred.isEmpty()) {
                catalog.setTools(direct);
            } else {
                catalog.deferTools(() -> {
                    List<KitTool> all = new ArrayList<>(direct);
                    deferred.forEach(g -> all.addAll(g.tools()));
                    return all;
                });
            }
            return new KitServer(this);
        }
    }
}
