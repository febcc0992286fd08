package io.sirsi.graph;

import java.util.Optional;

/**
 * What an audit found: how many sets, changes and ledger messages it checked, and the first divergence,
 * if any, named precisely (which file and line, which set, which change, which sequence number).
 */
public record AuditReport(long sets, long changes, long messages, Optional<String> divergence) {
    /** Whether everything verified. */
    public boolean ok() {
        return divergence.isEmpty();
    }

    /** One line for people. */
    public String summary() {
        return divergence
                .map(d -> "FAILED: " + d)
                .orElse(
                        "OK: " + sets + " change sets, " + changes + " changes and " + messages
                                + " ledger messages verified; every Merkle root is on the ledger and the running-hash chain is intact");
    }
}
