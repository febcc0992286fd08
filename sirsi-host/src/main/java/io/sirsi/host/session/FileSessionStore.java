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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded store: one file {@code ID.json} per session in a folder, and a journal in front of them. A save
 * appends the session to {@code journal.log} with a checksum before it returns: one small sequential write,
 * far cheaper than rewriting and renaming the session's file (about 2 ms on the machines measured). With
 * {@link Durability#SYNCED} the write goes through to the disk ({@code O_DSYNC}, about 0.2 ms) before the save
 * returns, so it survives a power loss; with {@link Durability#WRITTEN} it is in the operating system when the
 * save returns, which a killed host cannot lose, and a background thread forces it to the disk at once after.
 * When the journal passes {@link #COMPACT_AT} bytes, and on opening and closing, the sessions it holds are
 * written to their files (each to a temporary file, forced, renamed over the old one, the folder forced) and
 * the journal is emptied. On opening, a record a crash cut short is where the journal ends: it was never
 * acknowledged. The store holds an exclusive lock on {@code .lock}, so a second host on the folder is refused.
 */
public final class FileSessionStore implements SessionStore {
    private static final String SUFFIX = ".json";
    private static final String TEMP = ".tmp";
    private static final String JOURNAL = "journal.log";

    /** The journal's size at which its sessions are written to their files and it starts again. */
    static final long COMPACT_AT = 32L * 1024 * 1024;

    /** A session deleted since the last compaction. */
    private static final Session GONE = Session.create("deleted", Instant.EPOCH);

    // What the journal holds: the latest of each session saved or deleted since it was last emptied.
    private final java.util.concurrent.ConcurrentHashMap<String, Session> journaled =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock appending = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> queued =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.Semaphore unsynced = new java.util.concurrent.Semaphore(0);
    private final Durability durability;
    private FileChannel journal;
    private long journalSize;
    private Thread syncer;

    /** When a save's journal record is on the disk. */
    public enum Durability {
        /** Before the save returns: it survives a power loss. */
        SYNCED,
        /**
         * In the operating system before the save returns, so a killed host loses nothing acknowledged; forced to
         * the disk by a background thread right after, so a power loss can lose the last few milliseconds.
         */
        WRITTEN;

        /** The durability named {@code synced}/{@code always} or {@code written}. */
        public static Durability parse(String name) {
            return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "synced", "always" -> SYNCED;
                case "written" -> WRITTEN;
                default -> throw new SessionException("session sync is 'always' or 'written', not '" + name + "'");
            };
        }
    }

    private long compactAt = COMPACT_AT;

    private final Path dir;
    private final Duration ttl;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private volatile boolean closed;

    private FileSessionStore(Path dir, Duration ttl, Durability durability, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.ttl = ttl;
        this.durability = durability;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the store in {@code dir}; sessions live {@code ttl} after they were last active, and a
     * save is on the disk when it returns ({@link Durability#SYNCED}).
     */
    public static FileSessionStore open(Path dir, Duration ttl) {
        return open(dir, ttl, Durability.SYNCED);
    }

    /** Opens the store as {@link #open(Path, Duration)} does, with its saves as durable as {@code durability}. */
    public static FileSessionStore open(Path dir, Duration ttl, Durability durability) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(durability, "durability");
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
            FileSessionStore store = new FileSessionStore(dir, ttl, durability, channel, l);
            store.replay();
            if (durability == Durability.WRITTEN) {
                store.syncer = Thread.ofVirtual().name("session-journal-sync").start(store::syncLoop);
            }
            return store;
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

    /** Forces the journal to the disk whenever saves were written since it last did. */
    private void syncLoop() {
        try {
            while (true) {
                unsynced.acquire();
                unsynced.drainPermits();
                try {
                    journal.force(false);
                } catch (IOException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    LOG.warn("cannot force the session journal in {}: {}", dir, e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileSessionStore.class);

    /** Opens the store with another compaction threshold, for tests. */
    static FileSessionStore open(Path dir, Duration ttl, long compactAt) {
        FileSessionStore store = open(dir, ttl);
        store.compactAt = compactAt;
        return store;
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
        Path file = fileOf(id);
        Session j = journaled.get(id);
        Optional<Session> s = j != null ? (j == GONE ? Optional.empty() : Optional.of(j)) : read(file);
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
        fileOf(session.id());
        append('S', session.id(), SessionJson.write(session).getBytes(StandardCharsets.UTF_8), session);
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        Path file = fileOf(id);
        Session j = journaled.get(id);
        boolean was = j != null ? j != GONE : Files.exists(file);
        if (was) {
            append('D', id, new byte[0], GONE);
        }
        return was;
    }

    @Override
    public java.util.Set<String> ids() {
        requireOpen();
        java.util.Set<String> ids = new java.util.TreeSet<>(journaled.keySet());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                ids.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            throw new SessionException("cannot list the sessions in " + dir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public int expire(Instant now) {
        Objects.requireNonNull(now, "now");
        requireOpen();
        int removed = 0;
        for (String id : ids()) {
            Session j = journaled.get(id);
            Optional<Session> s = j != null ? (j == GONE ? Optional.empty() : Optional.of(j)) : read(fileOf(id));
            if (s.isPresent() && expired(s.get(), now) && delete(id)) {
                removed++;
            }
        }
        return removed;
    }

    /** A record waiting for the journal, and what it changes once written. */
    private record Pending(
            String id, Session applied, byte[] bytes, java.util.concurrent.CompletableFuture<Void> done) {}

    /**
     * Appends a record and applies it; returns once the record is on the disk. Records of concurrent saves are
     * written together (group commit): whoever holds the journal writes every record queued so far in one
     * write, so a thousand sessions saving at once share the disk's syncs instead of queueing for one each.
     */
    private void append(char kind, String id, byte[] json, Session applied) {
        byte[] head = (kind + " " + id + " " + json.length + " " + Long.toHexString(crc(json)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] record = java.util.Arrays.copyOf(head, head.length + json.length + 1);
        System.arraycopy(json, 0, record, head.length, json.length);
        record[record.length - 1] = '\n';
        Pending mine = new Pending(id, applied, record, new java.util.concurrent.CompletableFuture<>());
        queued.add(mine);
        appending.lock();
        try {
            if (!mine.done().isDone()) {
                flushQueued();
            }
        } finally {
            appending.unlock();
        }
        try {
            mine.done().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new SessionException(
                    "cannot save session " + id + " in " + dir + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    /** Writes every queued record in one write; the caller holds {@link #appending}. */
    private void flushQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queued.poll()) != null; ) {
            batch.add(p);
        }
        try {
            requireOpen();
            int size = 0;
            for (Pending p : batch) {
                size += p.bytes().length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size);
            batch.forEach(p -> buffer.put(p.bytes()));
            buffer.flip();
            long at = journalSize;
            while (buffer.hasRemaining()) {
                at += journal.write(buffer, at);
            }
            journalSize = at;
            if (durability == Durability.WRITTEN) {
                unsynced.release();
            }
            batch.forEach(p -> journaled.put(p.id(), p.applied()));
            batch.forEach(p -> p.done().complete(null));
            if (journalSize > compactAt) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private static long crc(byte[] bytes) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes);
        return c.getValue();
    }

    /** Reads the journal left by the last run, up to its first incomplete record, and compacts it. */
    private void replay() throws IOException {
        Path file = dir.resolve(JOURNAL);
        byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        int pos = 0;
        while (pos < all.length) {
            int nl = indexOf(all, (byte) '\n', pos);
            if (nl < 0) {
                break;
            }
            String[] head = new String(all, pos, nl - pos, StandardCharsets.UTF_8).split(" ");
            int length;
            try {
                length = head.length == 4 ? Integer.parseInt(head[2]) : -1;
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || nl + 1 + length + 1 > all.length || all[nl + 1 + length] != '\n') {
                break;
            }
            byte[] json = java.util.Arrays.copyOfRange(all, nl + 1, nl + 1 + length);
            if (!Long.toHexString(crc(json)).equals(head[3])) {
                break;
            }
            if (head[0].equals("S")) {
                journaled.put(head[1], SessionJson.read(new String(json, StandardCharsets.UTF_8), file + " at " + pos));
            } else if (head[0].equals("D")) {
                journaled.put(head[1], GONE);
            } else {
                break;
            }
            pos = nl + 1 + length + 1;
        }
        journal = durability == Durability.SYNCED
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        // What follows the last whole record was never acknowledged.
        journalSize = pos;
        journal.truncate(pos);
        forceDir();
        appending.lock();
        try {
            compact();
        } finally {
            appending.unlock();
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Writes the journal's sessions to their files and empties it; the caller holds {@link #appending}. */
    private void compact() throws IOException {
        if (journaled.isEmpty()) {
            return;
        }
        for (var e : journaled.entrySet()) {
            Path file = fileOf(e.getKey());
            if (e.getValue() == GONE) {
                Files.deleteIfExists(file);
            } else {
                writeFile(file, SessionJson.write(e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
        }
        forceDir();
        journal.truncate(0);
        journal.force(true);
        journalSize = 0;
        journaled.clear();
    }

    private void writeFile(Path file, byte[] bytes) throws IOException {
        Path temp = dir.resolve(file.getFileName() + "." + UUID.randomUUID() + TEMP);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String describe() {
        return "file session store " + dir + (durability == Durability.WRITTEN ? " (saves forced right after)" : "");
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
        if (syncer != null) {
            syncer.interrupt();
        }
        appending.lock();
        try {
            compact();
            journal.force(true);
            journal.close();
        } catch (IOException e) {
            throw new SessionException("cannot close " + describe() + ": " + e.getMessage(), e);
        } finally {
            closed = true;
            appending.unlock();
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new SessionException("cannot close " + describe() + ": " + e.getMessage(), e);
        }
    }
}
