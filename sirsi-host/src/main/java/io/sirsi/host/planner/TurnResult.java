package io.sirsi.host.planner;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one turn: the answer, the artifacts written, and the error when a step failed.
 *
 * @param turnId the turn's id, also the name of its artifact folder
 * @param answer the text composed for the user
 * @param artifacts the files written, in the order written
 * @param error why a step failed; empty when every step succeeded
 */
public record TurnResult(String turnId, String answer, List<Path> artifacts, Optional<String> error) {
    /** Checks and copies. */
    public TurnResult {
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(error, "error");
        artifacts = List.copyOf(artifacts);
    }

    /** Whether a step failed. */
    public boolean failed() {
        return error.isPresent();
    }
}
