package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The protocol engine shared by every transport: the lifecycle, the list and call methods, and the one
 * place where failures become results or JSON-RPC errors. It runs on the caller's thread; transports
 * choose the threads.
 */
final class Dispatcher {
    /** The versions this server speaks, newest first. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final McpSchema.Implementation serverInfo;
    private final String instructions;
    private final Catalog catalog;
    private final boolean listChanged;
    private final int pageSize;
    private final Duration clientTimeout;
    private final ToolMetrics metrics;

    Dispatcher(
            McpSchema.Implementation serverInfo,
            String instructions,
            Catalog catalog,
            boolean listChanged,
            int pageSize,
            Duration clientTimeout,
            ToolMetrics metrics) {
        this.serverInfo = serverInfo;
        this.instructions = instructions;
        this.catalog = catalog;
        this.listChanged = listChanged;
        this.pageSize = pageSize;
        this.clientTimeout = clientTimeout;
        this.metrics = metrics;
    }

    String serverName() {
        return serverInfo.name();
    }

    ToolMetrics metrics() {
        return metrics;
    }

    /**
     * Handles one message. Returns the response to send for a request or an invalid message, and
     * empty for notifications, responses, and requests the client cancelled.
     *
     * @param related where messages tied to this request (progress, logs, sampling) are sent
     */
    Optional<Wire.Reply> handle(Session session, Envelope message, Outbound related) {
        return switch (message) {
            case Envelope.Request r -> handleRequest(session, r, related);
            case Envelope.Notification n -> {
                handleNotification(session, n);
                yield Optional.empty();
            }
            case Envelope.Response r -> {
                if (!session.answer(r.id(), r.result(), r.error())) {
                    LOG.debug("Ignored a response to an unknown request id {}", r.id());
                }
                yield Optional.empty();
            }
            case Envelope.Invalid i -> Optional.of(error(i.id(), i.code(), i.message(), null));
        };
    }

    /** A request registered as in flight: it can be cancelled from now on, even before it runs. */
    record Admitted(Envelope.Request request, String key, Session.InFlight call) {}

    /**
     * Registers a request as in flight, on the thread that read it, so that a cancellation read right
     * after it finds it. Empty with an error reply if its id is already in use.
     */
    Optional<Wire.Reply> admit(Session session, Envelope.Request request, Admitted[] admitted) {
        String key = request.id().isString() ? "s:" + request.id().stringValue() : "n:" + request.id();
        var call = new Session.InFlight(request.method());
        if (!session.begin(key, call)) {
            return Optional.of(error(
                    request.id(),
                    ProtocolException.INVALID_REQUEST,
                    "Invalid Request: id " + request.id() + " is already in use by a request in progress",
                    null));
        }
        admitted[0] = new Admitted(request, key, call);
        return Optional.empty();
    }

    private Optional<Wire.Reply> handleRequest(Session session, Envelope.Request request, Outbound related) {
        Admitted[] admitted = new Admitted[1];
        Optional<Wire.Reply> refused = admit(session, request, admitted);
        return refused.isPresent() ? refused : run(session, admitted[0], related);
    }

    /** Runs an admitted request on this thread; empty if it was cancelled (no response is sent). */
    Optional<Wire.Reply> run(Session session, Admitted admitted, Outbound related) {
        Envelope.Request request = admitted.request();
        Session.InFlight call = admitted.call();
        String key = admitted.key();
        if (!call.start(Thread.currentThread())) {
            session.end(key, call);
            return Optional.empty();
        }
        try {
            Object result = dispatch(session, request, related, call);
            if (call.cancelled) {
                return Optional.empty();
            }
            return Optional.of(new Wire.Result(request.id(), result));
        } catch (CancelledException e) {
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of(
                    error(request.id(), e.code(), e.getMessage(), e.data().orElse(null)));
        } catch (RuntimeException e) {
            if (call.cancelled) {
                return Optional.empty();
            }
            LOG.error("Internal error while handling {}", request.method(), e);
            return Optional.of(error(
                    request.id(),
                    ProtocolException.INTERNAL_ERROR,
                    "Internal error while handling " + request.method() + ": " + describe(e),
                    null));
        } finally {
            session.end(key, call);
        }
    }

    private Object dispatch(Session session, Envelope.Request request, Outbound related, Session.InFlight call) {
        String method = request.method();
        JsonNode params = request.params();
        if ("initialize".equals(method)) {
            return initialize(session, params);
        }
        if ("ping".equals(method)) {
            return Map.of();
        }
        if (!session.initialized()) {
            throw ProtocolException.of(
                    ProtocolException.INVALID_REQUEST,
                    "Invalid Request: the session is not initialized; send \"initialize\" before \"" + method + "\"");
        }
        return switch (method) {
            case "tools/list" -> {
                requireOffered(hasTools(), method);
                var page = Pages.page(catalog.toolSnapshot(), Catalog.Kind.TOOLS, params, pageSize);
                yield new McpSchema.ListToolsResult(
                        page.items().stream().map(KitTool::definition).toList(), page.nextCursor());
            }
            case "tools/call" -> {
                requireOffered(hasTools(), method);
                yield callTool(session, request, related, call);
            }
            case "resources/list" -> {
                requireOffered(hasResources(), method);
                var page = Pages.page(catalog.resourceSnapshot(), Catalog.Kind.RESOURCES, params, pageSize);
                yield new McpSchema.ListResourcesResult(
                        page.items().stream().map(KitResource::definition).toList(), page.nextCursor());
            }
            case "resources/templates/list" -> {
                requireOffered(hasResources(), method);
                var page = Pages.page(catalog.templateSnapshot(), Catalog.Kind.RESOURCE_TEMPLATES, params, pageSize);
                yield new McpSchema.ListResourceTemplatesResult(
                        page.items().stream()
                                .map(KitResourceTemplate::definition)
                                .toList(),
                        page.nextCursor());
            }
            case "resources/read" -> {
                requireOffered(hasResources(), method);
                yield readResource(requireString(params, "uri"));
            }
            case "resources/subscribe" -> {
                requireOffered(hasResources(), method);
                String uri = requireString(params, "uri");
                if (!resourceExists(uri)) {
                    throw ProtocolException.resourceNotFound(uri);
                }
                session.subscriptions().add(uri);
                yield Map.of();
            }
            case "resources/unsubscribe" -> {
                requireOffered(hasResources(), method);
                session.subscriptions().remove(requireString(params, "uri"));
                yield Map.of();
            }
            case "prompts/list" -> {
                requireOffered(hasPrompts(), method);
                var page = Pages.page(catalog.promptSnapshot(), Catalog.Kind.PROMPTS, params, pageSize);
                yield new McpSchema.ListPromptsResult(
                        page.items().stream().map(KitPrompt::definition).toList(), page.nextCursor());
            }
            case "prompts/get" -> {
                requireOffered(hasPrompts(), method);
                yield getPrompt(params);
            }
            case "logging/setLevel" -> {
                session.minLevel(level(requireString(params, "level")));
                yield Map.of();
            }
            case "completion/complete" -> {
                requireOffered(hasCompletions(), method);
                yield complete(params);
            }
            default -> throw ProtocolException.of(ProtocolException.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    private void handleNotification(Session session, Envelope.Notification notification) {
        switch (notification.method()) {
            case "notifications/cancelled" -> {
                JsonNode id = notification.params() == null
                        ? null
                        : notification.params().get("requestId");
                if (id != null && (id.isString() || id.isIntegralNumber())) {
                    String key = id.isString() ? "s:" + id.stringValue() : "n:" + id;
                    String reason = notification.params().path("reason").asString("cancelled by the client");
                    session.cancel(key, reason);
                }
            }
            case "notifications/initialized", "notifications/roots/list_changed", "notifications/progress" -> {}
            default -> LOG.debug("Ignored notification {}", notification.method());
        }
    }

    /**
     * The handshake. Its result is written as plain maps rather than SDK records: binding records costs
     * the first request tens of milliseconds of reflection, and initialize is what a client waits on.
     */
    private Map<String, Object> initialize(Session session, JsonNode params) {
        if (session.initialized()) {
            throw ProtocolException.of(
                    ProtocolException.INVALID_REQUEST, "Invalid Request: the session is already initialized");
        }
        String requested = requireString(params, "protocolVersion");
        String version = PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.get(0);
        JsonNode capabilities = params.get("capabilities");
        if (capabilities != null && !capabilities.isObject()) {
            throw ProtocolException.invalidParams("Invalid params: \"capabilities\" must be an object");
        }
        JsonNode clientInfo = params.get("clientInfo");
        if (clientInfo != null && !clientInfo.isObject()) {
            throw ProtocolException.invalidParams("Invalid params: \"clientInfo\" must be an object");
        }
        session.initialized(
                version,
                capabilities == null ? Json.object() : capabilities,
                clientInfo == null ? Json.object() : clientInfo);
        var info = new LinkedHashMap<String, Object>();
        info.put("name", serverInfo.name());
        if (serverInfo.title() != null) {
            info.put("title", serverInfo.title());
        }
        info.put("version", serverInfo.version());
        var result = new LinkedHashMap<String, Object>();
        result.put("protocolVersion", version);
        result.put("capabilities", capabilities());
        result.put("serverInfo", info);
        if (instructions != null) {
            result.put("instructions", instructions);
        }
        return result;
    }

    /** The capabilities this server has: only what is implemented and offered. */
    Map<String, Object> capabilities() {
        var caps = new LinkedHashMap<String, Object>();
        caps.put("logging", Map.of());
        if (hasCompletions()) {
            caps.put("completions", Map.of());
        }
        if (hasPrompts()) {
            caps.put("prompts", Map.of("listChanged", listChanged));
        }
        if (hasResources()) {
            caps.put("resources", Map.of("subscribe", true, "listChanged", listChanged));
        }
        if (hasTools()) {
            caps.put("tools", Map.of("listChanged", listChanged));
        }
        return caps;
    }

    private Object callTool(Session session, Envelope.Request request, Outbound related, Session.InFlight call) {
        JsonNode params = request.params();
        String name = requireString(params, "name");
        KitTool tool =
                catalog.tool(name).orElseThrow(() -> ProtocolException.invalidParams("Unknown tool: '" + name + "'"));
        JsonNode args = params.get("arguments");
        if (args == null || args.isNull()) {
            args = Json.object();
        } else if (!args.isObject()) {
            throw ProtocolException.invalidParams("Invalid params: \"arguments\" must be an object");
        }
        Object progressToken = progressToken(params);
        long start = System.nanoTime();
        McpSchema.CallToolResult result = null;
        try {
            Optional<String> violations =
                    SchemaCheck.violations(tool.definition().inputSchema(), args);
            if (violations.isPresent()) {
                result = errorResult("Invalid arguments for tool '" + name + "': " + violations.get());
            } else {
                var active = new ActiveCall(
                        session, name, args, progressToken, related, call, clientTimeout, serverInfo.name());
                result = toResult(tool, tool.handler().handle(active));
            }
        } catch (ToolException e) {
            if (e.getCause() != null) {
                // The tool explained the failure; its cause's stack trace is for whoever debugs it.
                LOG.warn(
                        "Tool {} failed: {} ({})",
                        name,
                        e.getMessage(),
                        e.getCause().toString());
                LOG.debug("Tool {} failure cause", name, e.getCause());
            }
            result = errorResult(e.getMessage());
        } catch (CancelledException | ProtocolException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException(call.reason);
        } catch (Exception e) {
            if (call.cancelled) {
                throw new CancelledException(call.reason);
            }
            LOG.error("Tool {} failed", name, e);
            result = errorResult("Tool '" + name + "' failed: " + describe(e));
        } finally {
            metrics.record(name, result == null || Boolean.TRUE.equals(result.isError()), System.nanoTime() - start);
        }
        return result;
    }

    private static McpSchema.CallToolResult toResult(KitTool tool, Object out) {
        McpSchema.CallToolResult result;
        if (out instanceof McpSchema.CallToolResult r) {
            result = r;
        } else if (out instanceof String s) {
            result = McpSchema.CallToolResult.builder().addTextContent(s).build();
        } else if (out instanceof McpSchema.Content c) {
            result = McpSchema.CallToolResult.builder().addContent(c).build();
        } else if (out == null) {
            result = McpSchema.CallToolResult.builder().content(List.of()).build();
        } else {
            JsonNode tree = Json.tree(out);
            var builder = McpSchema.CallToolResult.builder().addTextContent(Json.string(tree));
            if (tree.isObject()) {
                builder.structuredContent(tree);
            }
            result = builder.build();
        }
        if (Boolean.TRUE.equals(result.isError()) || tool.outputSchema().isEmpty()) {
            return result;
        }
        if (result.structuredContent() == null) {
            LOG.error("Tool {} declares an outputSchema but returned no structuredContent", tool.name());
            return errorResult(
                    "Tool '" + tool.name() + "' returned no structuredContent although it declares an outputSchema");
        }
        Optional<String> violations =
                SchemaCheck.violations(tool.outputSchema().get(), Json.tree(result.structuredContent()));
        if (violations.isPresent()) {
            LOG.error("Tool {} returned output that violates its outputSchema: {}", tool.name(), violations.get());
            return errorResult("Tool '" + tool.name() + "' returned output that does not match its outputSchema: "
                    + violations.get());
        }
        return result;
    }

    private McpSchema.ReadResourceResult readResource(String uri) {
        try {
            var fixed = catalog.resourceSnapshot().byKey().get(uri);
            if (fixed != null) {
                return fixed.reader().read();
            }
            for (KitResourceTemplate template : catalog.templateSnapshot().items()) {
                var variables = template.match(uri);
                if (variables.isPresent()) {
                    var found = template.reader().read(uri, variables.get());
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("Reading resource {} failed", uri, e);
            throw ProtocolException.of(ProtocolException.INTERNAL_ERROR, "Reading " + uri + " failed: " + describe(e));
        }
        throw ProtocolException.resourceNotFound(uri);
    }

    private boolean resourceExists(String uri) {
        if (catalog.resourceSnapshot().byKey().containsKey(uri)) {
            return true;
        }
        return catalog.templateSnapshot().items().stream()
                .anyMatch(t -> t.match(uri).isPresent());
    }

    private McpSchema.GetPromptResult getPrompt(JsonNode params) {
        String name = requireString(params, "name");
        KitPrompt prompt = catalog.promptSnapshot().byKey().get(name);
        if (prompt == null) {
            throw ProtocolException.invalidParams("Unknown prompt: '" + name + "'");
        }
        var arguments = new LinkedHashMap<String, String>();
        JsonNode given = params.get("arguments");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw ProtocolException.invalidParams("Invalid params: \"arguments\" must be an object of strings");
            }
            for (var field : given.properties()) {
                if (!field.getValue().isString()) {
                    throw ProtocolException.invalidParams(
                            "Invalid params: prompt argument '" + field.getKey() + "' must be a string");
                }
                arguments.put(field.getKey(), field.getValue().stringValue());
            }
        }
        List<String> missing = new ArrayList<>();
        if (prompt.definition().arguments() != null) {
            for (var argument : prompt.definition().arguments()) {
                if (Boolean.TRUE.equals(argument.required()) && !arguments.containsKey(argument.name())) {
                    missing.add(argument.name());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ProtocolException.invalidParams(
                    "Missing required argument(s) for prompt '" + name + "': " + String.join(", ", missing));
        }
        try {
            return prompt.handler().get(arguments);
        } catch (ProtocolException e) {
            throw e;
        } catch (ToolException e) {
            throw ProtocolException.invalidParams(e.getMessage());
        } catch (Exception e) {
            LOG.error("Prompt {} failed", name, e);
            throw ProtocolException.of(
                    ProtocolException.INTERNAL_ERROR, "Prompt '" + name + "' failed: " + describe(e));
        }
    }

    private McpSchema.CompleteResult complete(JsonNode params) {
        JsonNode ref = params == null ? null : params.get("ref");
        if (ref == null || !ref.isObject()) {
            throw ProtocolException.invalidParams("Invalid params: \"ref\" is required");
        }
        String argument = requireString(params.get("argument"), "name");
        JsonNode valueNode = params.get("argument").get("value");
        String value = valueNode != null && valueNode.isString() ? valueNode.stringValue() : "";
        var context = new LinkedHashMap<String, String>();
        JsonNode contextArgs = params.path("context").path("arguments");
        if (contextArgs.isObject()) {
            contextArgs
                    .properties()
                    .forEach(e -> context.put(e.getKey(), e.getValue().asString("")));
        }
        Completer completer =
                switch (ref.path("type").asString("")) {
                    case "ref/prompt" -> {
                        String name = requireString(ref, "name");
                        KitPrompt prompt = catalog.promptSnapshot().byKey().get(name);
                        if (prompt == null) {
                            throw ProtocolException.invalidParams("Unknown prompt: '" + name + "'");
                        }
                        yield prompt.completers().get(argument);
                    }
                    case "ref/resource" -> {
                        String uri = requireString(ref, "uri");
                        KitResourceTemplate template =
                                catalog.templateSnapshot().byKey().get(uri);
                        if (template == null) {
                            throw ProtocolException.invalidParams("Unknown resource template: '" + uri + "'");
                        }
                        yield template.completers().get(argument);
                    }
                    default ->
                        throw ProtocolException.invalidParams(
                                "Invalid params: ref.type must be \"ref/prompt\" or \"ref/resource\"");
                };
        List<String> values = completer == null ? List.of() : completer.complete(value, context);
        List<String> shown = values.size() > 100 ? values.subList(0, 100) : values;
        return new McpSchema.CompleteResult(
                new McpSchema.CompleteResult.CompleteCompletion(shown, values.size(), values.size() > shown.size()));
    }

    boolean hasTools() {
        return listChanged || catalog.declaresTools();
    }

    private boolean hasResources() {
        return !catalog.resourceSnapshot().items().isEmpty()
                || !catalog.templateSnapshot().items().isEmpty();
    }

    private boolean hasPrompts() {
        return !catalog.promptSnapshot().items().isEmpty();
    }

    private boolean hasCompletions() {
        return catalog.promptSnapshot().items().stream()
                        .anyMatch(p -> !p.completers().isEmpty())
                || catalog.templateSnapshot().items().stream()
                        .anyMatch(t -> !t.completers().isEmpty());
    }

    private static void requireOffered(boolean offered, String method) {
        if (!offered) {
            throw ProtocolException.of(
                    ProtocolException.METHOD_NOT_FOUND,
                    "Method not found: " + method + " (this server does not offer it)");
        }
    }

    private static String requireString(JsonNode params, String field) {
        JsonNode value = params == null ? null : params.get(field);
        if (value == null || value.isNull()) {
            throw ProtocolException.invalidParams("Invalid params: \"" + field + "\" is required");
        }
        if (!value.isString()) {
            throw ProtocolException.invalidParams("Invalid params: \"" + field + "\" must be a string");
        }
        return value.stringValue();
    }

    private static McpSchema.LoggingLevel level(String name) {
        for (McpSchema.LoggingLevel level : McpSchema.LoggingLevel.values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        throw ProtocolException.invalidParams("Invalid params: unknown logging level '" + name
                + "'; use debug, info, notice, warning, error, critical, alert or emergency");
    }

    private static Object progressToken(JsonNode params) {
        JsonNode token = params.path("_meta").get("progressToken");
        if (token == null) {
            return null;
        }
        if (token.isString()) {
            return token.stringValue();
        }
        if (token.isIntegralNumber()) {
            return token.numberValue();
        }
        throw ProtocolException.invalidParams("Invalid params: _meta.progressToken must be a string or an integer");
    }

    static McpSchema.CallToolResult errorResult(String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .isError(true)
                .build();
    }

    static Wire.Error error(JsonNode id, int code, String message, Object data) {
        return new Wire.Error(id, code, message, data);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
