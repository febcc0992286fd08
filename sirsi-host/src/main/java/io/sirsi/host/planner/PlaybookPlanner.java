package io.sirsi.host.planner;

import io.sirsi.host.HostException;
import io.sirsi.host.mcp.ServerHub;
import io.sirsi.host.mcp.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reasoner with no model configured: matches a message to one of the declarative playbooks of
 * {@code playbooks.json}, fills its slots from the message (or asks for a missing one), runs its tool calls in
 * order through a {@link ServerHub}, and composes the answer from their structured results.
 */
public final class PlaybookPlanner {
    private final PlaybookBook book;
    private final IntentMatcher matcher;
    private final SlotFiller filler;

    private PlaybookPlanner(PlaybookBook book) {
        this.book = book;
        this.filler = new SlotFiller(book.slots());
        this.matcher = new IntentMatcher(book.playbooks(), book.threshold(), filler::mask);
    }

    /** The planner of the bundled playbooks; loads the embedding model and embeds every example (about 1 s). */
    public static PlaybookPlanner create() {
        return new PlaybookPlanner(PlaybookBook.bundled());
    }

    /**
     * The planner of the bundled playbooks and those of {@code files} ({@code playbooks.json} documents of the
     * same shape, from tool developers): their playbooks are added, and their slot values join the bundled ones.
     *
     * @throws HostException naming the file and the problem when one is not a valid playbook document
     */
    public static PlaybookPlanner create(List<Path> files) {
        PlaybookBook book = PlaybookBook.bundled();
        for (Path file : files) {
            book = book.plus(PlaybookBook.read(file));
        }
        return new PlaybookPlanner(book);
    }

    /** Decides what to do with a message, without calling anything. */
    public Plan plan(String message) {
        return plan(message, Map.of());
    }

    /**
     * Decides what to do with a message; a slot the message does not name is taken from {@code known} (the
     * session's estate and target) before the playbook's default.
     */
    public Plan plan(String message, Map<String, String> known) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(known, "known");
        Optional<IntentMatcher.Match> match = matcher.match(message);
        if (match.isEmpty()) {
            return new Plan.Decline("I can help with: "
                    + book.playbooks().stream().map(Playbook::description).collect(Collectors.joining("; "))
                    + ". For example: \""
                    + book.playbooks().getFirst().examples().getFirst() + "\"");
        }
        return fill(match.get().playbook(), message, known, match.get().score());
    }

    /**
     * Plans a given playbook for a message, without matching: for the answer to a clarifying question, read
     * with the message that raised it.
     *
     * @throws HostException when there is no playbook {@code playbook}
     */
    public Plan plan(String playbook, String message, Map<String, String> known) {
        Playbook p = book.playbooks().stream()
                .filter(q -> q.id().equals(playbook))
                .findFirst()
                .orElseThrow(() -> new HostException("no playbook " + playbook));
        return fill(p, message, known, 1.0);
    }

    private Plan fill(Playbook playbook, String message, Map<String, String> known, double score) {
        Map<String, String> named = filler.fill(message);
        Map<String, String> slots = new LinkedHashMap<>();
        for (var rule : playbook.slots().entrySet()) {
            String slot = rule.getKey();
            if (rule.getValue().from().isPresent()) {
                String source = slots.get(rule.getValue().from().get());
                String derived = source == null ? null : rule.getValue().map().get(source);
                if (derived == null) {
                    return new Plan.Decline("I cannot " + playbook.description() + " for "
                            + rule.getValue().from().get()
                            + " " + source + ": I know the " + slot + " of "
                            + String.join(", ", rule.getValue().map().keySet())
                            + " only.");
                }
                slots.put(slot, derived);
                continue;
            }
            Optional<String> value = Optional.ofNullable(named.get(slot))
                    .or(() -> Optional.ofNullable(known.get(slot)).filter(v -> !v.isEmpty()))
                    .or(() -> rule.getValue().defaultValue());
            if (value.isPresent()) {
                slots.put(slot, value.get());
            } else if (rule.getValue().required()) {
                return new Plan.Clarify(
                        playbook.id(), slot, book.slots().get(slot).question());
            }
        }
        return new Plan.Run(playbook.id(), slots, playbook.servers(slots), score);
    }

    private static final java.util.Set<String> FILLER = java.util.Set.of(
            "the", "a", "an", "to", "in", "on", "for", "of", "with", "and", "it", "please", "use", "using", "estate",
            "cloud", "format", "one", "is", "that", "this", "my", "our", "ok", "okay", "yes");

    /**
     * Whether the message only names slot values ("uniedu", "to aws with terraform"): an answer to a question, or
     * a choice of context, rather than a request of its own.
     */
    public boolean onlySlots(String message) {
        if (filler.fill(message).isEmpty()) {
            return false;
        }
        String masked = filler.mask(message).toLowerCase(java.util.Locale.ROOT);
        for (var slot : book.slots().values()) {
            masked = masked.replace(slot.placeholder().toLowerCase(java.util.Locale.ROOT), " ");
        }
        for (String word : masked.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !FILLER.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The slot values a message names, whatever the playbook. */
    public Map<String, String> slots(String message) {
        return filler.fill(message);
    }

    /** The description of a playbook, for telling the user what is being done. */
    public String describe(String playbook) {
        return book.playbooks().stream()
                .filter(p -> p.id().equals(playbook))
                .map(Playbook::description)
                .findFirst()
                .orElse(playbook);
    }

    /** The similarity of a message to its closest example, for tuning the threshold. */
    public double score(String message) {
        return matcher.best(message).map(IntentMatcher.Match::score).orElse(0.0);
    }

    /**
     * Runs a planned playbook's steps through the hub, writes its artifacts under {@code artifactsRoot/TURN-ID/},
     * and composes the answer. A step that fails (the tool reports an error, or it cannot be called) ends the
     * turn with the error; the steps before it still count.
     */
    public TurnResult run(Plan.Run plan, ServerHub hub, Path artifactsRoot) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(artifactsRoot, "artifactsRoot");
        String turnId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        return run(plan, hub::call, artifactsRoot.resolve(turnId), turnId);
    }

    /** Calls one tool of a playbook step; the host's turns add approvals and events. */
    @FunctionalInterface
    public interface ToolCaller {
        /** Calls {@code tool} (a catalog name) with {@code arguments}. */
        ToolResult call(String tool, Map<String, Object> arguments);
    }

    /**
     * Runs a planned playbook's steps through {@code caller}, writing its artifacts under {@code folder/STEP/}.
     * A step that fails ends the turn with the error; the steps before it still count.
     */
    public TurnResult run(Plan.Run plan, ToolCaller caller, Path folder, String turnId) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(turnId, "turnId");
        Playbook playbook = book.playbooks().stream()
                .filter(p -> p.id().equals(plan.playbook()))
                .findFirst()
                .orElseThrow(() -> new HostException("no playbook " + plan.playbook()));
        Map<String, ToolResult> results = new LinkedHashMap<>();
        List<Path> artifacts = new ArrayList<>();
        for (Playbook.Step step : playbook.steps()) {
            ToolResult result;
            try {
                result = caller.call(
                        step.tool(plan.slots()), Arguments.resolve(step.arguments(), plan.slots(), results));
            } catch (HostException e) {
                return failed(turnId, step, e.getMessage(), artifacts);
            }
            if (result.error()) {
                return failed(turnId, step, result.text(), artifacts);
            }
            if (step.keep().isPresent()) {
                result = Arguments.keep(result, step.keep().get());
            }
            results.put(step.id(), result);
            if (step.artifacts().isPresent()) {
                artifacts.addAll(writeFiles(
                        folder.resolve(step.id()), result, step.artifacts().get()));
            }
        }
        String answer = AnswerWriter.compose(playbook.answer(), plan.slots(), results, artifacts);
        return new TurnResult(turnId, answer, artifacts, Optional.empty());
    }

    private static TurnResult failed(String turnId, Playbook.Step step, String why, List<Path> artifacts) {
        String error = "step " + step.id() + " (" + step.tool() + ") failed: " + why;
        return new TurnResult(turnId, "I could not finish: " + error, artifacts, Optional.of(error));
    }

    /** Writes the {@code [{path, content}]} list of a result under a folder, refusing paths that leave it. */
    private static List<Path> writeFiles(Path folder, ToolResult result, String list) {
        List<Path> written = new ArrayList<>();
        Object files = result.structured().get(list);
        if (!(files instanceof List<?> items)) {
            return written;
        }
        try {
            for (Object item : items) {
                if (item instanceof Map<?, ?> file
                        && file.get("path") instanceof String name
                        && file.get("content") instanceof String content) {
                    Path path = folder.resolve(name).normalize();
                    if (!path.startsWith(folder)) {
                        throw new HostException("the tool named a file outside its folder: " + name);
                    }
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, content, StandardCharsets.UTF_8);
                    written.add(path);
                }
            }
        } catch (IOException e) {
            throw new HostException("cannot write the artifacts under " + folder + ": " + e.getMessage(), e);
        }
        return written;
    }
}
