package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where price snapshots live: bundled in the jar, and in a user folder the {@link PriceUpdater} refreshes
 * ({@code $SIRSI_PRICES_DIR}, else {@code ~/.sirsi/prices}); and how a refreshed snapshot replaces the
 * previous one without ever leaving half of it on disk.
 */
final class PriceSnapshots {
    /** The environment variable that moves the user folder. */
    static final String DIR_ENV = "SIRSI_PRICES_DIR";

    /** The class-path folder of the bundled snapshots. */
    static final String RESOURCE_ROOT = "/io/sirsi/mcp/migration/prices/";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PriceSnapshots() {}

    /** The folder the updater writes to by default, and {@link BundledPriceBook#load()} reads first. */
    static Path userDirectory() {
        return Optional.ofNullable(System.getenv(DIR_ENV))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".sirsi", "prices"));
    }

    /**
     * Replaces {@code out/<cloud>/} with {@code files}: they are written into a staging folder next to it,
     * {@code check} reads the staged folder (and throws to refuse it), and only then do the folders swap by
     * renames. A failure at any step leaves the previous snapshot as it was.
     */
    static void replace(Path out, Cloud cloud, Map<String, byte[]> files, Consumer<Path> check) throws IOException {
        Files.createDirectories(out);
        Path staging = Files.createTempDirectory(out, "." + cloud.id() + "-staging-");
        Path target = out.resolve(cloud.id());
        Path previous = out.resolve(staging.getFileName().toString().replace("-staging-", "-previous-"));
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(staging.resolve(file.getKey()), file.getValue());
            }
            check.accept(staging);
            boolean hadPrevious = Files.exists(target);
            if (hadPrevious) {
                move(target, previous);
            }
            try {
                move(staging, target);
            } catch (IOException | RuntimeException e) {
                if (hadPrevious) {
                    move(previous, target);
                }
                throw e;
            }
            if (hadPrevious) {
                deleteTree(previous);
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
