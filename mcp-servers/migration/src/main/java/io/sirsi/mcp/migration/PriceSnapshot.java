package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * One cloud's snapshot: a folder ({@code aws/}, {@code azure/}, {@code gcp/}) of price-list files in the
 * providers' own shapes, and its {@code manifest.json} naming each file, its format, its public source and
 * its date. The folder is either bundled on the class path or written by {@link PriceUpdater}.
 */
final class PriceSnapshot {
    /** The manifest's file name, the same in the bundle and in folders the updater writes. */
    static final String MANIFEST = "manifest.json";

    /** One file the manifest names; {@code format} says which parser reads it. */
    record Entry(String file, String format, String name, String url, LocalDate asOf) {}

    /** Opens a file of the snapshot by its name, or returns null when there is none. */
    @FunctionalInterface
    interface Opener {
        InputStream open(String file) throws IOException;
    }

    private final Cloud cloud;
    private final LocalDate asOf;
    private final List<Entry> entries;
    private final UnaryOperator<String> label;
    private final Opener opener;

    private PriceSnapshot(
            Cloud cloud, LocalDate asOf, List<Entry> entries, UnaryOperator<String> label, Opener opener) {
        this.cloud = cloud;
        this.asOf = asOf;
        this.entries = List.copyOf(entries);
        this.label = label;
        this.opener = opener;
    }

    /** The snapshot of {@code cloud} bundled in this jar. */
    static PriceSnapshot bundled(Cloud cloud) {
        String root = PriceSnapshots.RESOURCE_ROOT + cloud.id() + "/";
        return read(
                cloud,
                file -> cloud.id() + "/" + file + " (bundled)",
                file -> PriceSnapshot.class.getResourceAsStream(root + file));
    }

    /** The snapshot of {@code cloud} in {@code dir/<cloud>/}, when that folder has a manifest. */
    static Optional<PriceSnapshot> inDirectory(Path dir, Cloud cloud) {
        Path folder = dir.resolve(cloud.id());
        return Files.isRegularFile(folder.resolve(MANIFEST)) ? Optional.of(at(folder, cloud)) : Optional.empty();
    }

    /** The snapshot of {@code cloud} whose files are in {@code folder}. */
    static PriceSnapshot at(Path folder, Cloud cloud) {
        Path absolute = folder.toAbsolutePath().normalize();
        return read(cloud, file -> absolute.resolve(file).toString(), file -> {
            try {
                return Files.newInputStream(folder.resolve(file));
            } catch (NoSuchFileException e) {
                return null;
            }
        });
    }

    private static PriceSnapshot read(Cloud cloud, UnaryOperator<String> labels, Opener opener) {
        PriceSource self = new PriceSource(cloud, MANIFEST, MANIFEST, LocalDate.EPOCH);
        PriceFile manifest = parse(labels.apply(MANIFEST), opener, MANIFEST, self);
        JsonNode root = manifest.root();
        String declared = manifest.text(root, "cloud", "the manifest");
        if (!declared.equals(cloud.id())) {
            throw manifest.problem("describes cloud '" + declared + "', not " + cloud.id());
        }
        LocalDate asOf = date(manifest, root, "the manifest");
        List<Entry> entries = new ArrayList<>();
        JsonNode files = manifest.container(root, "files", "the manifest");
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String where = "files[" + i + "]";
            entries.add(new Entry(
                    manifest.text(f, "file", where),
                    manifest.text(f, "format", where),
                    manifest.text(f, "name", where),
                    manifest.text(f, "url", where),
                    f.has("asOf") ? date(manifest, f, where) : asOf));
        }
        if (entries.isEmpty()) {
            throw manifest.problem("names no files");
        }
        return new PriceSnapshot(cloud, asOf, entries, labels, opener);
    }

    private static LocalDate date(PriceFile file, JsonNode node, String where) {
        String text = file.text(node, "asOf", where);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw file.problem(where + ": asOf '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static PriceFile parse(String label, Opener opener, String file, PriceSource source) {
        try (InputStream in = opener.open(file)) {
            if (in == null) {
                throw new MigrationException("Price snapshot " + label + " is missing");
            }
            return new PriceFile(label, PriceSnapshots.JSON.readTree(in), source);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MigrationException(
                    "Price snapshot " + label + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MigrationException("Price snapshot " + label + " cannot be read: " + e.getMessage(), e);
        }
    }

    Cloud cloud() {
        return cloud;
    }

    /** The date of the snapshot as a whole: when it was taken. */
    LocalDate asOf() {
        return asOf;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The entries of one format, in manifest order. */
    List<Entry> entries(String format) {
        return entries.stream().filter(e -> e.format().equals(format)).toList();
    }

    /** Where {@code entry} came from, as the price book reports it. */
    PriceSource source(Entry entry) {
        return new PriceSource(cloud, entry.name(), entry.url(), entry.asOf());
    }

    /** The parsed file of {@code entry}. */
    PriceFile read(Entry entry) {
        return parse(label.apply(entry.file()), opener, entry.file(), source(entry));
    }

    /** The raw bytes of {@code entry}, to carry a file over unchanged into a refreshed snapshot. */
    byte[] bytes(Entry entry) {
        String name = label.apply(entry.file());
        try (InputStream in = opener.open(entry.file())) {
            if (in == null) {
                throw new MigrationException("Price snapshot " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MigrationException("Price snapshot " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A problem with the snapshot as a whole. */
    MigrationException problem(String what) {
        return new MigrationException("Price snapshot " + label.apply("") + ": " + what);
    }
}
