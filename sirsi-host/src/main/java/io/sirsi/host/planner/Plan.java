package io.sirsi.host.planner;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the planner makes of a message: a playbook to run, a question back, or a polite refusal. */
public sealed interface Plan {
    /** The text to show when the plan is not run: the question, or what the planner can help with. */
    String text();

    /**
     * Run a playbook with these slots.
     *
     * @param playbook the playbook's id
     * @param slots the slot values, filled from the message or defaulted
     * @param servers the servers its steps call, the only ones to start
     * @param score the similarity of the message to the playbook's closest example
     */
    record Run(String playbook, Map<String, String> slots, Set<String> servers, double score) implements Plan {
        /** Checks and copies. */
        public Run {
            Objects.requireNonNull(playbook, "playbook");
            slots = Map.copyOf(slots);
            servers = Set.copyOf(servers);
        }

        @Override
        public String text() {
            return "running playbook " + playbook + " with " + slots;
        }
    }

    /**
     * A playbook matched, but a required slot is missing: ask for it.
     *
     * @param playbook the playbook's id
     * @param slot the missing slot
     * @param text the question
     */
    record Clarify(String playbook, String slot, String text) implements Plan {
        /** Checks. */
        public Clarify {
            Objects.requireNonNull(playbook, "playbook");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * No playbook is close enough to the message.
     *
     * @param text what the planner can help with
     */
    record Decline(String text) implements Plan {
        /** Checks. */
        public Decline {
            Objects.requireNonNull(text, "text");
        }
    }
}
