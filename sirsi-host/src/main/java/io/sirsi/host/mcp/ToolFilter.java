package io.sirsi.host.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which of a server's tools the host exposes: with {@code readOnly} only the tools annotated {@code
 * readOnlyHint: true}; with allow globs only the tools matching one; never a tool matching a deny glob. Globs
 * match the tool's name as its server spells it: {@code *} is any run of characters, {@code ?} one character.
 */
public final class ToolFilter {
    private final boolean readOnly;
    private final List<Pattern> allow;
    private final List<Pattern> deny;

    private ToolFilter(boolean readOnly, List<String> allow, List<String> deny) {
        this.readOnly = readOnly;
        this.allow = allow.stream().map(ToolFilter::glob).toList();
        this.deny = deny.stream().map(ToolFilter::glob).toList();
    }

    /** A filter; empty {@code allow} allows every tool. */
    public static ToolFilter of(boolean readOnly, List<String> allow, List<String> deny) {
        return new ToolFilter(readOnly, allow, deny);
    }

    /** Whether the tool is exposed. */
    public boolean admits(McpSchema.Tool tool) {
        if (readOnly && !isReadOnly(tool)) {
            return false;
        }
        String name = tool.name();
        if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matcher(name).matches())) {
            return false;
        }
        return deny.stream().noneMatch(p -> p.matcher(name).matches());
    }

    /** Whether a tool says it is read-only; MCP's default for a missing hint is {@code false}. */
    public static boolean isReadOnly(McpSchema.Tool tool) {
        return tool.annotations() != null
                && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    }

    /** The pattern of a glob: {@code *} matches any run of characters, {@code ?} one; the rest literally. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }
}
