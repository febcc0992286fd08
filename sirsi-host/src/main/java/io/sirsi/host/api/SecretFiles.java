package io.sirsi.host.api;

import io.sirsi.host.HostException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

/**
 * The files authentication keeps under {@code ~/.sirsi}: readable by their owner only (mode 600, the folder
 * 700, on POSIX), written atomically (a temporary file forced to the disk, renamed over the old one, the folder
 * forced) so a crash leaves the old file or the new one, never a mix.
 */
final class SecretFiles {
    private static final boolean POSIX =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** What a file looked like when read: a rename gives a new file key, so a rewrite is always noticed. */
    record Stamp(Object key, FileTime modified, long size) {
        static final Stamp ABSENT = new Stamp("absent", FileTime.fromMillis(0), -1);
    }

    private SecretFiles() {}

    static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HostException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = a.fileKey() == null ? "no-key" : a.fileKey();
            return new Stamp(key, a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        } catch (IOException e) {
            throw new HostException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            createPrivateDir(dir);
            // Created with mode 600, so the content is never readable by others, not even for a moment.
            Files.createFile(temp, ownerOnly("rw-------"));
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (POSIX) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new HostException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        } catch (FileAlreadyExistsException e) {
            // another process made it between the check and here
        }
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
