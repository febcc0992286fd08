package io.sirsi.mcp.reporting;

import io.sirsi.mcp.inventory.Summary;
import io.sirsi.mcp.security.Finding;
import io.sirsi.mcp.security.Scan;
import io.sirsi.mcp.security.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The sections about the estate as it is: the executive summary, the inventory and the findings. */
final class EstateSections {
    static final Map<String, String> SEVERITY_COLOURS =
            Map.of("critical", "#8e1b1b", "high", "#d9534f", "medium", "#e8a33d", "low", "#4a9fc4", "info", "#9aa5b1");
    private static final int CHART_TYPES = 15;

    private EstateSections() {}

    static Section summary(ReportContent c, ExecutiveSummary summary) {
        Figures f = c.figures();
        List<Block> blocks = new ArrayList<>();
        summary.paragraphs().forEach(p -> blocks.add(new Block.Paragraph(p)));
        blocks.add(new Block.Note(
                summary.source().equals(ExecutiveSummary.SAMPLING)
                        ? "Summary written by the client's model (MCP sampling) from the figures below."
                        : "Summary written from the figures below."));
        blocks.add(new Block.Highlights(List.of(
                new Block.Highlight("Resources", Money.number(f.resources())),
                new Block.Highlight("Workloads", Money.number(f.workloads())),
                new Block.Highlight("Waves", Money.number(f.waves())),
                new Block.Highlight("Today, what moves", Money.of(f.currentMonthly()) + "/mo"),
                new Block.Highlight("Target on demand", Money.of(f.targetOnDemandMonthly()) + "/mo"),
                new Block.Highlight("Target, 3-year", Money.of(f.targetThreeYearMonthly()) + "/mo"),
                new Block.Highlight("One-off effort", Money.of(f.migrationEffortCost())),
                new Block.Highlight(
                        "Critical and high findings", Money.number(f.findings("critical") + f.findings("high"))))));
        if (!c.plan().notes().isEmpty()) {
            blocks.add(new Block.Heading(3, "Planner notes"));
            blocks.add(new Block.Bullets(c.plan().notes()));
        }
        return new Section("summary", "Executive summary", blocks);
    }

    static Section inventory(ReportContent c) {
        Summary s = c.summary();
        Figures f = c.figures();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("The estate " + c.label() + " on " + ExecutiveSummary.cloudName(f.source())
                + " (inventory source " + c.inventory().source() + ", collected at "
                + c.inventory().collectedAt()
                + ")."));
        blocks.add(new Block.Highlights(List.of(
                new Block.Highlight("Resources", Money.number(s.resources())),
                new Block.Highlight("Relationships", Money.number(s.relationships())),
                new Block.Highlight(capital(ExecutiveSummary.tenant(f.source())) + "s", Money.number(f.accounts())),
                new Block.Highlight("Regions", Money.number(f.regions())),
                new Block.Highlight("Monthly cost", Money.of(s.monthlyCost())))));
        List<Map.Entry<String, Integer>> types = s.byType().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<BarChart.Bar> bars = new ArrayList<>();
        types.stream().limit(CHART_TYPES).forEach(e -> bars.add(new BarChart.Bar(e.getKey(), e.getValue(), "#3b6ea5")));
        if (types.size() > CHART_TYPES) {
            int rest = types.subList(CHART_TYPES, types.size()).stream()
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            bars.add(new BarChart.Bar("other (" + (types.size() - CHART_TYPES) + " types)", rest, "#9aa5b1"));
        }
        blocks.add(new Block.Chart(new BarChart("Resources by type", "Resource type", "Resources", false, bars)));
        blocks.add(new Block.Heading(3, "Resources by type"));
        blocks.add(new Block.Table(
                List.of("Type", "Resources", "Monthly cost"),
                types.stream()
                        .map(e -> List.of(
                                e.getKey(),
                                Money.number(e.getValue()),
                                Money.of(s.monthlyCostByType().getOrDefault(e.getKey(), 0.0))))
                        .toList(),
                List.of(),
                List.of(false, true, true)));
        if (s.withoutCost() > 0) {
            blocks.add(new Block.Note(s.withoutCost() + " resources have no cost in the inventory."));
        }
        blocks.add(new Block.Heading(3, capital(ExecutiveSummary.tenant(f.source())) + "s and regions"));
        blocks.add(new Block.Table(
                List.of("Id", "Name", "Regions", "Resources"),
                c.inventory().accounts().stream()
                        .map(a -> List.of(
                                a.id(),
                                a.name(),
                                String.join(", ", a.regions()),
                                Money.number(s.byAccount().getOrDefault(a.id(), 0))))
                        .toList(),
                List.of(),
                List.of(false, false, false, true)));
        blocks.add(new Block.Table(
                List.of("Region", "Resources"),
                s.byRegion().entrySet().stream()
                        .map(e -> List.of(e.getKey(), Money.number(e.getValue())))
                        .toList(),
                List.of(),
                List.of(false, true)));
        return new Section("inventory", "Inventory overview", blocks);
    }

    static Section findings(ReportContent c) {
        Scan scan = c.scan();
        Figures f = c.figures();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(
                c.findingsGiven()
                        ? "The findings the security agent reported (run_checks), as given: " + f.findings()
                                + " in all."
                        : "The security agent's bundled checks, run over the inventory: " + scan.checksRun()
                                + " checks over " + scan.resourcesEvaluated() + " resources; "
                                + scan.passed().size()
                                + " passed everywhere they applied, " + f.findings() + " findings."));
        List<BarChart.Bar> bars = new ArrayList<>();
        List<List<String>> counts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            bars.add(new BarChart.Bar(s.id(), f.findings(s.id()), SEVERITY_COLOURS.get(s.id())));
            counts.add(List.of(s.id(), Integer.toString(f.findings(s.id()))));
        }
        blocks.add(new Block.Chart(new BarChart("Findings by severity", "Severity", "Findings", false, bars)));
        blocks.add(new Block.Table(List.of("Severity", "Findings"), counts, List.of(), List.of(false, true)));
        List<Finding> sorted = scan.findings().stream()
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
        if (!sorted.isEmpty()) {
            List<Finding> shown = Outline.capped(sorted);
            blocks.add(new Block.Heading(3, "Findings, most severe first"));
            blocks.add(new Block.Table(
                    List.of("Severity", "Check", "Resource", "Message", "Remediation"),
                    shown.stream()
                            .map(x -> List.of(
                                    x.severity().id(),
                                    x.checkId(),
                                    x.resourceName()
                                            + (x.resourceType().isEmpty() ? "" : " (" + x.resourceType() + ")"),
                                    x.message() == null ? "" : x.message(),
                                    x.remediation() == null ? "" : x.remediation()))
                            .toList(),
                    shown.stream().map(x -> "sev-" + x.severity().id()).toList(),
                    List.of(false, false, false, false, false)));
            blocks.addAll(Outline.overflow(sorted.size(), "findings"));
        }
        return new Section("findings", "Security findings", blocks);
    }

    static String capital(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
