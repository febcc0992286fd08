package io.sirsi.mcp.migration;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.mcp.kit.Completer;
import io.sirsi.mcp.kit.KitPrompt;
import io.sirsi.mcp.kit.KitServer;
import java.util.List;
import java.util.Map;

/** Prompts for the common asks: assess an estate, plan it to a cloud, generate its IaC. */
final class MigrationPrompts {
    private static final Completer ESTATES = Completer.of(List.of("kulturio", "tvfone", "uniedu"));
    private static final Completer CLOUDS = Completer.of(List.of("aws", "azure", "gcp"));
    private static final Completer FORMATS = Completer.of(List.of("terraform", "bicep", "pulumi", "cloudformation"));

    private MigrationPrompts() {}

    static void register(KitServer.Builder server) {
        server.prompt(new KitPrompt(
                new McpSchema.Prompt(
                        "assess_estate",
                        "Assess an estate for a move to another cloud",
                        List.of(
                                new McpSchema.PromptArgument(
                                        "estate", "kulturio, tvfone, uniedu or generated:SIZE", true),
                                new McpSchema.PromptArgument("target", "aws, azure or gcp", true))),
                args -> result(
                        "Assess the " + args.get("estate") + " estate for a move to " + args.get("target") + ".",
                        "Call the assess tool with estate \"" + args.get("estate") + "\" and target \""
                                + args.get("target")
                                + "\". Then summarize: how many workloads per 7R strategy and per readiness; each workload "
                                + "that is not ready and what blocks it; the findings that are pre-steps (open admin ports, "
                                + "unencrypted data, out-of-support engines); and the workloads sized down, with the "
                                + "utilization behind it. Quote the rationale the tool gives; do not invent numbers."),
                Map.of("estate", ESTATES, "target", CLOUDS)));
        server.prompt(new KitPrompt(
                new McpSchema.Prompt(
                        "plan_migration",
                        "Plan an estate's migration to a cloud, in waves, with the cost",
                        List.of(
                                new McpSchema.PromptArgument(
                                        "estate", "kulturio, tvfone, uniedu or generated:SIZE", true),
                                new McpSchema.PromptArgument("target", "aws, azure or gcp", true))),
                args -> result(
                        "Plan the migration of " + args.get("estate") + " to " + args.get("target") + ".",
                        "Call plan_migration with estate \"" + args.get("estate") + "\" and target \""
                                + args.get("target")
                                + "\". Present the waves in order with their workloads, risk and the pre-checks of each "
                                + "runbook; then the cost: current monthly run-rate, the target on demand and with 1- and "
                                + "3-year commitments, the one-off effort, and the price lists and dates the tool names. "
                                + "Ask the user which decisions to accept, change or reject; to re-plan, pass the edited "
                                + "plan back as the plan argument."),
                Map.of("estate", ESTATES, "target", CLOUDS)));
        server.prompt(new KitPrompt(
                new McpSchema.Prompt(
                        "generate_iac",
                        "Generate the infrastructure as code for a planned migration",
                        List.of(
                                new McpSchema.PromptArgument(
                                        "estate", "kulturio, tvfone, uniedu or generated:SIZE", true),
                                new McpSchema.PromptArgument("target", "aws, azure or gcp", true),
                                new McpSchema.PromptArgument(
                                        "format", "terraform, pulumi, bicep (Azure) or cloudformation (AWS)", true))),
                args -> result(
                        "Generate " + args.get("format") + " for moving " + args.get("estate") + " to "
                                + args.get("target") + ".",
                        "Call generate_iac with estate \"" + args.get("estate") + "\", target \"" + args.get("target")
                                + "\" and format \"" + args.get("format") + "\". List the files and the variables the "
                                + "operator must set (the administrators' address range and the database passwords have "
                                + "no defaults, on purpose), then show the files."),
                Map.of("estate", ESTATES, "target", CLOUDS, "format", FORMATS)));
    }

    private static McpSchema.GetPromptResult result(String description, String text) {
        return new McpSchema.GetPromptResult(
                description,
                List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
    }
}
