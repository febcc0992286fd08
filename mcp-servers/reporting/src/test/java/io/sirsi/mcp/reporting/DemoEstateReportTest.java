package io.sirsi.mcp.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sirsi.mcp.migration.Decision;
import io.sirsi.mcp.migration.Diagrams;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.Wave;
import io.sirsi.mcp.security.Scan;
import io.sirsi.mcp.security.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The report of each demo estate says what the plan and the scan say, in every section, in HTML and Markdown. */
class DemoEstateReportTest {
    private static final List<String> SECTIONS =
            List.of("summary", "inventory", "findings", "decisions", "waves", "cost", "architecture");
    private static final List<String> TITLES = List.of(
            "Executive summary",
            "Inventory overview",
            "Security findings",
            "7R decisions",
            "Wave plan and runbooks",
            "Cost: today against",
            "Architecture diagrams");

    static List<ReportFixtures.Case> cases() {
        return ReportFixtures.demo();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everySectionIsThereInOrder(ReportFixtures.Case c) {
        Report r = ReportFixtures.report(c);
        String html = r.html().orElseThrow();
        String md = r.markdown().orElseThrow();
        int htmlAt = -1;
        int mdAt = -1;
        for (int i = 0; i < SECTIONS.size(); i++) {
            int h = html.indexOf("<section id=\"" + SECTIONS.get(i) + "\">");
            assertTrue(h > htmlAt, "HTML section " + SECTIONS.get(i) + " after the previous one");
            htmlAt = h;
            int m = md.indexOf("## " + (i + 1) + ". " + TITLES.get(i));
            assertTrue(m > mdAt, "Markdown section " + TITLES.get(i) + " after the previous one");
            mdAt = m;
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(r.pdf().orElseThrow().length > 10_000);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void findingsPerSeverityAreTheScanners(ReportFixtures.Case c) {
        Report r = ReportFixtures.report(c);
        Scan scan = ReportFixtures.scan(c);
        String md = r.markdown().orElseThrow();
        String html = r.html().orElseThrow();
        assertTrue(scan.findings().size() > 0, "the demo estates have findings");
        for (Severity s : Severity.values()) {
            int expected = scan.bySeverity().get(s.id());
            assertEquals(expected, r.figures().findings(s.id()), s.id());
            assertTrue(md.contains("| " + s.id() + " | " + expected + " |"), "Markdown count of " + s.id());
            assertEquals(expected, count(html, "<tr class=\"sev-" + s.id() + "\">"), "HTML rows of " + s.id());
        }
        // Most severe first: the severities of the findings table never go back up.
        List<Integer> order = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"sev-([a-z]+)\">").matcher(html);
        while (m.find()) {
            order.add(Severity.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT))
                    .ordinal());
        }
        assertEquals(order.stream().sorted().toList(), order);
        for (var f : scan.findings()) {
            assertTrue(md.contains(Escape.markdown(f.checkId())), f.checkId());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decisionsWavesAndCostAreThePlans(ReportFixtures.Case c) {
        Report r = ReportFixtures.report(c);
        Plan plan = ReportFixtures.plan(c);
        String md = r.markdown().orElseThrow();
        Figures f = r.figures();
        assertEquals(plan.workloads().size(), f.workloads());
        assertEquals(plan.waves().size(), f.waves());
        assertEquals(plan.cost().currentMonthly(), f.currentMonthly());
        assertEquals(plan.cost().targetOnDemandMonthly(), f.targetOnDemandMonthly());
        assertEquals(plan.cost().targetThreeYearMonthly(), f.targetThreeYearMonthly());
        assertEquals(plan.cost().migrationEffortCost(), f.migrationEffortCost());
        for (double amount : List.of(
                plan.cost().currentMonthly(),
                plan.cost().targetOnDemandMonthly(),
                plan.cost().targetOneYearMonthly(),
                plan.cost().targetThreeYearMonthly(),
                plan.cost().migrationEffortCost())) {
            assertTrue(md.contains(Escape.markdown(Money.of(amount))), "the cost section shows " + Money.of(amount));
        }
        for (var source : plan.cost().sources()) {
            assertTrue(md.contains(source.asOf().toString()), "price date " + source.asOf());
        }
        for (Decision d : plan.decisions()) {
            assertTrue(
                    md.contains(" | " + d.strategy().id() + " | ") && md.contains(Escape.markdown(d.rationale())),
                    d.workload() + "'s decision");
        }
        for (Wave w : plan.waves()) {
            assertTrue(md.contains("### "
                    + Escape.markdown(
                            w.name().startsWith("Wave ") ? w.name() : "Wave " + w.number() + ": " + w.name())));
            for (String step : w.runbook().steps()) {
                assertTrue(md.contains(Escape.markdown(step)), "wave " + w.number() + " step " + step);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void diagramsAreTheMigrationAgentsAndChartsAreInlineSvg(ReportFixtures.Case c) {
        Report r = ReportFixtures.report(c);
        Plan plan = ReportFixtures.plan(c);
        var inventory = Reports.estate(c.estate());
        List<String> expected = List.of(
                Diagrams.waves(plan),
                Diagrams.current(inventory, plan.workloads()),
                Diagrams.target(Reports.planner().targetModel(inventory, plan, java.util.Map.of())));
        String html = r.html().orElseThrow();
        String md = r.markdown().orElseThrow();
        for (String mermaid : expected) {
            assertTrue(html.contains("<pre class=\"mermaid\">\n" + Escape.html(mermaid) + "</pre>"));
            assertTrue(md.contains("```mermaid\n" + mermaid.stripTrailing() + "\n```"));
        }
        assertEquals(3, count(html, "<pre class=\"mermaid\">"));
        assertEquals(3, count(md, "```mermaid\n"));
        assertTrue(html.contains("mermaid.initialize({startOnLoad:true, securityLevel:'strict'"));
        assertEquals(4, count(html, "<svg class=\"chart\""), "resources, findings, strategies, cost");
        assertTrue(html.contains(">Resources by type</text>") && html.contains(">Resources</text>"), "axis titles");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theHtmlLoadsNothingFromAnywhere(ReportFixtures.Case c) {
        String html = ReportFixtures.report(c).html().orElseThrow();
        assertFalse(
                Pattern.compile("(?i)\\b(src|href|action|poster|srcset)\\s*=\\s*[\"']?\\s*(https?:)?//")
                        .matcher(html)
                        .find(),
                "no src or href to another host");
        // Outside the Mermaid library (whose CSS compiler names @import), no style or link reaches out.
        String page = ReportFixtures.withoutScripts(html);
        assertFalse(Pattern.compile("(?i)<link\\b|@import|url\\(").matcher(page).find());
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        while (hrefs.find()) {
            assertTrue(hrefs.group(1).startsWith("#"), "only links within the page: " + hrefs.group(1));
        }
        assertEquals(2, count(html, "<script>"), "the Mermaid library and its initialization, inline");
        assertFalse(html.contains("<script src"));
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    @Test
    void kulturiosReportNamesItsPostgres11DatabaseAndItsImdsv1Finding() {
        Report r = ReportFixtures.report(ReportFixtures.DEMO.get(0));
        String md = r.markdown().orElseThrow();
        assertTrue(
                md.lines()
                        .anyMatch(
                                l -> l.contains("kulturio-phi-pg (aws.rds.db-instance)") && l.contains("postgres 11")),
                "the outdated PostgreSQL 11 finding on kulturio-phi-pg");
        assertTrue(md.lines().anyMatch(l -> l.contains("| aws-ec2-instance-imdsv1 |")));
        assertTrue(
                md.lines().anyMatch(l -> l.startsWith("| portal") && l.contains("kulturio-phi-pg: ")),
                "the portal decision says where kulturio-phi-pg lands");
        assertTrue(r.html().orElseThrow().contains("aws-ec2-instance-imdsv1"));
        assertTrue(r.summary().startsWith("kulturio runs 113 resources"), r.summary());
        assertEquals("template", r.summarySource());
    }

    @Test
    void theSameInputGivesTheSameReport() {
        var c = ReportFixtures.DEMO.get(1);
        Report again = Reports.build(
                Reports.estate(c.estate()),
                c.estate(),
                c.target(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.EnumSet.of(Format.HTML, Format.MARKDOWN, Format.PDF));
        Report first = ReportFixtures.report(c);
        assertEquals(first.id(), again.id());
        assertEquals(first.html(), again.html());
        assertEquals(first.markdown(), again.markdown());
        assertTrue(first.id().matches("tvfone-aws-[0-9a-f]{10}"), first.id());
    }

    static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }
}
