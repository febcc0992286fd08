package io.sirsi.conformance;

/** What a check concluded, before it is named. */
record Verdict(Outcome outcome, String detail) {
    static Verdict pass() {
        return new Verdict(Outcome.PASS, "");
    }

    static Verdict pass(String detail) {
        return new Verdict(Outcome.PASS, detail);
    }

    static Verdict fail(String detail) {
        return new Verdict(Outcome.FAIL, detail);
    }

    static Verdict skip(String detail) {
        return new Verdict(Outcome.SKIP, detail);
    }

    /** Passes if {@code ok}, else fails with {@code why}. */
    static Verdict require(boolean ok, String why) {
        return ok ? pass() : fail(why);
    }
}
