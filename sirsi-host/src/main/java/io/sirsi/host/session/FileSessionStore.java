package io.sirsi.host.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded store: one file {@code ID.json} per session in a folder. A save writes a temporary file,
 * forces it to the disk, renames it over the session's file (atomically) and forces the folder, so a crash
 * or a kill at any moment leaves either the old session or the new one, never a mix, and a save that
 * returned survives a power loss. Temporary files a crash left behind are removed on opening. The store
 * holds an exclusive lock on {@code .lock} in the folder, so a second host on the same folder is refused.
 */
public final class FileSessionStore implements SessionStore {
    private static final String SUFFIX = ".json";
    private static final String TEMP = ".tmp";

    private final Path dir;
    private final Duration ttl;
    private final FileChannel lockChannel;
    private final FileLock lock;
    // Striped by id: a save, delete or expiry of one session does not interleave with another of the same id.
    private final Object[] stripes = new Object[64];
    private volatile boolean closed;

    private FileSessionStore(Path dir, Duration ttl, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.ttl = ttl;
        this.lockChannel = lockChannel;
        this.lock = lock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** Opens (or creates) the store in {@code dir}; sessions live {@code ttl} after they were last active. */
    public static FileSessionStore open(Path dir, Duration ttl) {
        Objects.requireNonNull(dir, "dir");
        requirePositive(ttl);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                channel.close();
                throw new SessionException(dir + " is in use by another session store (a running host?)");
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP)) {
                for (Path t : temps) {
                    Files.deleteIfExists(t); // a save a crash cut short: it was never acknowledged
                }
            }
            return new FileSessionStore(dir, ttl, channel, l);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new SessionException("cannot open the session store in " + dir + ": " + e.getMessage(), e);
        }
    }

    static Duration requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new SessionException("a session TTL must be positive, not " + ttl);
        }
        return ttl;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Optional<Session> get(String id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        Optional<Session> s = read(fileOf(id));
        return s.filter(x -> !expired(x, Instant.now()));
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        requireOpen();
        if (expired(session, Instant.now())) {
            delete(session.id());
            return;
        }
        Path file = fileOf(session.id());
        Path temp = dir.resolve(session.id() + "." + UUID.randomUUID() + TEMP);
        byte[] bytes = SessionJson.write(session).getBytes(StandardCharsets.UTF_8);
        synchronized (stripe(session.id())) {
            try {
                try (FileChannel out =
                        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    out.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDir();
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw new SessionException(
                        "cannot save session " + session.id() + " in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        synchronized (stripe(id)) {
            try {
                boolean was = Files.deleteIfExists(fileOf(id));
                if (was) {
                    forceDir();
                }
                return was;
            } catch (IOException e) {
                throw new SessionException("cannot delete session " + id + " in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public int expire(Instant now) {
        Objects.requireNonNull(now, "now");
        requireOpen();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                synchronized (stripe(id)) {
                    Optional<Session> s = read(f);
                    if (s.isPresent() && expired(s.get(), now) && Files.deleteIfExists(f)) {
                        removed++;
                    }
                }
            }
            if (removed > 0) {
                forceDir();
            }
        } catch (IOException e) {
            throw new SessionException("cannot expire sessions in " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    @Override
    public String describe() {
        return "file session store " + dir;
    }

    private boolean expired(Session s, Instant now) {
        return !s.lastActive().plus(ttl).isAfter(now);
    }

    private Optional<Session> read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SessionException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(SessionJson.read(json, file.toString()));
    }

    private Path fileOf(String id) {
        // Checks the id the same way a session's id is checked, so that it can only name a file in dir.
        return dir.resolve(Session.create(id, Instant.EPOCH).id() + SUFFIX);
    }

    private Object stripe(String id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    private void forceDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new SessionException(describe() + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new SessionException("cannot close " + describe() + ": " + e.getMessage(), e);
        }
    }
}
