package io.sirsi.mcp.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a plugin's granted WASI directories are on the host side. A read-only grant is a snapshot, taken
 * when the plugin loads, of the directory's regular files and folders (symbolic links are left out, so
 * none can lead outside it), kept as a zip file and mounted read-only for each call: the JDK refuses
 * every write, the host directory is never touched, and a call interrupted at its time limit (which
 * closes the channels it was reading) harms no other call. A writable grant is the directory itself; it
 * must hold no symbolic link, and the plugin cannot make one ({@link WasiGate} refuses path_symlink and
 * path_link).
 */
final class GrantedDirectories {
    /** A grant: the writable host directory, or the zip snapshot of a read-only one. */
    private record Source(Path path, boolean snapshot) {}

    private final Map<String, Source> sources = new LinkedHashMap<>();

    /** One call's view of the grants: the host path of each guest directory; closing unmounts them. */
    record Mount(Map<String, Path> roots, List<FileSystem> mounted) implements AutoCloseable {
        @Override
        public void close() {
            for (FileSystem fs : mounted) {
                try {
                    fs.close();
                } catch (IOException | RuntimeException e) {
                    // an interrupted call may have closed it already
                }
            }
        }
    }

    GrantedDirectories(PluginManifest m) {
        String who = "plugin '" + m.name() + "' (" + m.source().getFileName() + ")";
        for (PluginManifest.Grant g : m.directories()) {
            if (!Files.isDirectory(g.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw new PluginException(
                        who + ": the granted directory " + g.host() + " does not exist (or is a link)");
            }
            if (sources.containsKey(g.guest())) {
                throw new PluginException(who + ": the guest directory " + g.guest() + " is granted twice");
            }
            sources.put(
                    g.guest(),
                    g.writable()
                            ? new Source(checkedWritable(g.host(), who), false)
                            : new Source(snapshot(g.host(), who), true));
        }
    }

    /** Mounts the grants for one call, in the order granted. */
    Mount mount() {
        Map<String, Path> roots = new LinkedHashMap<>();
        List<FileSystem> mounted = new ArrayList<>();
        for (var e : sources.entrySet()) {
            if (e.getValue().snapshot()) {
                try {
                    FileSystem fs = FileSystems.newFileSystem(e.getValue().path(), Map.of("accessMode", "readOnly"));
                    mounted.add(fs);
                    roots.put(e.getKey(), fs.getPath("/"));
                } catch (IOException ex) {
                    new Mount(roots, mounted).close();
                    throw new PluginException("cannot mount the snapshot of " + e.getKey() + ": " + ex.getMessage());
                }
            } else {
                roots.put(e.getKey(), e.getValue().path());
            }
        }
        return new Mount(roots, mounted);
    }

    private static Path checkedWritable(Path dir, String who) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isSymbolicLink).findFirst().ifPresent(link -> {
                throw new PluginException(who + ": the writable directory " + dir + " holds a symbolic link ("
                        + dir.relativize(link) + "), which could lead the plugin outside it");
            });
        } catch (IOException | UncheckedIOException e) {
            throw new PluginException(who + ": cannot read " + dir + ": " + e.getMessage());
        }
        return dir;
    }

    private static Path snapshot(Path dir, String who) {
        try {
            Path zip = Files.createTempFile("sirsi-plugin-", ".zip");
            zip.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream z = new ZipOutputStream(out);
                    Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.toList()) {
                    if (p.equals(dir) || Files.isSymbolicLink(p)) {
                        continue;
                    }
                    String name = dir.relativize(p).toString().replace('\\', '/');
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        z.putNextEntry(new ZipEntry(name + "/"));
                        z.closeEntry();
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        z.putNextEntry(new ZipEntry(name));
                        Files.copy(p, z);
                        z.closeEntry();
                    }
                }
            }
            return zip;
        } catch (IOException | UncheckedIOException e) {
            throw new PluginException(who + ": cannot take a read-only snapshot of " + dir + ": " + e.getMessage());
        }
    }
}
