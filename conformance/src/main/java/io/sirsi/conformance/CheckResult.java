package io.sirsi.conformance;

import java.util.Objects;

/** The result of one check: its id (stable, for baselines and tests), what it checks, and the outcome. */
public record CheckResult(String id, String title, Outcome outcome, String detail) {
    /** Requires an id, a title and an outcome. */
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** One line: {@code PASS  id  title  (detail)}. */
    public String line() {
        return String.format("%-4s  %-34s %s%s", outcome, id, title, detail.isEmpty() ? "" : " -- " + detail);
    }
}
