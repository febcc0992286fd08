package io.sirsi.host.session;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A writer for {@link FileSessionStoreCrashTest}: saves sessions forever, printing each acknowledged save.
 * Session {@code s-N} is new at save N; session {@code log} gains message N at save N.
 */
public final class CrashSessionWriter {
    private CrashSessionWriter() {}

    /** Args: the store folder, the first save number. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long n = Long.parseLong(args[1]);
        FileSessionStore.Durability durability =
                FileSessionStore.Durability.parse(args.length > 2 ? args[2] : "always");
        try (FileSessionStore store = FileSessionStore.open(dir, Duration.ofDays(1), durability)) {
            Instant now = Instant.now();
            Session log = store.get("log").orElse(Session.create("log", now));
            while (true) {
                store.save(Session.create("s-" + n, now).withMessage(new Session.Message("user", "n" + n, now)));
                log = log.withMessage(new Session.Message("user", "n" + n, now));
                store.save(log);
                System.out.println("acked " + n);
                System.out.flush();
                n++;
            }
        }
    }
}
