package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Copies and edits snapshot folders for tests, and reads what is in them. */
final class PriceTestFiles {
    private PriceTestFiles() {}

    /** Copies the bundled snapshot of {@code cloud} into {@code dir/<cloud>/}; returns that folder. */
    static Path copyBundled(Cloud cloud, Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(cloud.id()));
        PriceSnapshot bundled = PriceSnapshot.bundled(cloud);
        for (PriceSnapshot.Entry entry : bundled.entries()) {
            Files.write(folder.resolve(entry.file()), bundled.bytes(entry));
        }
        Files.write(
                folder.resolve(PriceSnapshot.MANIFEST),
                resource(PriceSnapshots.RESOURCE_ROOT + cloud.id() + "/" + PriceSnapshot.MANIFEST));
        return folder;
    }

    /** The bytes of a class-path resource. */
    static byte[] resource(String path) {
        try (InputStream in = PriceTestFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bundled snapshot file, parsed. */
    static JsonNode bundledJson(Cloud cloud, String file) {
        return PriceSnapshots.JSON.readTree(resource(PriceSnapshots.RESOURCE_ROOT + cloud.id() + "/" + file));
    }

    /** Rewrites the manifest of {@code folder} with another date. */
    static void redate(Path folder, String asOf) throws IOException {
        Path manifest = folder.resolve(PriceSnapshot.MANIFEST);
        ObjectNode json = (ObjectNode) PriceSnapshots.JSON.readTree(manifest);
        json.put("asOf", asOf);
        json.get("files").values().forEach(f -> ((ObjectNode) f).put("asOf", asOf));
        PriceSnapshots.JSON.writeValue(manifest, json);
    }

    /** Every file under {@code dir} with its bytes, to show that nothing changed. */
    static Map<Path, byte[]> contents(Path dir) throws IOException {
        Map<Path, byte[]> all = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return all;
    }

    /** The names in a folder, sorted: to show that no staging folder is left behind. */
    static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
