package io.sirsi.mcp.reporting;

import java.util.ArrayList;
import java.util.List;

/** The sections of a report, in order, and the caps that keep large estates' reports readable. */
final class Outline {
    /** Rows shown in a long table (findings, decisions, cost lines); the rest are counted in a note. */
    static final int MAX_ROWS = 400;
    /** Waves whose runbooks are written out in full. */
    static final int MAX_RUNBOOKS = 40;

    private Outline() {}

    static List<Section> sections(ReportContent content, ExecutiveSummary summary) {
        List<Section> sections = new ArrayList<>();
        sections.add(EstateSections.summary(content, summary));
        sections.add(EstateSections.inventory(content));
        sections.add(EstateSections.findings(content));
        sections.add(PlanSections.decisions(content));
        sections.add(PlanSections.waves(content));
        sections.add(PlanSections.cost(content));
        sections.add(PlanSections.architecture(content));
        return sections;
    }

    /** The first {@link #MAX_ROWS} of {@code rows}. */
    static <T> List<T> capped(List<T> rows) {
        return rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
    }

    /** A note saying how many rows the table leaves out, if any. */
    static List<Block> overflow(int total, String what) {
        return total > MAX_ROWS
                ? List.of(new Block.Note("The table shows the first " + MAX_ROWS + " of " + total + " " + what + "."))
                : List.of();
    }
}
