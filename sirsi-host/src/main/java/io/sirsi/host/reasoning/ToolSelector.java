package io.sirsi.host.reasoning;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.sirsi.host.mcp.CatalogTool;
import io.sirsi.host.planner.Similarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Pre-selects the tools a model sees when the catalog holds more than it should: the {@code k} most similar to
 * the message (and, less, to the recent conversation), by cosine similarity of in-process all-MiniLM-L6-v2
 * embeddings of each tool's "name: description". Each tool is embedded once, cached by name and description.
 */
final class ToolSelector {
    /** How much the recent conversation counts beside the message itself. */
    private static final double CONTEXT_WEIGHT = 0.25;
    /** A bound on the cache, far above any catalog; past it the cache starts again. */
    private static final int CACHE_LIMIT = 20_000;
    /** What of a description goes into the embedding (the model reads 256 word pieces at most). */
    private static final int DESCRIPTION_CHARS = 600;

    private final Supplier<EmbeddingModel> model;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    ToolSelector() {
        this(io.sirsi.host.planner.MiniLm::shared); // loaded on first use only: small catalogs never need it
    }

    ToolSelector(Supplier<EmbeddingModel> model) {
        this.model = model;
    }

    /**
     * The tools to offer: all of them when there are at most {@code k}, else the {@code k} best, in catalog order.
     *
     * @param context the recent conversation before the message; may be empty
     */
    List<CatalogTool> select(List<CatalogTool> tools, String message, String context, int k) {
        if (tools.size() <= k) {
            return tools;
        }
        EmbeddingModel m = model.get();
        embedMissing(m, tools);
        float[] query = m.embed(message).content().vector();
        float[] around = context.isBlank() ? null : m.embed(context).content().vector();
        record Scored(CatalogTool tool, double score) {}
        List<Scored> scored = new ArrayList<>(tools.size());
        for (CatalogTool tool : tools) {
            // Another turn may have restarted the cache since embedMissing.
            float[] v = vectors.computeIfAbsent(
                    key(tool), x -> m.embed(text(tool)).content().vector());
            double score = Similarity.cosine(query, v);
            if (around != null) {
                score = (1 - CONTEXT_WEIGHT) * score + CONTEXT_WEIGHT * Similarity.cosine(around, v);
            }
            scored.add(new Scored(tool, score));
        }
        Set<String> best = new HashSet<>();
        scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(k)
                .forEach(s -> best.add(s.tool().name()));
        return tools.stream().filter(t -> best.contains(t.name())).toList();
    }

    private void embedMissing(EmbeddingModel m, List<CatalogTool> tools) {
        List<CatalogTool> missing =
                tools.stream().filter(t -> !vectors.containsKey(key(t))).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (vectors.size() + missing.size() > CACHE_LIMIT) {
            vectors.clear();
            missing = tools;
        }
        List<TextSegment> texts =
                missing.stream().map(t -> TextSegment.from(text(t))).toList();
        List<Embedding> embedded = m.embedAll(texts).content();
        for (int i = 0; i < missing.size(); i++) {
            vectors.put(key(missing.get(i)), embedded.get(i).vector());
        }
    }

    /** "security run checks: Runs the security checks ...": words, not identifiers, embed better. */
    static String text(CatalogTool tool) {
        String description = description(tool);
        if (description.length() > DESCRIPTION_CHARS) {
            description = description.substring(0, DESCRIPTION_CHARS);
        }
        return tool.name().replace('_', ' ').replaceAll(" +", " ").strip() + ": " + description;
    }

    private static String key(CatalogTool tool) {
        return tool.name() + '\u0000' + description(tool);
    }

    private static String description(CatalogTool tool) {
        return tool.tool().description() == null ? "" : tool.tool().description();
    }
}
