package io.sirsi.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded store: one append-only file of canonical JSON lines ({@code {"c":CHANGE}} and
 * {@code {"s":SEAL}}), each batch forced to the disk before the call returns. A crash can only cut the
 * last, unacknowledged line short; opening the file drops such a line and keeps everything before it.
 */
public final class FileGraphStore implements GraphStore {
    private final Path file;
    private final History history;
    private final Lines.Appender appender;

    private FileGraphStore(Path file, boolean readOnly) {
        this.file = file;
        // Lock before reading: a writer holding the file could be in the middle of a line.
        this.appender = readOnly ? null : new Lines.Appender(file);
        Lines.Read read = Files.exists(file) ? Lines.read(file) : new Lines.Read(List.of(), false, 0);
        List<Change> changes = new ArrayList<>();
        List<SealedSet> sets = new ArrayList<>();
        for (int i = 0; i < read.lines().size(); i++) {
            String where = file.getFileName() + " line " + (i + 1);
            JsonNode n = Canonical.parseStrict(read.lines().get(i), where);
            if (n.has("c")) {
                changes.add(Change.of(n.get("c"), where));
            } else if (n.has("s")) {
                sets.add(SealedSet.of(n.get("s")));
            } else {
                throw new GraphException(where + ": neither a change nor a seal");
            }
        }
        this.history = new History(changes, sets);
        if (appender != null) {
            appender.start(read.goodLength());
        }
    }

    /** Opens (or creates) the store in {@code dir}. */
    public static FileGraphStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new GraphException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return new FileGraphStore(dir.resolve("graph.log"), false);
    }

    /**
     * Opens the store in {@code dir} to read only: no lock, nothing written, a line being written by a
     * running host is left alone (and not read). For audits of a live graph.
     */
    public static FileGraphStore openReadOnly(Path dir) {
        if (!Files.exists(dir.resolve("graph.log"))) {
            throw new GraphException("no graph store in " + dir + " (no graph.log)");
        }
        return new FileGraphStore(dir.resolve("graph.log"), true);
    }

    @Override
    public boolean readOnly() {
        return appender == null;
    }

    @Override
    public synchronized void append(List<Change> changes) {
        requireWritable();
        List<String> lines = new ArrayList<>(changes.size());
        for (Change c : changes) {
            ObjectNode n = Canonical.MAPPER.createObjectNode();
            n.set("c", c.json());
            lines.add(Canonical.string(n));
        }
        appender.append(lines);
    }

    @Override
    public synchronized void seal(SealedSet set) {
        requireWritable();
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.set("s", set.json());
        appender.append(List.of(Canonical.string(n)));
    }

    @Override
    public History load() {
        return history;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    private void requireWritable() {
        if (appender == null) {
            throw new GraphException(describe() + " is open read-only");
        }
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
