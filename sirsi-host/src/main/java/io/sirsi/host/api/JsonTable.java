package io.sirsi.host.api;

import io.sirsi.host.HostException;
import io.sirsi.host.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file {@code {"KEY": [{"field": "text", ...}, ...]}}, the shape of the tokens and users files, and what was
 * parsed from it, parsed again when another process (the CLI) rewrote the file. Reading names the file, the
 * entry and the field at fault; fields it does not know are ignored.
 *
 * @param <T> what the entries are parsed into
 */
final class JsonTable<T> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonTable.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private record Parsed<T>(SecretFiles.Stamp stamp, T value) {}

    private final Path file;
    private final String key;
    private final List<String> fields;
    private final Function<List<Map<String, String>>, T> parser;
    private volatile Parsed<T> parsed;

    JsonTable(Path file, String key, List<String> fields, Function<List<Map<String, String>>, T> parser) {
        this.file = file;
        this.key = key;
        this.fields = List.copyOf(fields);
        this.parser = parser;
        this.parsed = load();
    }

    Path file() {
        return file;
    }

    /** What the file holds now: one stat when it has not changed since it was last read. */
    T get() {
        Parsed<T> p = parsed;
        if (!SecretFiles.stamp(file).equals(p.stamp)) {
            synchronized (this) {
                p = parsed;
                SecretFiles.Stamp now = SecretFiles.stamp(file);
                if (!now.equals(p.stamp)) {
                    try {
                        p = load();
                    } catch (HostException e) {
                        // A hand edit gone wrong: keep serving what was read last rather than refuse everyone.
                        LOG.warn("{}; still using what it held before", e.getMessage());
                        p = new Parsed<>(now, p.value);
                    }
                    parsed = p;
                }
            }
        }
        return p.value;
    }

    /** Writes {@code rows} to the file, atomically and readable by its owner only. */
    synchronized void write(List<Map<String, String>> rows) {
        T value = parser.apply(rows);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray(key);
        for (Map<String, String> row : rows) {
            ObjectNode entry = list.addObject();
            fields.forEach(f -> entry.put(f, row.get(f)));
        }
        SecretFiles.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        parsed = new Parsed<>(SecretFiles.stamp(file), value);
    }

    private Parsed<T> load() {
        SecretFiles.Stamp stamp = SecretFiles.stamp(file); // before reading: a change after it is seen next time
        return new Parsed<>(stamp, parser.apply(read()));
    }

    private List<Map<String, String>> read() {
        Optional<byte[]> bytes = SecretFiles.read(file);
        if (bytes.isEmpty()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes.get());
        } catch (JacksonException e) {
            throw new HostException(file + " is not JSON: " + e.getOriginalMessage());
        }
        JsonNode list = root == null || !root.isObject() ? null : root.get(key);
        if (list == null || !list.isArray()) {
            throw new HostException(file + " must be a JSON object {\"" + key + "\": [...]}");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new HostException(file + ": entry " + (i + 1) + " of '" + key + "' is not an object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (String field : fields) {
                JsonNode v = entry.get(field);
                if (v == null || !v.isString() || v.stringValue().isBlank()) {
                    throw new HostException(file + ": entry " + (i + 1) + " of '" + key + "' has no '" + field
                            + "' (a non-empty string)");
                }
                row.put(field, v.stringValue());
            }
            rows.add(row);
        }
        return rows;
    }

    static Role role(String where, String name) {
        try {
            return Role.parse(name);
        } catch (HostException e) {
            throw new HostException(where + ": " + e.getMessage(), e);
        }
    }

    static Instant instant(String where, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new HostException(where + ": '" + text + "' is not an instant such as 2025-01-31T12:00:00Z");
        }
    }

    static void requireUnique(Path file, String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new HostException(file + ": two entries name the " + what + " '" + n + "'");
            }
        }
    }
}
