package io.sirsi.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The mirror node reader against a WireMock stub of the mirror's REST API, as its OpenAPI describes it. */
class MirrorReaderTest {
    static final EntityId TOPIC = EntityId.parse("0.0.1001");
    static final EntityId PAYER = EntityId.parse("0.0.1002");
    static final String FIRST = "/api/v1/topics/0.0.1001/messages?limit=100&order=asc";

    /**
     * One page exactly as the mirror writes it (field order, chunk_info of a one-chunk message, base64,
     * links): a ledger message at seq 1, its running hash computed for payer 0.0.1002 and topic 0.0.1001.
     */
    static final String LITERAL = """
            {"messages":[{"chunk_info":{"initial_transaction_id":{"account_id":"0.0.1002","nonce":0,\
            "scheduled":false,"transaction_valid_start":"1763719191.000000000"},"number":1,"total":1},\
            "consensus_timestamp":"1763719200.123456789","message":"eyJjb3VudCI6MywicHJldiI6MCwicm9vdCI6\
            Ijc1ZmE0ZjJkN2U5NTE3NWM2OGE3NjMyYzQyZjgyYTc2NDlmMjlhMTE5OTBmMDIwYzg0MDdiNTUwNWI0ZjZiNjkiLCJzZXQiOjEsInRhZyI6\
            InN5bmMtMSIsInYiOjF9","payer_account_id":"0.0.1002","running_hash":"YrTa8Qf3ZYdO91Nv+EJS7pULUTCYdr++kA4n8Odg\
            GSsKtO903kFmjaxkFNNrTr95","running_hash_version":3,"sequence_number":1,"topic_id":"0.0.1001"}],\
            "links":{"next":null}}""";

    WireMockServer mirror;
    MirrorReader reader;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        mirror = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        mirror.start();
        reader = MirrorReader.create(URI.create(mirror.baseUrl()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        reader.close();
        mirror.stop();
    }

    /** A chain of {@code n} messages as the network would have written them. */
    static List<TopicMessage> chain(int n) {
        List<TopicMessage> out = new ArrayList<>();
        byte[] previous = RunningHash.INITIAL;
        Instant at = Instant.parse("2026-11-21T10:00:00.000000001Z");
        for (int i = 1; i <= n; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            Instant consensus = at.plusMillis(1733L * i);
            byte[] hash = RunningHash.next(previous, PAYER, TOPIC, consensus, i, message);
            out.add(new TopicMessage(i, consensus, PAYER, TOPIC, message, hash));
            previous = hash;
        }
        return out;
    }

    static List<String> lines(List<TopicMessage> messages) {
        return messages.stream().map(LocalJournal::line).toList();
    }

    private static List<ObjectNode> json(List<TopicMessage> messages) {
        return messages.stream()
                .map(m -> MirrorJson.message(m, Optional.empty()))
                .toList();
    }

    private void serve(String url, String body) {
        mirror.stubFor(get(urlEqualTo(url)).willReturn(okJson(body)));
    }

    private String error(String body) {
        serve(FIRST, body);
        return assertThrows(GraphException.class, () -> reader.messages(TOPIC)).getMessage();
    }

    @Test
    void readsTheMirrorsOwnFormat() {
        serve(FIRST, LITERAL);
        List<TopicMessage> read = reader.messages(TOPIC);
        assertEquals(1, read.size());
        TopicMessage m = read.get(0);
        assertEquals(1, m.sequence());
        assertEquals(Instant.ofEpochSecond(1763719200L, 123456789), m.consensus());
        assertEquals(PAYER, m.payer());
        assertEquals(TOPIC, m.topic());
        LedgerMessage lm = LedgerMessage.parse(m.message(), "seq 1");
        assertEquals("sync-1", lm.syncTag());
        assertEquals(3, lm.count());
        LocalJournal.verifyChain(read, "literal page");
    }

    @Test
    void followsLinksNextToTheLastPage() {
        List<TopicMessage> all = chain(150);
        String second = FIRST + "&sequencenumber=gt:100";
        serve(FIRST, MirrorJson.page(json(all.subList(0, 100)), Optional.of(second)));
        serve(second, MirrorJson.page(json(all.subList(100, 150)), Optional.empty()));
        List<TopicMessage> read = reader.messages(TOPIC);
        assertEquals(lines(all), lines(read));
        LocalJournal.verifyChain(read, "mirror");
        mirror.verify(1, getRequestedFor(urlEqualTo(FIRST)));
        mirror.verify(1, getRequestedFor(urlEqualTo(second)));
    }

    @Test
    void aTamperedRunningHashOnTheMirrorFailsTheAuditAtItsSequence() throws Exception {
        Path export = dir.resolve("export.jsonl");
        List<TopicMessage> journal;
        try (KnowledgeGraph g = KnowledgeGraph.open(
                FileGraphStore.open(dir.resolve("store")),
                LocalJournal.open(dir.resolve("journal.log"), PAYER, TOPIC),
                20)) {
            g.commit(Sample.estate("111", "sync-1", 15));
            g.flush();
            g.export(export);
            journal = g.ledger().messages();
        }
        assertEquals(3, journal.size());
        serve(FIRST, MirrorJson.page(json(journal), Optional.empty()));
        AuditReport untouched = Auditor.verify(export, reader.messages(TOPIC), "mirror");
        assertTrue(untouched.ok(), untouched.summary());

        List<ObjectNode> tampered = json(journal);
        byte[] hash = journal.get(1).runningHash().clone();
        hash[17] ^= 1;
        tampered.get(1).put("running_hash", Base64.getEncoder().encodeToString(hash));
        serve(FIRST, MirrorJson.page(tampered, Optional.empty()));
        AuditReport report = Auditor.verify(export, reader.messages(TOPIC), "mirror");
        assertFalse(report.ok());
        assertTrue(report.divergence().orElseThrow().contains("seq 2"), report.summary());
    }

    @Test
    void httpErrorsNameTheUrlAndTheMirrorsReason() {
        mirror.stubFor(get(urlPathEqualTo("/api/v1/topics/0.0.1001/messages"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"_status\":{\"messages\":[{\"message\":\"No such topic id - 1001\"}]}}")));
        String notFound =
                assertThrows(GraphException.class, () -> reader.messages(TOPIC)).getMessage();
        assertTrue(notFound.contains(mirror.baseUrl() + FIRST), notFound);
        assertTrue(notFound.contains("HTTP 404 (No such topic id - 1001)"), notFound);
        assertTrue(notFound.contains("check the topic id"), notFound);

        mirror.stubFor(get(urlPathEqualTo("/api/v1/topics/0.0.1001/messages"))
                .willReturn(aResponse().withStatus(500).withBody("upstream database unavailable")));
        String failed =
                assertThrows(GraphException.class, () -> reader.messages(TOPIC)).getMessage();
        assertTrue(failed.contains(mirror.baseUrl() + FIRST), failed);
        assertTrue(failed.contains("HTTP 500 (upstream database unavailable)"), failed);
    }

    @Test
    void malformedAnswersNameTheUrlAndTheProblem() {
        String url = mirror.baseUrl() + FIRST;
        String notJson = error("{\"messages\":[{\"sequence_number\":1,");
        assertTrue(notJson.contains(url) && notJson.contains("not JSON"), notJson);
        String notMirror = error("{\"accounts\":[]}");
        assertTrue(notMirror.contains(url) && notMirror.contains("no 'messages' array"), notMirror);

        ObjectNode m = json(chain(1)).get(0);
        m.put("message", "not base64!");
        String badBase64 = error(MirrorJson.page(List.of(m), Optional.empty()));
        assertTrue(badBase64.contains(url + ": seq 1: 'message' is not base64"), badBase64);

        ObjectNode t = json(chain(1)).get(0);
        t.put("consensus_timestamp", "1763719200.1234");
        String badTime = error(MirrorJson.page(List.of(t), Optional.empty()));
        assertTrue(badTime.contains("seq 1: consensus_timestamp must be SECONDS.NANOS"), badTime);

        ObjectNode other = json(chain(1)).get(0);
        other.put("topic_id", "0.0.7");
        String wrongTopic = error(MirrorJson.page(List.of(other), Optional.empty()));
        assertTrue(wrongTopic.contains("seq 1 is a message of topic 0.0.7, not of topic 0.0.1001"), wrongTopic);
    }

    @Test
    void aRunningHashOfVersionTwoIsRefused() {
        List<ObjectNode> page = json(chain(3));
        page.get(2).put("running_hash_version", 2);
        String message = error(MirrorJson.page(page, Optional.empty()));
        assertTrue(message.contains(mirror.baseUrl() + FIRST), message);
        assertTrue(message.contains("seq 3 has running_hash_version 2"), message);
    }

    @Test
    void aMessageInSeveralChunksIsRefused() {
        ObjectNode m = json(chain(1)).get(0);
        m.putObject("chunk_info").put("number", 1).put("total", 2);
        String message = error(MirrorJson.page(List.of(m), Optional.empty()));
        assertTrue(message.contains("seq 1 is chunk 1 of 2"), message);
    }

    @Test
    void aNextLinkElsewhereOrInCirclesIsNotFollowed() {
        List<TopicMessage> all = chain(2);
        String away = error(
                MirrorJson.page(json(all), Optional.of("https://mirror.example.org" + FIRST + "&sequencenumber=gt:2")));
        assertTrue(away.contains("leads away"), away);
        String again = FIRST + "&sequencenumber=gt:0";
        serve(again, MirrorJson.page(json(all), Optional.of(again)));
        String circle = error(MirrorJson.page(json(all), Optional.of(again)));
        assertTrue(circle.contains("seq 1 comes after seq 2"), circle);
    }

    @Test
    void aSlowMirrorTimesOutNamingTheUrl() {
        mirror.stubFor(get(urlEqualTo(FIRST))
                .willReturn(okJson(MirrorJson.page(List.of(), Optional.empty())).withFixedDelay(2_000)));
        try (MirrorReader impatient = MirrorReader.create(URI.create(mirror.baseUrl()), Duration.ofMillis(200))) {
            String message = assertThrows(GraphException.class, () -> impatient.messages(TOPIC))
                    .getMessage();
            assertTrue(message.contains(mirror.baseUrl() + FIRST + ": no answer within 200 ms"), message);
        }
    }

    @Test
    void anEmptyTopicHasNoMessages() {
        serve(FIRST, MirrorJson.page(List.of(), Optional.empty()));
        assertEquals(List.of(), reader.messages(TOPIC));
    }
}
