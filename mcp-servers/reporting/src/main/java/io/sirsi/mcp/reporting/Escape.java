package io.sirsi.mcp.reporting;

/**
 * Text from an inventory, a plan or a model made safe for where it goes. Every string that reaches a
 * report passes through one of these: names and tags can hold anything, {@code <script>} included.
 */
final class Escape {
    private Escape() {}

    /**
     * Text for HTML and XML (element content and quoted attributes): the five special characters as
     * references, and characters XML 1.0 forbids (controls, lone surrogates) dropped, so the XHTML
     * for the PDF stays well-formed.
     */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (allowedInXml(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean allowedInXml(char c) {
        if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            return false;
        }
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Text for a Markdown paragraph, list item or table cell, on one line: HTML's special characters
     * as entities (so no raw HTML gets through), Markdown's inline punctuation backslash-escaped (no
     * emphasis, links, code or table breaks), a line start that would open a block escaped, and
     * {@code ://} broken so that no name turns into an autolink.
     */
    static String markdown(String text) {
        String line = html(text).replace("&quot;", "\"").replace("&#39;", "'").replaceAll("\\s*[\\r\\n]+\\s*", " ");
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ("\\`*_[]|~{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        String escaped = out.toString().replace("://", "\\://");
        // At the start of a paragraph these open headings, lists, quotes or rules.
        if (escaped.matches("^\\s*([#+\\-=]|\\d+[.)]).*")) {
            int at = escaped.length() - escaped.stripLeading().length();
            int digits = at;
            while (digits < escaped.length() && Character.isDigit(escaped.charAt(digits))) {
                digits++;
            }
            return escaped.substring(0, digits) + "\\" + escaped.substring(digits);
        }
        return escaped;
    }

    /** A fence for a Markdown code block that no run of backticks in {@code content} can close. */
    static String fence(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** A short, URI-safe form of a name: lower-case letters, digits and hyphens. */
    static String slug(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        s = s.length() > 32 ? s.substring(0, 32).replaceAll("-+$", "") : s;
        return s.isEmpty() ? "estate" : s;
    }
}
