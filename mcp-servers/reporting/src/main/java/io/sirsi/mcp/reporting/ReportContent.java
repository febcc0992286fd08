package io.sirsi.mcp.reporting;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Summary;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.security.Scan;
import java.util.Objects;

/**
 * Everything a report says, before it is written: the estate and its summary, the plan, the scan, the
 * three Mermaid diagrams and the headline figures. {@code planGiven} and {@code findingsGiven} say
 * whether the caller passed the plan and the findings or the report computed them.
 */
record ReportContent(
        String title,
        String label,
        Inventory inventory,
        Summary summary,
        Plan plan,
        Scan scan,
        boolean planGiven,
        boolean findingsGiven,
        String currentDiagram,
        String targetDiagram,
        String wavesDiagram,
        Figures figures) {
    ReportContent {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(currentDiagram, "currentDiagram");
        Objects.requireNonNull(targetDiagram, "targetDiagram");
        Objects.requireNonNull(wavesDiagram, "wavesDiagram");
        Objects.requireNonNull(figures, "figures");
    }
}
