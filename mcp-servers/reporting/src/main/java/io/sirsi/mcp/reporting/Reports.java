package io.sirsi.mcp.reporting;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Summary;
import io.sirsi.mcp.kit.CancelledException;
import io.sirsi.mcp.migration.BundledPriceBook;
import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.Decision;
import io.sirsi.mcp.migration.Diagrams;
import io.sirsi.mcp.migration.MigrationException;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.Planner;
import io.sirsi.mcp.migration.Readiness;
import io.sirsi.mcp.migration.Strategy;
import io.sirsi.mcp.security.CheckCatalog;
import io.sirsi.mcp.security.Scan;
import io.sirsi.mcp.security.Scanner;
import io.sirsi.mcp.security.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Builds migration reports, in process: plans the estate with the migration agent's planner (or
 * re-reads the plan given), scans it with the security agent's bundled checks (or reads the findings
 * given), and writes HTML, Markdown and PDF. The MCP tools call this; so can a benchmark.
 *
 * <pre>{@code
 * Report r = Reports.build(Reports.estate("kulturio"), "kulturio", Cloud.AZURE,
 *         Optional.empty(), Optional.empty(), EnumSet.allOf(Format.class));
 * }</pre>
 */
public final class Reports {
    private Reports() {}

    /** Loaded once, on first use: the bundled price snapshots and rule files. */
    private static final class Shared {
        static final Planner PLANNER = new Planner(BundledPriceBook.load());
        static final CheckCatalog CHECKS = CheckCatalog.bundled();
    }

    /**
     * A report on {@code inventory} moving to {@code target}, in {@code formats}, with the template
     * executive summary.
     *
     * @param label the estate's name in the report (a demo estate's name, or the inventory's source)
     * @param plan the migration agent's plan document to report on; planned here when empty
     * @param findings the security agent's run_checks result; scanned here when empty
     * @throws ReportException if the plan or the findings do not match their schemas, or the estate
     *     cannot be planned
     */
    public static Report build(
            Inventory inventory,
            String label,
            Cloud target,
            Optional<JsonNode> plan,
            Optional<JsonNode> findings,
            Set<Format> formats) {
        ReportContent content = assemble(inventory, label, target, plan, findings, Optional.empty());
        return render(content, ExecutiveSummary.template(content), formats, step -> {});
    }

    /**
     * A demo estate ({@code kulturio}, {@code tvfone}, {@code uniedu}) or {@code generated:SIZE}.
     *
     * @throws ReportException naming the estates there are
     */
    public static Inventory estate(String name) {
        try {
            return Planner.estate(name);
        } catch (MigrationException e) {
            throw new ReportException(e.getMessage());
        }
    }

    static Planner planner() {
        return Shared.PLANNER;
    }

    /** Plans and scans: everything the report will say. */
    static ReportContent assemble(
            Inventory inventory,
            String label,
            Cloud target,
            Optional<JsonNode> planDoc,
            Optional<JsonNode> findingsDoc,
            Optional<String> title) {
        Planner.Options options =
                planDoc.map(p -> PlanDocument.options(p, target)).orElseGet(() -> Planner.Options.of(target));
        Optional<Scan> given = findingsDoc.map(doc -> FindingsDocument.read(doc, label, inventory));
        // The scan and the plan are independent: the scan runs beside the plan, on another core.
        FutureTask<Scan> scanning = new FutureTask<>(() -> Scanner.run(label, inventory, Shared.CHECKS.checks()));
        if (given.isEmpty()) {
            Thread.ofPlatform().daemon().name("report-scan").start(scanning);
        }
        Plan plan;
        String targetDiagram;
        try {
            plan = Shared.PLANNER.plan(inventory, label, options, planDoc);
            targetDiagram = Diagrams.target(Shared.PLANNER.targetModel(inventory, plan, java.util.Map.of()));
        } catch (MigrationException e) {
            scanning.cancel(true);
            throw new ReportException(e.getMessage());
        }
        Scan scan = given.orElseGet(() -> result(scanning));
        Summary summary = Summary.of(inventory, inventory.resources());
        String name =
                title.filter(t -> !t.isBlank()).orElse("Migration report: " + label + " to " + target.displayName());
        return new ReportContent(
                name,
                label,
                inventory,
                summary,
                plan,
                scan,
                planDoc.isPresent(),
                findingsDoc.isPresent(),
                Diagrams.current(inventory, plan.workloads()),
                targetDiagram,
                Diagrams.waves(plan),
                figures(label, inventory, summary, plan, scan));
    }

    /** Writes the report in {@code formats}; {@code step} hears of each document as it is written. */
    static Report render(ReportContent content, ExecutiveSummary summary, Set<Format> formats, Consumer<String> step) {
        if (formats.isEmpty()) {
            throw new ReportException("formats must name at least one of html, markdown, pdf");
        }
        var sections = Outline.sections(content, summary);
        Optional<String> html =
                formats.contains(Format.HTML) ? Optional.of(HtmlWriter.browser(content, sections)) : Optional.empty();
        html.ifPresent(h -> step.accept("Wrote the HTML report"));
        Optional<String> markdown = formats.contains(Format.MARKDOWN) || html.isEmpty()
                ? Optional.of(MarkdownWriter.write(content, sections))
                : Optional.empty();
        // Named by its content: the same input gives the same id and the same URIs.
        String named = markdown.orElseGet(html::orElseThrow);
        String id = Escape.slug(content.label()) + "-" + content.plan().target().id() + "-"
                + digest(named + EnumSet.copyOf(formats) + summary.source());
        Optional<byte[]> pdf = Optional.empty();
        if (formats.contains(Format.PDF)) {
            pdf = Optional.of(PdfWriter.write(HtmlWriter.print(content, sections)));
            step.accept("Wrote the PDF report");
        }
        return new Report(
                id,
                content.title(),
                content.figures(),
                summary.text(),
                summary.source(),
                html,
                formats.contains(Format.MARKDOWN) ? markdown : Optional.empty(),
                pdf);
    }

    private static <T> T result(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while scanning");
        }
    }

    /**
     * Loads in the background what every report needs (the price snapshots, the rule files, the
     * Mermaid library), so that a server's first report does not wait for all of it.
     */
    static void warmUp() {
        Thread.ofPlatform().daemon().name("report-warm-up").start(() -> {
            Shared.CHECKS.checks();
            MermaidScript.hash();
        });
    }

    private static Figures figures(String label, Inventory inventory, Summary summary, Plan plan, Scan scan) {
        Map<String, Integer> byStrategy = new LinkedHashMap<>();
        Map<String, Integer> byReadiness = new LinkedHashMap<>();
        for (Strategy s : Strategy.values()) {
            int n = (int)
                    plan.decisions().stream().filter(d -> d.strategy() == s).count();
            if (n > 0) {
                byStrategy.put(s.id(), n);
            }
        }
        for (Readiness r : Readiness.values()) {
            int n = (int) plan.decisions().stream()
                    .map(Decision::readiness)
                    .filter(x -> x == r)
                    .count();
            if (n > 0) {
                byReadiness.put(r.id(), n);
            }
        }
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), 0);
        }
        scan.findings().forEach(f -> bySeverity.merge(f.severity().id(), 1, Integer::sum));
        var cost = plan.cost();
        return new Figures(
                label,
                plan.source().id(),
                plan.target().id(),
                plan.region(),
                inventory.resources().size(),
                inventory.accounts().size(),
                (int) summary.byRegion().keySet().stream()
                        .filter(r -> !r.equalsIgnoreCase("global"))
                        .count(),
                summary.monthlyCost(),
                cost.currentMonthly(),
                cost.retiredMonthly(),
                cost.retainedMonthly(),
                cost.targetOnDemandMonthly(),
                cost.targetOneYearMonthly(),
                cost.targetThreeYearMonthly(),
                cost.migrationEffortDays(),
                cost.migrationEffortCost(),
                plan.workloads().size(),
                plan.waves().size(),
                byStrategy,
                byReadiness,
                scan.findings().size(),
                bySeverity);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
