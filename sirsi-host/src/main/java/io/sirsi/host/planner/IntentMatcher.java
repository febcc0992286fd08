package io.sirsi.host.planner;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Matches a message to the playbook of its most similar example phrasing (cosine similarity of in-process
 * all-MiniLM-L6-v2 embeddings), or to none under the threshold.
 */
final class IntentMatcher {
    private final EmbeddingModel model;
    private final List<Example> examples;
    private final double threshold;

    private record Example(Playbook playbook, float[] vector) {}

    /** A playbook and how close the message came to it. */
    record Match(Playbook playbook, double score) {}

    private final UnaryOperator<String> mask;

    IntentMatcher(List<Playbook> playbooks, double threshold, UnaryOperator<String> mask) {
        this.model = MiniLm.shared();
        this.mask = mask;
        this.threshold = threshold;
        List<TextSegment> segments = new ArrayList<>();
        List<Playbook> owners = new ArrayList<>();
        for (Playbook p : playbooks) {
            for (String e : p.examples()) {
                segments.add(TextSegment.from(mask.apply(e)));
                owners.add(p);
            }
        }
        List<Embedding> vectors = model.embedAll(segments).content();
        List<Example> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            all.add(new Example(owners.get(i), vectors.get(i).vector()));
        }
        this.examples = List.copyOf(all);
    }

    /** The best playbook, when its closest example reaches the threshold. */
    Optional<Match> match(String message) {
        return best(message).filter(m -> m.score() >= threshold);
    }

    /** The best playbook whatever its score. */
    Optional<Match> best(String message) {
        float[] v = embed(mask.apply(message));
        Match best = null;
        for (Example e : examples) {
            double score = Similarity.cosine(v, e.vector());
            if (best == null || score > best.score()) {
                best = new Match(e.playbook(), score);
            }
        }
        return Optional.ofNullable(best);
    }

    /*
     * At most one embedding per core at a time: the model is CPU-bound, and a thousand concurrent turns each
     * running it would only share the cores worse; the others wait here (counted as model time by the host).
     */
    private static final java.util.concurrent.Semaphore CORES =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private float[] embed(String text) {
        CORES.acquireUninterruptibly();
        try {
            return model.embed(text).content().vector();
        } finally {
            CORES.release();
        }
    }
}
