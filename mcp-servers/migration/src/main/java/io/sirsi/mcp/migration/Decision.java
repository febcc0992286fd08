package io.sirsi.mcp.migration;

import java.util.List;
import java.util.Objects;

/**
 * The assessment of one workload: its 7R strategy with the rationale and a confidence, the
 * alternatives in order, readiness and what stands in the way, and how each resource lands on the
 * target. {@code status} is the user's word on it: {@code proposed}, {@code accepted}, {@code changed}
 * or {@code rejected}. {@code confidenceBasis} says what raised or lowered the confidence. {@code wave}
 * is a wave the user pinned the workload to; {@code rejected} the strategies the user rejected, which
 * are never proposed again.
 */
public record Decision(
        String workload,
        Strategy strategy,
        String rationale,
        double confidence,
        String confidenceBasis,
        List<Strategy> alternatives,
        Readiness readiness,
        List<Blocker> blockers,
        List<Sizing> sizings,
        String status,
        java.util.Optional<Integer> wave,
        List<Strategy> rejected) {
    /** Requires every field; confidence in [0, 1]. */
    public Decision {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(confidenceBasis, "confidenceBasis");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wave, "wave");
        alternatives = List.copyOf(alternatives);
        rejected = List.copyOf(rejected);
        blockers = List.copyOf(blockers);
        sizings = List.copyOf(sizings);
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence is in [0, 1]");
        }
    }

    /** The same decision with another status. */
    public Decision withStatus(String newStatus) {
        return new Decision(
                workload,
                strategy,
                rationale,
                confidence,
                confidenceBasis,
                alternatives,
                readiness,
                blockers,
                sizings,
                newStatus,
                wave,
                rejected);
    }

    /** The same decision pinned to a wave. */
    public Decision withWave(java.util.Optional<Integer> pinned) {
        return new Decision(
                workload,
                strategy,
                rationale,
                confidence,
                confidenceBasis,
                alternatives,
                readiness,
                blockers,
                sizings,
                status,
                pinned,
                rejected);
    }

    /** The same decision with other sizings. */
    public Decision withSizings(List<Sizing> newSizings) {
        return new Decision(
                workload,
                strategy,
                rationale,
                confidence,
                confidenceBasis,
                alternatives,
                readiness,
                blockers,
                newSizings,
                status,
                wave,
                rejected);
    }
}
