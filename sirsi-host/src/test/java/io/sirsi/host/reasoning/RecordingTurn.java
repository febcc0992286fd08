package io.sirsi.host.reasoning;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.mcp.ToolCatalog;
import io.sirsi.host.mcp.ToolResult;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import tools.jackson.core.type.TypeReference;

/** A turn that records the tool calls and the text said, and answers calls with a function of the test. */
final class RecordingTurn implements Turn {
    /** A call the reasoner made. */
    record Call(String tool, Map<String, Object> arguments) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> said = new CopyOnWriteArrayList<>();
    volatile boolean cancel;

    private final Session session;
    private final String message;
    private final ToolCatalog catalog;
    private final Path artifacts;
    private final BiFunction<String, Map<String, Object>, ToolResult> tools;

    RecordingTurn(
            Session session,
            String message,
            ToolCatalog catalog,
            Path artifacts,
            BiFunction<String, Map<String, Object>, ToolResult> tools) {
        this.session = session;
        this.message = message;
        this.catalog = catalog;
        this.artifacts = artifacts;
        this.tools = tools;
    }

    /** A turn of a new session whose history is the message. */
    static RecordingTurn of(
            String message,
            ToolCatalog catalog,
            Path artifacts,
            BiFunction<String, Map<String, Object>, ToolResult> tools) {
        Instant now = Instant.now();
        Session session = Session.create("s-1", now).withMessage(new Session.Message("user", message, now));
        return new RecordingTurn(session, message, catalog, artifacts, tools);
    }

    @Override
    public String id() {
        return "turn-1";
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public ToolCatalog catalog() {
        return catalog;
    }

    @Override
    public ToolResult call(String tool, Map<String, Object> arguments) {
        calls.add(new Call(tool, arguments));
        return tools.apply(tool, arguments);
    }

    @Override
    public void say(String text) {
        said.add(text);
    }

    @Override
    public Path artifacts() {
        return artifacts;
    }

    @Override
    public void artifact(String name, Path file) {}

    @Override
    public boolean cancelled() {
        return cancel;
    }

    /** A catalog tool of a real MCP tool definition: {@code server__name}, read-only or not. */
    static CatalogTool tool(String server, String name, String description, String inputSchema, boolean readOnly) {
        Map<String, Object> schema = ModelStub.JSON.readValue(inputSchema, new TypeReference<Map<String, Object>>() {});
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(schema)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(readOnly)
                        .destructiveHint(!readOnly)
                        .build())
                .build();
        return new CatalogTool(server + ToolCatalog.SEPARATOR + name, server, tool);
    }

    /** The security server's run_checks, with its real input schema. */
    static CatalogTool runChecks() {
        return tool(
                "security",
                "run_checks",
                "Runs the security checks over an estate or inventory document and returns the findings, most "
                        + "severe first, with remediation and framework controls",
                """
                {"type":"object","properties":{
                  "estate":{"type":"string","description":"A bundled demo estate: kulturio, tvfone or uniedu"},
                  "framework":{"type":"string","description":"Only checks mapped to this framework"},
                  "checks":{"type":"array","items":{"type":"string"},"description":"Only these check ids"},
                  "minSeverity":{"type":"string","enum":["critical","high","medium","low","info"]},
                  "format":{"type":"string","enum":["json","sarif","ocsf"],"default":"json"},
                  "limit":{"type":"integer","minimum":1,"maximum":100000,"default":1000}},
                 "additionalProperties":false}""",
                true);
    }

    /** The migration server's plan_migration, which writes (not read-only). */
    static CatalogTool planMigration() {
        return tool(
                "migration",
                "plan_migration",
                "Plans the migration of an estate to a target cloud: the 7 Rs per workload and the waves",
                """
                {"type":"object","properties":{
                  "estate":{"type":"string"},
                  "target":{"type":"string","enum":["aws","azure","gcp"]}},
                 "required":["estate","target"]}""",
                false);
    }

    /** A result with this structured content, as a tool that succeeded gives it. */
    static ToolResult structured(String tool, String json) {
        Map<String, Object> structured = ModelStub.JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        return new ToolResult(tool, false, structured, json);
    }

    /** An accessor for the catalog of these tools. */
    static ToolCatalog catalog(CatalogTool... tools) {
        return ToolCatalog.ofTools(List.of(tools));
    }
}
