package io.sirsi.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only line files the graph keeps (the store's log, the local journal, exports): strict UTF-8,
 * one canonical JSON value per line, each line ended by a newline. A last line without its newline is a
 * write a crash cut short: it was never acknowledged.
 */
final class Lines {
    private Lines() {}

    /** The lines of a file, and whether its last line was cut short. */
    record Read(List<String> lines, boolean tornTail, long goodLength) {}

    static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GraphException("cannot read " + file + ": " + e.getMessage(), e);
        }
        // A newline byte never occurs inside a UTF-8 sequence, so lines can be cut on bytes, then decoded.
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(decode(bytes, start, i, file, lines.size() + 1));
                start = i + 1;
            }
        }
        boolean torn = start < bytes.length;
        return new Read(lines, torn, start);
    }

    /** The lines of a file as bytes, undecoded (the auditor parses bytes), and whether the last was cut short. */
    record Raw(List<byte[]> lines, boolean tornTail) {}

    static Raw readRaw(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GraphException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return new Raw(lines, start < bytes.length);
    }

    private static String decode(byte[] bytes, int from, int to, Path file, int line) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GraphException(file.getFileName() + " line " + line + ": not valid UTF-8");
        }
    }

    /**
     * An open file that lines are appended to, each batch forced to the disk before it is acknowledged.
     * It holds an exclusive lock on the file, so a second writer (another host, or a tool opening the
     * same data) is refused rather than interleaving lines. A file it creates has its directory forced
     * too, so the file itself survives a power loss. A batch that fails half-written is cut off again, and
     * the appender refuses further writes until the file is reopened.
     */
    static final class Appender implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final java.nio.channels.FileLock lock;
        private boolean failed;

        Appender(Path file) {
            this.file = file;
            boolean existed = Files.exists(file);
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                java.nio.channels.FileLock l;
                try {
                    l = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    channel.close();
                    throw new GraphException(file + " is in use by another writer (a running host?); stop it, or "
                            + "read the data with ./sirsi audit, which opens it read-only");
                }
                lock = l;
                if (!existed) {
                    try (FileChannel dir =
                            FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                        dir.force(true);
                    }
                }
            } catch (IOException e) {
                throw new GraphException("cannot open " + file + " for writing: " + e.getMessage(), e);
            }
        }

        /** Keeps the first {@code keepLength} bytes (dropping a line a crash cut short) and appends after them. */
        void start(long keepLength) {
            try {
                if (channel.size() > keepLength) {
                    channel.truncate(keepLength);
                    channel.force(true);
                }
                channel.position(keepLength);
            } catch (IOException e) {
                throw new GraphException("cannot prepare " + file + " for writing: " + e.getMessage(), e);
            }
        }

        /** Appends the lines and forces them to the disk. */
        void append(List<String> lines) {
            if (failed) {
                throw new GraphException("an earlier write to " + file + " failed; reopen it before writing again");
            }
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            long at;
            try {
                at = channel.position();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            } catch (IOException e) {
                failed = true;
                try {
                    channel.truncate(at);
                    channel.position(at);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw new GraphException("cannot write to " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
