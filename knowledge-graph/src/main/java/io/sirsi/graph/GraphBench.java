package io.sirsi.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./sirsi bench graph [CHANGES]}: ingests a million changes (nodes and edges of a growing estate,
 * each resource written several times) into the embedded store with the local journal, in sets of
 * 10,000, then exports and verifies them. Prints the ledger message count and the rates; exits 1 when a
 * target is missed (at most 100 messages for a million changes; verification at 200,000 changes/s).
 */
public final class GraphBench {
    private GraphBench() {}

    /** Writes {@code total} changes: nodes and edges of a growing estate, each resource written five times. */
    private static long ingest(KnowledgeGraph g, int total, Instant at) {
        long written = 0;
        int batch = 10_000;
        int distinct = Math.max(1, total / 5);
        while (written < total) {
            List<Change> changes = new ArrayList<>(batch);
            for (int i = 0; i < batch && written < total; i++, written++) {
                long n = written % distinct;
                String tag = "sync-" + (written / distinct);
                ObjectNode p = Canonical.MAPPER.createObjectNode();
                p.put("instanceType", n % 2 == 0 ? "m5.large" : "t3.medium").put("version", written / distinct);
                if (n % 3 == 2) {
                    changes.add(
                            Change.edge("i-" + (n - 1), "connects-to", "i-" + (n - 2), p, "acct-" + (n % 7), tag, at));
                } else {
                    changes.add(Change.node("i-" + n, "aws.ec2.instance", p, "acct-" + (n % 7), tag, at));
                }
            }
            g.commit(changes);
        }
        return written;
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int setSize = 10_000;
        Path dir = Files.createTempDirectory("sirsi-graph-bench");
        try {
            Instant at = Instant.parse("2026-11-01T06:00:00Z");
            long t0 = System.nanoTime();
            long written = 0;
            int messages;
            double ingest;
            double exportSeconds;
            Path export = dir.resolve("export.jsonl");
            try (KnowledgeGraph g = AuditMain.openLocalOrCreate(dir, setSize)) {
                written = ingest(g, total, Instant.parse("2026-11-01T06:00:00Z"));
                g.flush();
                ingest = (System.nanoTime() - t0) / 1e9;
                long e0 = System.nanoTime();
                g.export(export);
                exportSeconds = (System.nanoTime() - e0) / 1e9;
                messages = g.ledger().messages().size();
            }
            // The auditor is another party: it starts from the files alone, with the graph closed.
            long v0 = System.nanoTime();
            AuditReport report = Auditor.verify(export, LocalJournal.read(dir.resolve("journal.log")), "journal.log");
            double verify = (System.nanoTime() - v0) / 1e9;
            int maxMessages = Math.max(1, total / setSize);
            System.out.printf(
                    Locale.ROOT,
                    "ingested %,d changes in %.2f s (%,.0f changes/s, durable and anchored)%n",
                    written,
                    ingest,
                    written / ingest);
            System.out.printf(Locale.ROOT, "ledger messages: %d (target: at most %d)%n", messages, maxMessages);
            System.out.printf(Locale.ROOT, "export: %.2f s, %,d bytes%n", exportSeconds, Files.size(export));
            System.out.printf(
                    Locale.ROOT,
                    "verified %,d changes in %.2f s (%,.0f changes/s; target 200,000/s): %s%n",
                    report.changes(),
                    verify,
                    report.changes() / verify,
                    report.summary());
            boolean ok = report.ok() && messages <= maxMessages && report.changes() / verify >= 200_000;
            System.exit(ok ? 0 : 1);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
