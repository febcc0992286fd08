package io.sirsi.graph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A graph export an auditor keeps: a header line, then one canonical JSON line per sealed set with its
 * changes, their Merkle leaves, its root, and the ledger sequence number that anchors it. Every field is
 * either hashed into the root or checked against the ledger, and every line must be canonical, so an
 * edited byte anywhere is found.
 */
final class Export {
    /** The first line of every export. */
    static final String HEADER = "{\"format\":\"sirsi-graph-export\",\"version\":1}";

    private Export() {}

    static void write(Path file, List<SealedSet> sets, Function<SealedSet, List<byte[]>> changes) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (SealedSet s : sets) {
                StringBuilder line = new StringBuilder(1024);
                line.append("{\"changes\":[");
                List<byte[]> cs = changes.apply(s);
                for (int i = 0; i < cs.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(new String(cs.get(i), StandardCharsets.UTF_8));
                }
                line.append("],\"count\":").append(s.count()).append(",\"leaves\":[");
                for (int i = 0; i < cs.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append('"').append(Hashes.hex(Merkle.leaf(cs.get(i)))).append('"');
                }
                line.append("],\"root\":\"")
                        .append(s.root())
                        .append("\",\"seq\":")
                        .append(s.sequence())
                        .append(",\"set\":")
                        .append(s.set())
                        .append(",\"tag\":");
                line.append(Canonical.string(Canonical.MAPPER.getNodeFactory().stringNode(s.syncTag())));
                line.append('}');
                w.write(line.toString());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new GraphException("cannot write the export " + file + ": " + e.getMessage(), e);
        }
    }
}
