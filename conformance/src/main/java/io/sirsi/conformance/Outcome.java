package io.sirsi.conformance;

/** How a check ended. */
public enum Outcome {
    /** The server did what the check expects. */
    PASS,
    /** The server did not; the detail says what it did instead. */
    FAIL,
    /** The check does not apply to this server; the detail says why. */
    SKIP
}
