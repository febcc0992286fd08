package io.sirsi.mcp.reporting;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.kit.ToolException;
import io.sirsi.mcp.kit.ToolGroup;
import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.MigrationException;
import io.sirsi.mcp.security.EstateInput;
import io.sirsi.mcp.security.SecurityException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reporting tools. Both are read-only: a report is computed from its inputs, and keeping it as a
 * resource changes nothing outside the server. {@code build_report} reports progress as it plans,
 * scans and writes.
 */
final class ReportTools implements ToolGroup {
    private static final String BUILD_INPUT = """
            {"type":"object","properties":{%s,
            "target":{"type":"string","enum":["aws","azure","gcp"],"description":"The cloud to move to"},
            "plan":{"type":"object","description":"The migration agent's plan_migration result (its structuredContent), possibly edited; planned here when absent"},
            "findings":{"type":"object","description":"The security agent's run_checks result (its structuredContent); the bundled checks run here when absent"},
            "formats":{"type":"array","items":{"type":"string","enum":["html","markdown","pdf"]},"minItems":1,"uniqueItems":true,"default":["html","markdown","pdf"],"description":"The documents to write (default all three)"},
            "title":{"type":"string","maxLength":200,"description":"The report's title"},
            "summary":{"type":"string","enum":["auto","template"],"default":"auto","description":"auto: the client's model writes the executive summary when the client supports sampling, else the template; template: always the template"}
            },"required":["target"],"additionalProperties":false}""".formatted(EstateInput.SCHEMA_PROPERTIES);
    private static final String BUILD_OUTPUT = """
            {"type":"object","properties":{"id":{"type":"string"},"title":{"type":"string"},"estate":{"type":"string"},
            "target":{"type":"string"},"summarySource":{"type":"string","enum":["sampling","template"]},
            "uris":{"type":"object","additionalProperties":{"type":"string"}},
            "sizes":{"type":"object","additionalProperties":{"type":"integer"}},"figures":{"type":"object"}},
            "required":["id","title","summarySource","uris","sizes","figures"]}""";
    private static final String LIST_OUTPUT = """
            {"type":"object","properties":{"capacity":{"type":"integer"},"reports":{"type":"array","items":{"type":"object"}}},
            "required":["capacity","reports"]}""";

    private final ReportShelf shelf;

    ReportTools(ReportShelf shelf) {
        this.shelf = shelf;
    }

    @Override
    public List<KitTool> tools() {
        return List.of(
                KitTool.builder("build_report")
                        .title("Build a migration report")
                        .description("A migration report on an estate moving to a target cloud: executive summary, "
                                + "inventory overview, security findings by severity, 7R decisions, waves with "
                                + "runbooks, cost today against the target's, Mermaid diagrams and SVG charts. "
                                + "Written as self-contained HTML, Markdown and PDF, each kept as a resource "
                                + "(report://ID/report.html, report.md, report.pdf); the result names their URIs "
                                + "and the headline figures")
                        .inputSchema(BUILD_INPUT)
                        .outputSchema(BUILD_OUTPUT)
                        .idempotent(true)
                        .handler(call -> mapped(() -> build(call)))
                        .build(),
                KitTool.builder("list_reports")
                        .title("List kept reports")
                        .description("The reports this server keeps (the last " + Main.KEPT_REPORTS
                                + "), oldest first, with their URIs and sizes")
                        .inputSchema("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}")
                        .outputSchema(LIST_OUTPUT)
                        .idempotent(true)
                        .handler(call -> mapped(this::list))
                        .build());
    }

    private interface Body {
        Object run();
    }

    /** The one place where the module's errors, and the agents' it calls, become tool errors. */
    private static Object mapped(Body body) {
        try {
            return body.run();
        } catch (ReportException | MigrationException | SecurityException e) {
            throw new ToolException(e.getMessage());
        }
    }

    private Object build(ToolCall call) {
        EstateInput estate = EstateInput.from(call);
        call.progress(5, 100, "Read " + estate.inventory().resources().size() + " resources of " + estate.label());
        Cloud target = Cloud.of(call.string("target").orElse(""));
        Set<Format> formats = EnumSet.noneOf(Format.class);
        call.arguments().path("formats").forEach(f -> formats.add(Format.of(f.asString(""))));
        if (!call.arguments().has("formats")) {
            formats.addAll(EnumSet.allOf(Format.class));
        }
        ReportContent content = Reports.assemble(
                estate.inventory(),
                estate.label(),
                target,
                Optional.ofNullable(call.arguments().get("plan")),
                Optional.ofNullable(call.arguments().get("findings")),
                call.string("title"));
        Figures f = content.figures();
        call.progress(
                40,
                100,
                "Planned " + f.workloads() + " workloads in " + f.waves() + " waves; " + f.findings() + " findings");
        call.checkCancelled();
        boolean template = call.string("summary").orElse("auto").equals("template");
        ExecutiveSummary summary = template
                ? ExecutiveSummary.template(content)
                : ExecutiveSummary.sample(call, content).orElseGet(() -> ExecutiveSummary.template(content));
        call.progress(55, 100, "Wrote the executive summary (" + summary.source() + ")");
        call.checkCancelled();
        AtomicInteger done = new AtomicInteger(55);
        Report report = Reports.render(content, summary, formats, step -> call.progress(done.addAndGet(15), 100, step));
        ReportShelf.Kept kept = shelf.keep(report);
        call.progress(100, 100, "Kept report " + report.id());
        ObjectNode out = ReportShelf.describe(kept);
        out.set("figures", InventoryJson.MAPPER.valueToTree(f));
        var result = McpSchema.CallToolResult.builder()
                .addTextContent(InventoryJson.MAPPER.writeValueAsString(out))
                .structuredContent(out);
        if (call.protocolVersion().compareTo("2025-06-18") >= 0) {
            for (Format format : kept.documents().keySet()) {
                result.addContent(McpSchema.ResourceLink.builder()
                        .uri(report.uri(format))
                        .name(report.id() + "/" + format.fileName())
                        .title(report.title() + " (" + format.id() + ")")
                        .mimeType(format.mimeType())
                        .size((long) kept.documents().get(format).length)
                        .build());
            }
        }
        return result.build();
    }

    private Object list() {
        ObjectNode out = InventoryJson.MAPPER.createObjectNode().put("capacity", Main.KEPT_REPORTS);
        var reports = out.putArray("reports");
        shelf.list().forEach(k -> reports.add(ReportShelf.describe(k)));
        return out;
    }
}
