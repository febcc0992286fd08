package io.sirsi.graph;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./sirsi audit}: verify a graph export against its ledger, prove a node, or export the graph,
 * with no host running.
 *
 * <pre>
 * audit verify --export FILE (--journal FILE | --mirror URL --topic ID)
 * audit prove ID [--data DIR]
 * audit export [--data DIR] [--out FILE]
 * </pre>
 *
 * Exit codes: 0 verified, 1 a divergence was found, 2 the command line or an input is wrong.
 */
public final class AuditMain {
    /** The local journal's payer and topic unless told otherwise (a local journal models one topic). */
    public static final EntityId LOCAL_PAYER = new EntityId(0, 0, 2);

    /** The local journal's topic. */
    public static final EntityId LOCAL_TOPIC = new EntityId(0, 0, 1001);

    private AuditMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            err.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "verify" -> verify(options, out);
                case "prove" -> prove(options, out);
                case "export" -> export(options, out);
                default -> throw new GraphException("unknown audit command '" + args[0] + "'\n" + usage());
            };
        } catch (GraphException e) {
            err.println("sirsi audit: " + e.getMessage());
            return 2;
        }
    }

    private static String usage() {
        return """
                usage: ./sirsi audit verify --export FILE (--journal FILE | --mirror URL --topic ID)
                       ./sirsi audit prove ID [--data DIR]
                       ./sirsi audit export [--data DIR] [--out FILE]
                  --data defaults to $SIRSI_GRAPH_DIR, else ~/.sirsi/graph""";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new GraphException("option " + args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() > 1) {
            throw new GraphException("unexpected arguments " + positional.subList(1, positional.size()));
        }
        positional.stream().findFirst().ifPresent(p -> options.put("", p));
        return options;
    }

    private static Path dataDir(Map<String, String> options) {
        String dir = options.getOrDefault(
                "data",
                System.getenv().getOrDefault("SIRSI_GRAPH_DIR", System.getProperty("user.home") + "/.sirsi/graph"));
        return Path.of(dir);
    }

    /**
     * Opens the graph in {@code dir} (its store and local journal) to read only: no lock, nothing written,
     * so an auditor can read a graph a running host is writing.
     */
    public static KnowledgeGraph openLocal(Path dir, int setSize) {
        if (!dir.resolve("journal.log").toFile().exists()
                || !dir.resolve("store/graph.log").toFile().exists()) {
            throw new GraphException("no graph in " + dir + " (no journal.log and store/graph.log); give --data DIR");
        }
        return KnowledgeGraph.open(
                FileGraphStore.openReadOnly(dir.resolve("store")),
                LocalJournal.openReadOnly(dir.resolve("journal.log"), LOCAL_PAYER, LOCAL_TOPIC),
                setSize);
    }

    /** Opens the graph in {@code dir}, creating it if it is new. */
    public static KnowledgeGraph openLocalOrCreate(Path dir, int setSize) {
        return KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), LOCAL_PAYER, LOCAL_TOPIC),
                setSize);
    }

    private static int verify(Map<String, String> o, PrintStream out) {
        Path export = Path.of(require(o, "export"));
        if (!o.containsKey("journal") && !o.containsKey("mirror")) {
            throw new GraphException("give the ledger: --journal FILE, or --mirror URL --topic ID");
        }
        if (!export.toFile().isFile()) {
            throw new GraphException("no export at " + export);
        }
        List<TopicMessage> messages;
        String name;
        if (o.containsKey("journal")) {
            Path journal = Path.of(o.get("journal"));
            if (!journal.toFile().isFile()) {
                throw new GraphException("no journal at " + journal);
            }
            name = journal.getFileName().toString();
            try {
                messages = LocalJournal.read(journal);
            } catch (GraphException e) {
                out.println(new AuditReport(0, 0, 0, java.util.Optional.of(e.getMessage())).summary());
                return 1;
            }
        } else if (o.containsKey("mirror")) {
            String url = o.get("mirror");
            String topic = require(o, "topic");
            name = "mirror " + url + " topic " + topic;
            try (MirrorReader mirror = MirrorReader.create(java.net.URI.create(url))) {
                messages = mirror.messages(EntityId.parse(topic));
            } catch (IllegalArgumentException e) {
                throw new GraphException("--mirror " + url + " is not a URL: " + e.getMessage());
            }
        } else {
            throw new GraphException("give the ledger: --journal FILE, or --mirror URL --topic ID");
        }
        AuditReport report = Auditor.verify(export, messages, name);
        out.println(report.summary());
        return report.ok() ? 0 : 1;
    }

    private static int prove(Map<String, String> o, PrintStream out) {
        String id = require(o, "");
        try (KnowledgeGraph g = openLocal(dataDir(o), 10_000)) {
            Proof proof = g.prove(id);
            if (!proof.verifies()) {
                throw new GraphException("the proof of '" + id + "' does not verify: the store is damaged");
            }
            out.println(proof.json().toPrettyString());
            return 0;
        }
    }

    private static int export(Map<String, String> o, PrintStream out) {
        Path target = Path.of(o.getOrDefault("out", "graph-export.jsonl"));
        try (KnowledgeGraph g = openLocal(dataDir(o), 10_000)) {
            g.export(target);
            long[] counts = g.counts();
            out.println("wrote " + target + ": " + g.sets().size() + " change sets, " + counts[1] + " changes"
                    + (counts[0] > counts[1]
                            ? " (" + (counts[0] - counts[1]) + " newer changes are not anchored yet)"
                            : ""));
            out.println("verify it with: ./sirsi audit verify --export " + target + " --journal "
                    + dataDir(o).resolve("journal.log"));
            return 0;
        }
    }

    private static String require(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            throw new GraphException(key.isEmpty() ? "give a node or edge id" : "option --" + key + " is required");
        }
        return v;
    }
}
