package io.sirsi.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A writer for {@link CrashTest}: commits batches of nodes forever, printing each acknowledged count. */
public final class CrashWriter {
    private CrashWriter() {}

    /** Args: the data folder. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (KnowledgeGraph g = KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), EntityId.parse("0.0.2"), EntityId.parse("0.0.1001")),
                300)) {
            long n = g.counts()[0];
            while (true) {
                List<Change> batch = new ArrayList<>(50);
                for (int i = 0; i < 50; i++) {
                    batch.add(Change.node(
                            "w/" + (n + i),
                            "test.node",
                            Sample.props("n", Long.toString(n + i)),
                            "w",
                            "sync-1",
                            Sample.AT));
                }
                g.commit(batch);
                n += batch.size();
                System.out.println("acked " + n);
                System.out.flush();
            }
        }
    }
}
