package io.sirsi.host.reasoning;

import io.sirsi.host.planner.Plan;
import io.sirsi.host.planner.PlaybookPlanner;
import io.sirsi.host.planner.TurnResult;
import io.sirsi.host.session.Session;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The offline reasoner, the default with no model configured: the playbook planner, in a session. Slots the
 * message does not name come from the session's context (the estate and target talked about before), and an
 * answer to the planner's clarifying question is read together with the message that raised it.
 */
public final class PlaybookReasoner implements Reasoner {
    /** The similarity above which a message after a clarifying question is a new request, not its answer. */
    static final double CLEARLY_NEW = 0.6;

    private final PlaybookPlanner planner;

    private PlaybookReasoner(PlaybookPlanner planner) {
        this.planner = planner;
    }

    /** A reasoner over this planner. */
    public static PlaybookReasoner create(PlaybookPlanner planner) {
        return new PlaybookReasoner(Objects.requireNonNull(planner, "planner"));
    }

    @Override
    public String describe() {
        return "playbook";
    }

    @Override
    public TurnOutcome reason(Turn turn) {
        Session session = turn.session();
        Session.Context context = session.context();
        Map<String, String> known = new HashMap<>();
        known.put("estate", context.estate());
        known.put("target", context.target());
        long start = System.nanoTime();
        Plan plan = planner.plan(turn.message(), known);
        // An answer to the last clarifying question ("uniedu") continues that playbook, unless the message
        // clearly asks for something else.
        boolean onlySlots = planner.onlySlots(turn.message());
        boolean clearlyNew = plan instanceof Plan.Run r && r.score() >= CLEARLY_NEW && !onlySlots;
        Optional<Asked> asked = clearlyNew ? Optional.empty() : questionAnswered(session);
        if (asked.isPresent()) {
            Plan again = planner.plan(
                    asked.get().question().playbook(), asked.get().message() + " " + turn.message(), known);
            if (!(again instanceof Plan.Clarify c)
                    || !c.slot().equals(asked.get().question().slot())) {
                plan = again;
            }
        } else if (onlySlots) {
            // "uniedu" on its own: a choice of what to talk about, not a request.
            Map<String, String> named = planner.slots(turn.message());
            Session.Context chosen = new Session.Context(
                    named.getOrDefault("estate", context.estate()),
                    named.getOrDefault("target", context.target()),
                    context.artifacts());
            turn.modelNanos(System.nanoTime() - start);
            Session preview = session.withContext(chosen);
            return TurnOutcome.answered(
                    "What would you like to do" + (chosen.estate().isEmpty() ? "" : " with " + chosen.estate())
                            + "? For example:\n  " + String.join("\n  ", suggestions(preview)),
                    chosen);
        }
        turn.modelNanos(System.nanoTime() - start);
        if (!(plan instanceof Plan.Run run)) {
            return TurnOutcome.answered(plan.text(), context);
        }
        Session.Context after = new Session.Context(
                run.slots().getOrDefault("estate", context.estate()),
                run.slots().getOrDefault("target", context.target()),
                context.artifacts());
        turn.say("I will " + planner.describe(run.playbook()) + " (" + describe(run.slots()) + ").");
        TurnResult result = planner.run(run, turn::call, turn.artifacts(), turn.id());
        Path folder = turn.artifacts();
        for (Path file : result.artifacts()) {
            turn.artifact(folder.relativize(file).toString(), file);
        }
        return new TurnOutcome(result.answer(), result.error(), after);
    }

    /**
     * The user's message that led to the planner's last clarifying question, when the session's last answer
     * was one: the history then ends with that message, the question, and the new message.
     */
    private record Asked(String message, Plan.Clarify question) {}

    private Optional<Asked> questionAnswered(Session session) {
        List<Session.Message> h = session.history();
        if (h.size() < 3) {
            return Optional.empty();
        }
        Session.Message question = h.get(h.size() - 2);
        Session.Message asked = h.get(h.size() - 3);
        if (!question.role().equals("assistant") || !asked.role().equals("user")) {
            return Optional.empty();
        }
        Plan before = planner.plan(asked.text());
        return before instanceof Plan.Clarify c && c.text().equals(question.text())
                ? Optional.of(new Asked(asked.text(), c))
                : Optional.empty();
    }

    private static String describe(Map<String, String> slots) {
        return slots.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("no slots");
    }

    @Override
    public List<String> suggestions(Session session) {
        Session.Context c = session.context();
        if (c.estate().isEmpty()) {
            return List.of(
                    "what is exposed to the internet in the Kulturio estate?",
                    "plan a migration of UniEdu to AWS with Terraform",
                    "what is the security posture of TVFone?",
                    "write a migration report for Kulturio moving to Azure");
        }
        String e = c.estate();
        if (c.target().isEmpty()) {
            return List.of(
                    "what is exposed to the internet in " + e + "?",
                    "plan a migration of " + e + " to AWS with Terraform",
                    "what is the security posture of " + e + "?",
                    "write a migration report for " + e + " moving to Azure");
        }
        String t = c.target();
        return List.of(
                "write a migration report for " + e + " moving to " + t,
                "plan a migration of " + e + " to " + t + " with Pulumi",
                "what is exposed to the internet in " + e + "?",
                "what is the security posture of " + e + "?");
    }
}
