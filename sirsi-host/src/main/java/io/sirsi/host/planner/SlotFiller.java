package io.sirsi.host.planner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills slots from a message: the first value whose word appears in it as a whole word, ignoring case. */
final class SlotFiller {
    private final Map<String, PlaybookBook.SlotVocabulary> vocabulary;

    SlotFiller(Map<String, PlaybookBook.SlotVocabulary> vocabulary) {
        this.vocabulary = Map.copyOf(vocabulary);
    }

    /** Every slot the message names, whatever the playbook. */
    Map<String, String> fill(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        Map<String, String> found = new LinkedHashMap<>();
        vocabulary.forEach((slot, words) -> find(text, words).ifPresent(v -> found.put(slot, v)));
        return found;
    }

    /**
     * The message with every slot word replaced by the slot's placeholder ("the estate", "the cloud", ...), so
     * that matching compares what is asked, not which estate or cloud it names.
     */
    String mask(String message) {
        String text = message;
        for (var slot : vocabulary.values()) {
            for (List<String> words : slot.values().values()) {
                for (String word : words) {
                    text = Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE)
                            .matcher(text)
                            .replaceAll(Matcher.quoteReplacement(slot.placeholder()));
                }
            }
        }
        return text;
    }

    private static Optional<String> find(String text, PlaybookBook.SlotVocabulary words) {
        // The earliest mention wins: "from azure to aws" is not what this vocabulary decides, but is stable.
        int best = Integer.MAX_VALUE;
        Optional<String> value = Optional.empty();
        for (var entry : words.values().entrySet()) {
            for (String word : entry.getValue()) {
                var m = Pattern.compile("\\b" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "\\b")
                        .matcher(text);
                if (m.find() && m.start() < best) {
                    best = m.start();
                    value = Optional.of(entry.getKey());
                }
            }
        }
        return value;
    }
}
