package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code ./sirsi audit}: its exit codes, its output, and bad input that names the problem. */
class AuditMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void graph() {
        try (KnowledgeGraph g = AuditMain.openLocalOrCreate(dir.resolve("data"), 20)) {
            g.commit(Sample.estate("111", "sync-1", 10));
            g.flush();
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return AuditMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportThenVerifyPassesAndATamperedExportFails() throws Exception {
        Path export = dir.resolve("export.jsonl");
        assertEquals(0, run("export", "--data", dir.resolve("data").toString(), "--out", export.toString()), err());
        assertTrue(out().contains("2 change sets, 32 changes"), out());
        String journal = dir.resolve("data/journal.log").toString();
        assertEquals(0, run("verify", "--export", export.toString(), "--journal", journal), out());
        assertTrue(out().startsWith("OK: 2 change sets, 32 changes and 2 ledger messages verified"), out());
        Files.writeString(export, Files.readString(export).replace("t3.large", "t3.small"));
        assertEquals(1, run("verify", "--export", export.toString(), "--journal", journal));
        assertTrue(out().startsWith("FAILED: export.jsonl line 2 (set 1) change 2 (111/i-0)"), out());
    }

    @Test
    void verifyReadsTheLedgerFromAMirrorNode() throws Exception {
        Path export = dir.resolve("export.jsonl");
        assertEquals(0, run("export", "--data", dir.resolve("data").toString(), "--out", export.toString()), err());
        java.util.List<TopicMessage> journal = LocalJournal.read(dir.resolve("data/journal.log"));
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/topics/0.0.1001/messages", exchange -> {
            byte[] body = MirrorJson.page(
                            journal.stream()
                                    .map(m -> MirrorJson.message(m, java.util.Optional.empty()))
                                    .toList(),
                            java.util.Optional.empty())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(
                    0,
                    run("verify", "--export", export.toString(), "--mirror", url, "--topic", "0.0.1001"),
                    out() + err());
            assertTrue(out().startsWith("OK: 2 change sets"), out());
            assertEquals(2, run("verify", "--export", export.toString(), "--mirror", url, "--topic", "0.0.99"));
            assertTrue(err().contains("404") || err().contains("0.0.99"), err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aProofIsPrintedAndChecksOut() {
        assertEquals(0, run("prove", "111/i-3", "--data", dir.resolve("data").toString()), err());
        JsonNode proof = Canonical.MAPPER.readTree(out());
        assertEquals("111/i-3", proof.path("change").path("id").asString());
        assertTrue(Proof.of(proof).verifies());
    }

    @Test
    void badInputIsNamedAndExitsWithTwo() throws Exception {
        assertEquals(2, run("prove", "nope", "--data", dir.resolve("data").toString()));
        assertTrue(err().contains("Unknown node or edge id 'nope'"), err());
        assertEquals(2, run("prove", "x", "--data", dir.resolve("empty").toString()));
        assertTrue(err().contains("no graph in"), err());
        assertEquals(2, run("verify", "--export", "x.jsonl"));
        assertTrue(err().contains("--journal FILE, or --mirror URL --topic ID"), err());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown audit command 'frobnicate'"), err());
        Path garbage = dir.resolve("garbage.jsonl");
        Files.writeString(garbage, "{\"format\":\"sirsi-graph-export\",\"version\":1}\n{not json\n");
        assertEquals(
                1,
                run(
                        "verify",
                        "--export",
                        garbage.toString(),
                        "--journal",
                        dir.resolve("data/journal.log").toString()));
        assertTrue(out().contains("garbage.jsonl line 2: not valid JSON"), out());
    }
}
