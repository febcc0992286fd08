package io.sirsi.host;

import io.sirsi.host.mcp.ToolFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which tools that are not read-only run without asking, and which never run, from a policy file:
 * <pre>{"allow": ["plugins__stamp"], "deny": ["*__delete_*"]}</pre>
 * Globs match catalog names ({@code server__tool}); a deny wins over an allow. Any other tool that is not
 * read-only waits for the user's approval. With no file, every such tool waits.
 */
public final class ApprovalPolicy {
    /** What the policy says about a call. */
    public enum Verdict {
        /** Run it without asking. */
        ALLOW,
        /** Never run it. */
        DENY,
        /** Ask the user. */
        ASK
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> allow;
    private final List<String> deny;
    private final List<Pattern> allowPatterns;
    private final List<Pattern> denyPatterns;
    private final String source;

    private ApprovalPolicy(List<String> allow, List<String> deny, String source) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.allowPatterns = allow.stream().map(ToolFilter::glob).toList();
        this.denyPatterns = deny.stream().map(ToolFilter::glob).toList();
        this.source = source;
    }

    /** The policy that asks about every tool that is not read-only. */
    public static ApprovalPolicy askAlways() {
        return new ApprovalPolicy(List.of(), List.of(), "no policy file");
    }

    /** A policy of these globs. */
    public static ApprovalPolicy of(List<String> allow, List<String> deny) {
        return new ApprovalPolicy(allow, deny, "allow " + allow + ", deny " + deny);
    }

    /**
     * The policy of a file, or {@link #askAlways()} when it does not exist.
     *
     * @throws HostException naming the file and the problem when it is not a valid policy
     */
    public static ApprovalPolicy load(Path file) {
        if (!Files.exists(file)) {
            return askAlways();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (!root.isObject()) {
                throw new HostException(
                        file + ": an approval policy is a JSON object with \"allow\" and \"deny\" lists");
            }
            for (var field : root.properties()) {
                if (!List.of("allow", "deny", "$schema", "description").contains(field.getKey())) {
                    throw new HostException(file + ": unknown field \"" + field.getKey()
                            + "\" (an approval policy has \"allow\" and \"deny\" lists of tool globs)");
                }
            }
            return new ApprovalPolicy(globs(file, root, "allow"), globs(file, root, "deny"), file.toString());
        } catch (JacksonException e) {
            throw new HostException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HostException("cannot read the approval policy " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> globs(Path file, JsonNode root, String field) {
        JsonNode list = root.path(field);
        List<String> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw new HostException(file + ": \"" + field + "\" must be a list of tool globs");
        }
        for (JsonNode n : list) {
            if (!n.isString() || n.asString().isBlank()) {
                throw new HostException(file + ": \"" + field + "\" holds " + n + ", not a tool glob");
            }
            out.add(n.asString());
        }
        return out;
    }

    /** What the policy says about calling {@code tool} (a catalog name) when it is not read-only. */
    public Verdict verdict(String tool) {
        if (denyPatterns.stream().anyMatch(p -> p.matcher(tool).matches())) {
            return Verdict.DENY;
        }
        if (allowPatterns.stream().anyMatch(p -> p.matcher(tool).matches())) {
            return Verdict.ALLOW;
        }
        return Verdict.ASK;
    }

    /** Where the policy came from, for health and logs. */
    public String describe() {
        return source;
    }

    @Override
    public String toString() {
        return "ApprovalPolicy[allow=" + allow + ", deny=" + deny + "]";
    }
}
