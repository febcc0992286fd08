package io.sirsi.mcp.reporting;

import java.util.Locale;

/** How reports write amounts: US dollars with cents, numbers with thousands separators. */
final class Money {
    private Money() {}

    /** {@code $12,345.67}. */
    static String of(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    /** {@code 1,234} or {@code 12.5}: whole numbers without decimals. */
    static String number(double n) {
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%,d", (long) n) : String.format(Locale.ROOT, "%,.1f", n);
    }

    /** A confidence or share, {@code 0.85} as {@code 85%}. */
    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
