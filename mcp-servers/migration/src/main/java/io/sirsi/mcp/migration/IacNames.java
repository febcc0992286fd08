package io.sirsi.mcp.migration;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * How generated resources are named: every cloud name is the {@code environment} variable, a hyphen and a
 * part derived from the logical name, cut to what the strictest name of that kind allows. A part that has
 * to be cut ends in four characters of a hash of the whole, so logical names that share a long beginning
 * ({@code kulturio_imaging_archive}, {@code kulturio_imaging_archive_logs}) keep different cloud names.
 */
final class IacNames {
    /** The variable every name starts with. */
    static final String ENVIRONMENT = "environment";
    /** The variable holding the region (or Azure location). */
    static final String REGION = "region";
    /** The Google Cloud project variable. */
    static final String PROJECT = "project";
    /** The longest environment: it leaves room in 32-character names (AWS load balancers, target groups). */
    static final int ENVIRONMENT_MAX = 16;
    /** What an environment may be, as a regular expression that every format's validation can use. */
    static final String ENVIRONMENT_REGEX = "^[a-z][a-z0-9-]{0,14}[a-z0-9]$";

    /** How many characters the hash of a cut name takes. */
    private static final int HASH = 4;
    /** The shortest cut that keeps a hash: below it, three or four readable characters say more. */
    private static final int HASHED_MIN = 8;

    private static final Pattern ENVIRONMENT_PATTERN = Pattern.compile(ENVIRONMENT_REGEX);
    private static final Pattern VARIABLE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    private IacNames() {}

    /** Whether {@code environment} is valid. */
    static boolean validEnvironment(String environment) {
        return ENVIRONMENT_PATTERN.matcher(environment).matches();
    }

    /** Whether {@code name} is an identifier in every format (HCL, Bicep, Pulumi, CloudFormation after casing). */
    static boolean validVariable(String name) {
        return VARIABLE.matcher(name).matches();
    }

    /** {@code logical} with underscores as hyphens, at most {@code max} characters, never ending in a hyphen. */
    static String dashed(String logical, int max) {
        return label(logical, max);
    }

    /**
     * {@code logical} with only lower-case letters and digits, at most {@code max} characters; a cut text
     * ends in a hash of the whole.
     */
    static String alnum(String logical, int max) {
        String text = logical.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (text.length() <= max) {
            return text;
        }
        return max < HASHED_MIN ? text.substring(0, max) : text.substring(0, max - HASH) + hash(text);
    }

    /**
     * {@code text} as a DNS-style label: lower case, letters, digits and single hyphens, no hyphen at either
     * end, at most {@code max} characters; {@code fallback} when nothing is left.
     */
    static String label(String text, int max, String fallback) {
        String label = label(text, max);
        return label.isEmpty() ? fallback : label;
    }

    private static String label(String text, int max) {
        String label =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (label.length() <= max) {
            return label;
        }
        if (max < HASHED_MIN) {
            return label.substring(0, max).replaceAll("-+$", "");
        }
        return label.substring(0, max - HASH - 1).replaceAll("-+$", "") + "-" + hash(label);
    }

    /** Four base-36 characters of the CRC-32 of {@code text}: the same on every run. */
    private static String hash(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        String hash = Long.toString(crc.getValue() % 1_679_616L, 36); // 36^4
        return "0".repeat(HASH - hash.length()) + hash;
    }

    /** The cloud name {@code <environment>-<logical>}, the logical part cut to {@code max} characters. */
    static IacExpr.Concat prefixed(String logical, int max) {
        return IacExpr.concat(IacExpr.var(ENVIRONMENT), "-" + dashed(logical, max));
    }

    /** The cloud name {@code <environment>-<logical>-<suffix>}, the logical part cut to fit {@code max}. */
    static IacExpr.Concat prefixed(String logical, String suffix, int max) {
        return IacExpr.concat(
                IacExpr.var(ENVIRONMENT), "-" + dashed(logical, Math.max(1, max - suffix.length() - 1)) + "-" + suffix);
    }

    /** {@code name} in PascalCase, as CloudFormation logical ids and parameters need ({@code db_password} to {@code DbPassword}). */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@code name} in camelCase ({@code cidr_block} to {@code cidrBlock}). */
    static String camel(String name) {
        String pascal = pascal(name);
        return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }
}
