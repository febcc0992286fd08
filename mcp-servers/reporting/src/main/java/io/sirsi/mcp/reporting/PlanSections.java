package io.sirsi.mcp.reporting;

import io.sirsi.mcp.migration.Blocker;
import io.sirsi.mcp.migration.CostComparison;
import io.sirsi.mcp.migration.CostLine;
import io.sirsi.mcp.migration.Decision;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.PriceSource;
import io.sirsi.mcp.migration.Runbook;
import io.sirsi.mcp.migration.Sizing;
import io.sirsi.mcp.migration.Wave;
import io.sirsi.mcp.migration.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The sections about the move: the 7R decisions, the waves and runbooks, the cost, the diagrams. */
final class PlanSections {
    private static final Map<String, String> STRATEGY_COLOURS = Map.of(
            "rehost", "#3b6ea5",
            "replatform", "#4f9d69",
            "refactor", "#7b5ea7",
            "repurchase", "#c77c2e",
            "retire", "#9aa5b1",
            "retain", "#6b7785",
            "relocate", "#2a8c8c");
    private static final int SIZINGS_PER_CELL = 6;

    private PlanSections() {}

    static Section decisions(ReportContent c) {
        Plan plan = c.plan();
        Map<String, Workload> workloads =
                plan.workloads().stream().collect(Collectors.toMap(Workload::id, Function.identity(), (a, b) -> a));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph((c.planGiven()
                        ? "The plan given (the migration agent's plan_migration), re-read by the planner: "
                        : "The migration agent's assessment: ")
                + "a strategy for each of the " + plan.workloads().size() + " workloads, with its rationale, the "
                + "confidence in it, where its resources land on "
                + plan.target().displayName()
                + ", and whether it is ready to move."));
        List<BarChart.Bar> bars = new ArrayList<>();
        c.figures()
                .byStrategy()
                .forEach((s, n) -> bars.add(new BarChart.Bar(s, n, STRATEGY_COLOURS.getOrDefault(s, "#3b6ea5"))));
        blocks.add(new Block.Chart(new BarChart("Workloads by strategy (7 Rs)", "Strategy", "Workloads", false, bars)));
        List<Decision> shown = Outline.capped(plan.decisions());
        blocks.add(new Block.Table(
                List.of("Workload", "Strategy", "Rationale", "Confidence", "Target", "Readiness", "Blockers"),
                shown.stream()
                        .map(d -> List.of(
                                name(workloads.get(d.workload()), d.workload()),
                                d.strategy().id() + (d.status().equals("proposed") ? "" : " (" + d.status() + ")"),
                                d.rationale(),
                                Money.percent(d.confidence()),
                                targets(d.sizings()),
                                d.readiness().id(),
                                blockers(d.blockers())))
                        .toList(),
                shown.stream().map(d -> "ready-" + d.readiness().id()).toList(),
                List.of(false, false, false, true, false, false, false)));
        blocks.addAll(Outline.overflow(plan.decisions().size(), "decisions"));
        return new Section("decisions", "7R decisions", blocks);
    }

    static Section waves(ReportContent c) {
        List<Block> blocks = new ArrayList<>();
        List<Wave> waves = c.plan().waves();
        blocks.add(new Block.Paragraph(waves.size() + " waves. Wave 0 builds the landing zone; each later wave moves "
                + "its move groups after the waves it depends on, least risky first."));
        blocks.add(new Block.Diagram("Wave plan", c.wavesDiagram()));
        for (Wave w : waves.subList(0, Math.min(Outline.MAX_RUNBOOKS, waves.size()))) {
            blocks.add(new Block.Heading(
                    3, w.name().startsWith("Wave ") ? w.name() : "Wave " + w.number() + ": " + w.name()));
            blocks.add(new Block.Paragraph("Risk " + w.risk() + " (score " + Money.number(w.riskScore()) + ")"
                    + (w.after().isEmpty()
                            ? ""
                            : "; after wave" + (w.after().size() > 1 ? "s " : " ")
                                    + w.after().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    + ". Workloads: " + String.join(", ", w.workloads()) + "."));
            Runbook r = w.runbook();
            phase(blocks, "Pre-checks", r.preChecks());
            phase(blocks, "Backup", r.backups());
            phase(blocks, "Steps", r.steps());
            phase(blocks, "Validation", r.validation());
            phase(blocks, "Rollback", r.rollback());
        }
        if (waves.size() > Outline.MAX_RUNBOOKS) {
            blocks.add(new Block.Note("Runbooks are written out for the first " + Outline.MAX_RUNBOOKS + " of "
                    + waves.size() + " waves; the plan document holds them all."));
        }
        return new Section("waves", "Wave plan and runbooks", blocks);
    }

    static Section cost(ReportContent c) {
        CostComparison cost = c.plan().cost();
        String target = c.plan().target().displayName();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("What the resources that move cost each month today, against what they "
                + "would cost on " + target + " in " + c.plan().region() + ", on demand and with 1-year and 3-year "
                + "commitments; and the one-off effort of the move. Amounts in " + cost.currency() + "."));
        blocks.add(new Block.Chart(new BarChart(
                "Monthly cost: today against " + target,
                "Cost",
                cost.currency() + " per month",
                true,
                List.of(
                        new BarChart.Bar("Today (what moves)", cost.currentMonthly(), "#6b7785"),
                        new BarChart.Bar(target + " on demand", cost.targetOnDemandMonthly(), "#3b6ea5"),
                        new BarChart.Bar(target + " 1-year commitment", cost.targetOneYearMonthly(), "#4f9d69"),
                        new BarChart.Bar(target + " 3-year commitment", cost.targetThreeYearMonthly(), "#2e7d4f")))));
        blocks.add(new Block.Table(
                List.of("Measure", "Amount"),
                List.of(
                        List.of("Today, what moves (monthly)", Money.of(cost.currentMonthly())),
                        List.of(target + " on demand (monthly)", Money.of(cost.targetOnDemandMonthly())),
                        List.of(target + " with 1-year commitments (monthly)", Money.of(cost.targetOneYearMonthly())),
                        List.of(target + " with 3-year commitments (monthly)", Money.of(cost.targetThreeYearMonthly())),
                        List.of("Retired, saved (monthly)", Money.of(cost.retiredMonthly())),
                        List.of("Retained, stays where it is (monthly)", Money.of(cost.retainedMonthly())),
                        List.of(
                                "One-off migration effort",
                                Money.of(cost.migrationEffortCost()) + " (" + Money.number(cost.migrationEffortDays())
                                        + " person-days at " + Money.of(cost.dayRate()) + ")"),
                        List.of("Data to transfer", Money.number(cost.dataToTransferGb()) + " GB")),
                List.of(),
                List.of(false, true)));
        blocks.add(new Block.Heading(3, "Price sources"));
        blocks.add(new Block.Bullets(
                cost.sources().stream().map(PlanSections::source).distinct().toList()));
        List<CostLine> lines = Outline.capped(cost.lines());
        if (!lines.isEmpty()) {
            blocks.add(new Block.Heading(3, "By resource"));
            blocks.add(new Block.Table(
                    List.of("Resource", "Target", "Today", "On demand", "1-year", "3-year", "Price list"),
                    lines.stream()
                            .map(l -> List.of(
                                    l.resourceName(),
                                    l.item(),
                                    Money.of(l.currentMonthly()),
                                    Money.of(l.onDemandMonthly()),
                                    l.oneYearMonthly().map(Money::of).orElse("not sold"),
                                    l.threeYearMonthly().map(Money::of).orElse("not sold"),
                                    l.source()))
                            .toList(),
                    List.of(),
                    List.of(false, false, true, true, true, true, false)));
            blocks.addAll(Outline.overflow(cost.lines().size(), "priced resources"));
        }
        if (!cost.unpriced().isEmpty()) {
            blocks.add(new Block.Note("Not priced (the snapshots have no price for them): "
                    + String.join("; ", Outline.capped(cost.unpriced())) + "."));
        }
        return new Section("cost", "Cost: today against " + target, blocks);
    }

    static Section architecture(ReportContent c) {
        return new Section(
                "architecture",
                "Architecture diagrams",
                List.of(
                        new Block.Paragraph("The workloads as they run today and what the plan builds on "
                                + c.plan().target().displayName() + ". Large estates are cut to 150 nodes per "
                                + "diagram, and the diagram says how many it leaves out."),
                        new Block.Diagram(
                                "Current architecture on " + c.plan().source().displayName(), c.currentDiagram()),
                        new Block.Diagram(
                                "Target architecture on " + c.plan().target().displayName(), c.targetDiagram())));
    }

    private static void phase(List<Block> blocks, String title, List<String> items) {
        blocks.add(new Block.Heading(4, title));
        blocks.add(items.isEmpty() ? new Block.Paragraph("None.") : new Block.Bullets(items));
    }

    private static String name(Workload w, String id) {
        return w == null || w.name().equals(id) ? id : w.name() + " (" + id + ")";
    }

    private static String targets(List<Sizing> sizings) {
        if (sizings.isEmpty()) {
            return "-";
        }
        String shown = sizings.stream()
                .limit(SIZINGS_PER_CELL)
                .map(s -> s.sourceName() + ": " + s.targetService()
                        + (s.targetSku().isBlank() ? "" : " " + s.targetSku())
                        + s.version().map(v -> " " + v).orElse(""))
                .collect(Collectors.joining("; "));
        return sizings.size() > SIZINGS_PER_CELL
                ? shown + "; and " + (sizings.size() - SIZINGS_PER_CELL) + " more"
                : shown;
    }

    private static String blockers(List<Blocker> blockers) {
        List<Blocker> shown =
                blockers.stream().filter(b -> !b.severity().equals("info")).toList();
        if (shown.isEmpty()) {
            return "-";
        }
        return shown.stream()
                .map(b -> b.severity() + ": " + b.resourceName() + ": " + b.message())
                .collect(Collectors.joining("; "));
    }

    private static String source(PriceSource s) {
        return s.name() + " (" + s.cloud().displayName() + "), as of " + s.asOf();
    }
}
