package io.sirsi.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small, independent MCP server written for these tests only (no Sirsi code), with switchable
 * faults, so that the conformance kit can be shown to pass a correct server and to name each fault.
 */
final class MiniServer {
    /** Deliberate faults. */
    enum Fault {
        NONE,
        /** Prints a banner to stdout. */
        STDOUT_NOISE,
        /** Answers bad tool arguments with a JSON-RPC error instead of an isError result. */
        RPC_ERROR_FOR_BAD_ARGUMENTS,
        /** Accepts any Origin. */
        IGNORES_ORIGIN
    }

    private static final Set<String> VERSIONS = Set.of("2025-11-25", "2025-06-18", "2025-03-26");
    private final Fault fault;

    MiniServer(Fault fault) {
        this.fault = fault;
    }

    /** stdio mode: {@code MiniServer FAULT}. */
    public static void main(String[] args) throws IOException {
        var server = new MiniServer(Fault.valueOf(args.length > 0 ? args[0] : "NONE"));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (server.fault == Fault.STDOUT_NOISE) {
            out.println("MiniServer 1.0 starting up...");
            out.flush();
        }
        boolean[] initialized = {false};
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            ObjectNode answer = server.answer(line, initialized);
            if (answer != null) {
                out.println(answer);
                out.flush();
            }
        }
    }

    /** HTTP mode on a loopback port chosen by the system; returns the endpoint. */
    URI startHttp(HttpServer[] holder) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, boolean[]> sessions = new ConcurrentHashMap<>();
        http.createContext("/mcp", exchange -> {
            try (exchange) {
                handle(exchange, sessions);
            }
        });
        http.start();
        holder[0] = http;
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
    }

    private void handle(HttpExchange exchange, Map<String, boolean[]> sessions) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !(host.startsWith("127.0.0.1") || host.startsWith("localhost"))) {
            send(exchange, 421, error(null, -32000, "Misdirected Request"));
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (fault != Fault.IGNORES_ORIGIN
                && origin != null
                && !origin.startsWith("http://127.0.0.1")
                && !origin.startsWith("http://localhost")) {
            send(exchange, 403, error(null, -32000, "Forbidden origin"));
            return;
        }
        String sessionId = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        switch (exchange.getRequestMethod()) {
            case "GET" -> send(exchange, 405, null);
            case "DELETE" -> {
                int status = sessionId == null ? 400 : sessions.remove(sessionId) == null ? 404 : 200;
                send(exchange, status, null);
            }
            case "POST" -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonNode message;
                try {
                    message = Wire.JSON.readTree(body);
                } catch (JacksonException e) {
                    send(exchange, 400, error(null, -32700, "Parse error"));
                    return;
                }
                boolean isInitialize =
                        "initialize".equals(message.path("method").asString(""));
                boolean[] state;
                if (isInitialize && sessionId == null) {
                    sessionId = UUID.randomUUID().toString();
                    state = new boolean[] {false};
                    sessions.put(sessionId, state);
                    exchange.getResponseHeaders().add("Mcp-Session-Id", sessionId);
                } else if (sessionId == null) {
                    send(exchange, 400, error(null, -32000, "Missing session"));
                    return;
                } else if ((state = sessions.get(sessionId)) == null) {
                    send(exchange, 404, error(null, -32001, "Unknown session"));
                    return;
                } else {
                    String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
                    if (version == null || !VERSIONS.contains(version)) {
                        send(exchange, 400, error(null, -32000, "Bad protocol version"));
                        return;
                    }
                }
                ObjectNode answer = answer(body, state);
                send(exchange, answer == null ? 202 : 200, answer);
            }
            default -> send(exchange, 405, null);
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The answer to one message, or null for notifications. */
    ObjectNode answer(String text, boolean[] initialized) {
        JsonNode message;
        try {
            message = Wire.JSON.readTree(text);
        } catch (JacksonException e) {
            return error(null, -32700, "Parse error");
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asString("");
        if (id == null) {
            return null;
        }
        JsonNode params = message.path("params");
        if (!initialized[0] && !method.equals("initialize") && !method.equals("ping")) {
            return error(id, -32600, "Not initialized");
        }
        ObjectNode result = Wire.object();
        switch (method) {
            case "initialize" -> {
                String asked = params.path("protocolVersion").asString("");
                result.put("protocolVersion", VERSIONS.contains(asked) ? asked : "2025-11-25");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "mini").put("version", "1.0.0");
                initialized[0] = true;
            }
            case "ping" -> {}
            case "tools/list" -> {
                if (params.has("cursor")) {
                    return error(id, -32602, "Invalid cursor");
                }
                ObjectNode tool = result.putArray("tools")
                        .addObject()
                        .put("name", "greet")
                        .put("description", "Greets");
                tool.set(
                        "inputSchema",
                        Wire.JSON.readTree(
                                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}"));
                tool.set(
                        "outputSchema",
                        Wire.JSON.readTree(
                                "{\"type\":\"object\",\"properties\":{\"greeting\":{\"type\":\"string\"}},\"required\":[\"greeting\"]}"));
                tool.putObject("annotations").put("readOnlyHint", true);
            }
            case "tools/call" -> {
                if (!"greet".equals(params.path("name").asString(""))) {
                    return error(id, -32602, "Unknown tool");
                }
                JsonNode name = params.path("arguments").get("name");
                if (name == null || !name.isString()) {
                    if (fault == Fault.RPC_ERROR_FOR_BAD_ARGUMENTS) {
                        return error(id, -32602, "Invalid arguments");
                    }
                    result.putArray("content").addObject().put("type", "text").put("text", "name must be a string");
                    result.put("isError", true);
                } else {
                    String greeting = "Hello, " + name.stringValue();
                    result.putArray("content")
                            .addObject()
                            .put("type", "text")
                            .put("text", "{\"greeting\":\"" + greeting + "\"}");
                    result.putObject("structuredContent").put("greeting", greeting);
                }
            }
            default -> {
                return error(id, -32601, "Method not found: " + method);
            }
        }
        ObjectNode response = Wire.object().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = Wire.object().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
