package io.sirsi.host.reasoning;

import io.sirsi.host.session.Session;
import java.util.ArrayList;
import java.util.List;

/** Next questions from what a session works on: its estate, its target cloud, its artifacts. */
final class Suggestions {
    private static final List<String> CLOUDS = List.of("aws", "azure", "gcp");
    private static final int MAX = 5;

    private Suggestions() {}

    /** At most five, most useful first. */
    static List<String> of(Session.Context context) {
        String estate = context.estate();
        String target = context.target();
        List<String> s = new ArrayList<>();
        if (estate.isBlank()) {
            s.add("which estates can you see?");
            s.add("what is exposed to the internet in the kulturio estate?");
            s.add("how secure is the tvfone estate?");
            s.add("plan a migration of uniedu to aws with terraform");
        } else if (target.isBlank()) {
            s.add("what is exposed to the internet in " + estate + "?");
            for (String cloud : CLOUDS) {
                s.add("plan a migration of " + estate + " to " + cloud);
            }
            s.add("how secure is " + estate + "?");
        } else {
            s.add("plan a migration of " + estate + " to " + target + " with terraform");
            s.add("what would " + estate + " cost on " + target + "?");
            s.add("build a migration report for " + estate + " to " + target);
            s.add("what is exposed to the internet in " + estate + "?");
            CLOUDS.stream()
                    .filter(c -> !c.equalsIgnoreCase(target))
                    .findFirst()
                    .ifPresent(c -> s.add("compare moving " + estate + " to " + c + " instead"));
        }
        if (!context.artifacts().isEmpty()) {
            // The newest artifact: the map keeps the order they were written in.
            s.add(
                    Math.min(s.size(), 1),
                    "explain " + List.copyOf(context.artifacts().keySet()).getLast());
        }
        return List.copyOf(s.subList(0, Math.min(MAX, s.size())));
    }
}
