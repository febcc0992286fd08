package io.sirsi.mcp.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a plugin's granted WASI directories are on the host side. A read-only grant is a snapshot, taken
 * when the plugin loads, of the directory's regular files and folders (symbolic links are left out, so
 * none can lead outside it), mounted as a read-only zip file system: the JDK refuses every write, and
 * the host directory is never touched. A writable grant is the directory itself; it must hold no
 * symbolic link, and the plugin cannot make one ({@link WasiGate} refuses path_symlink and path_link).
 */
final class GrantedDirectories implements AutoCloseable {
    private final Map<String, Path> roots = new LinkedHashMap<>();
    private final List<FileSystem> mounted = new java.util.ArrayList<>();
    private final List<Path> snapshots = new java.util.ArrayList<>();

    GrantedDirectories(PluginManifest m) {
        String who = "plugin '" + m.name() + "' (" + m.source().getFileName() + ")";
        for (PluginManifest.Grant g : m.directories()) {
            if (!Files.isDirectory(g.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw new PluginException(
                        who + ": the granted directory " + g.host() + " does not exist (or is a link)");
            }
            roots.put(g.guest(), g.writable() ? checkedWritable(g.host(), who) : snapshot(g.host(), who));
        }
    }

    /** The host path of each guest directory, in the order granted. */
    Map<String, Path> roots() {
        return roots;
    }

    private static Path checkedWritable(Path dir, String who) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isSymbolicLink).findFirst().ifPresent(link -> {
                throw new PluginException(who + ": the writable directory " + dir + " holds a symbolic link ("
                        + dir.relativize(link) + "), which could lead the plugin outside it");
            });
        } catch (IOException e) {
            throw new PluginException(who + ": cannot read " + dir + ": " + e.getMessage());
        }
        return dir;
    }

    private Path snapshot(Path dir, String who) {
        try {
            Path zip = Files.createTempFile("sirsi-plugin-", ".zip");
            snapshots.add(zip);
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
            FileSystem fs =
                    FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("accessMode", "readOnly"));
            mounted.add(fs);
            return fs.getPath("/");
        } catch (IOException e) {
            throw new PluginException(who + ": cannot take a read-only snapshot of " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        for (FileSystem fs : mounted) {
            try {
                fs.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Path zip : snapshots) {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }
}
