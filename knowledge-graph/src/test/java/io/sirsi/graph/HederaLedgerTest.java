package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hedera.hashgraph.sdk.PrivateKey;
import com.hedera.hashgraph.sdk.proto.ResponseCodeEnum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hedera mode end to end through the real SDK: transactions signed by the operator reach an in-process
 * gRPC node, receipts and records come back, and the topic is read back through the mirror's REST API.
 */
class HederaLedgerTest {
    static final EntityId OPERATOR = EntityId.parse("0.0.1002");
    static final EntityId TOPIC = EntityId.parse("0.0.5005");

    private final PrivateKey key = PrivateKey.generateED25519();
    private HederaStubNetwork network;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        network = HederaStubNetwork.start(TOPIC, key.getPublicKey());
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private HederaLedger open(String... overrides) {
        Map<String, String> env = new HashMap<>(network.environment(OPERATOR, key));
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return HederaLedger.open(HederaConfig.fromEnvironment(env), HederaStubNetwork.FAST);
    }

    static byte[] ledgerMessage(long set, long previous) {
        String root = Hashes.hex(Hashes.sha256().digest(("set " + set).getBytes(StandardCharsets.UTF_8)));
        return new LedgerMessage(LedgerMessage.VERSION, set, "sync-" + set, root, 10, previous).bytes();
    }

    static List<String> lines(List<TopicMessage> messages) {
        return messages.stream().map(LocalJournal::line).toList();
    }

    private String failure(HederaLedger ledger, byte[] message) {
        return assertThrows(GraphException.class, () -> ledger.submit(message)).getMessage();
    }

    @Test
    void submitsThroughTheSdkAndTheReceiptsChain() {
        List<TopicMessage> sent = new ArrayList<>();
        try (HederaLedger ledger = open()) {
            for (int set = 1; set <= 4; set++) {
                sent.add(ledger.submit(
                        ledgerMessage(set, sent.isEmpty() ? 0 : sent.getLast().sequence())));
            }
            assertEquals(
                    List.of(1L, 2L, 3L, 4L),
                    sent.stream().map(TopicMessage::sequence).toList());
            LocalJournal.verifyChain(sent, "receipts");
            // Sequence, running hash (receipt) and consensus time (record) are what the network holds.
            assertEquals(lines(network.messages()), lines(sent));
            assertTrue(sent.stream()
                    .allMatch(m -> m.payer().equals(OPERATOR) && m.topic().equals(TOPIC)));
            assertEquals(4, network.transactions());
            assertEquals(4, network.recordQueries());
            assertEquals(lines(sent), lines(ledger.messages()));
            String described = ledger.describe();
            assertTrue(described.contains("topic 0.0.5005") && described.contains("custom network"), described);
            assertFalse(described.contains(key.toStringRaw()), described);
        }
    }

    @Test
    void aGraphAnchoredOnHederaAuditsAgainstTheMirror() throws Exception {
        Path export = dir.resolve("export.jsonl");
        try (KnowledgeGraph g = KnowledgeGraph.open(FileGraphStore.open(dir.resolve("store")), open(), 50)) {
            g.commit(Sample.estate("111", "sync-1", 40)); // 122 changes: two full sets of 50
            assertEquals(2, g.sets().size());
            g.flush();
            assertEquals(3, g.sets().size());
            assertTrue(g.prove("111/i-39").verifies());
            g.export(export);
        }
        assertEquals(3, network.transactions());
        List<TopicMessage> read;
        try (MirrorReader mirror = MirrorReader.create(network.mirrorUrl())) {
            read = mirror.messages(TOPIC);
        }
        assertEquals(lines(network.messages()), lines(read), "the mirror serves exactly what the network holds");
        AuditReport report = Auditor.verify(export, read, "mirror topic " + TOPIC);
        assertTrue(report.ok(), report.summary());
        assertEquals(3, report.sets());
        assertEquals(122, report.changes());

        // Reopened, the graph reads the topic back from the mirror and goes on from the last set.
        try (KnowledgeGraph g = KnowledgeGraph.open(FileGraphStore.open(dir.resolve("store")), open(), 50)) {
            assertEquals(3, g.sets().size());
            g.commit(Sample.estate("222", "sync-1", 2));
            g.flush();
            assertEquals(4, g.sets().size());
            assertEquals(4, g.sets().getLast().sequence());
            g.export(export);
        }
        try (MirrorReader mirror = MirrorReader.create(network.mirrorUrl())) {
            assertTrue(Auditor.verify(export, mirror.messages(TOPIC), "mirror").ok());
        }
    }

    @Test
    void aMessageOverTheLimitOrNotALedgerMessageIsRefusedWithNothingSent() {
        try (HederaLedger ledger = open()) {
            String tooLong = failure(ledger, new byte[LedgerMessage.MAX_BYTES + 1]);
            assertTrue(tooLong.contains("1025 bytes") && tooLong.contains("nothing was sent"), tooLong);
            String personal = failure(ledger, "{\"owner\":\"alice@example.com\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(personal.contains("only ledger messages") && personal.contains("nothing was sent"), personal);
            assertEquals(0, network.transactions(), "the node saw no transaction");
            assertEquals(List.of(), ledger.messages());
        }
    }

    @Test
    void aTopicTheNetworkDoesNotHoldIsNamedInTheReceiptStatus() {
        try (HederaLedger ledger = open(HederaConfig.TOPIC_ID, "0.0.9999")) {
            String message = failure(ledger, ledgerMessage(1, 0));
            assertTrue(message.contains("receipt status INVALID_TOPIC_ID"), message);
            assertTrue(message.contains("is topic 0.0.9999 on these nodes' network?"), message);
            assertTrue(message.contains(HederaConfig.TOPIC_ID), message);
        }
        assertEquals(1, network.transactions());
        assertEquals(List.of(), network.messages());
    }

    @Test
    void aPrecheckRefusalIsNamedAndNothingIsWritten() {
        network.refuseWith(ResponseCodeEnum.INSUFFICIENT_PAYER_BALANCE);
        try (HederaLedger ledger = open()) {
            String message = failure(ledger, ledgerMessage(1, 0));
            assertTrue(message.contains("refused the message with INSUFFICIENT_PAYER_BALANCE"), message);
            assertTrue(message.contains("0.0.1002 cannot pay") && message.contains("nothing was written"), message);
        }
        assertEquals(List.of(), network.messages());
    }

    @Test
    void aKeyThatIsNotTheOperatorsIsNamedWithoutShowingIt() {
        PrivateKey other = PrivateKey.generateED25519();
        try (HederaLedger ledger = open(HederaConfig.OPERATOR_KEY, other.toStringDER())) {
            String message = failure(ledger, ledgerMessage(1, 0));
            assertTrue(message.contains("INVALID_SIGNATURE"), message);
            assertTrue(message.contains("does " + HederaConfig.OPERATOR_KEY + " hold the key of 0.0.1002"), message);
            assertFalse(message.contains(other.toStringRaw()) || message.contains(key.toStringRaw()), message);
        }
        assertEquals(List.of(), network.messages());
    }

    @Test
    void aReceiptThatNeverComesSaysTheMessageMayHaveReachedConsensus() {
        network.withholdReceipts();
        try (HederaLedger ledger = open()) {
            String message = failure(ledger, ledgerMessage(1, 0));
            assertTrue(message.contains("no receipt and record for transaction 0.0.1002@"), message);
            assertTrue(message.contains("may have reached consensus"), message);
        }
    }

    @Test
    void aRunningHashTheNetworkChainsDifferentlyIsCaught() {
        try (HederaLedger ledger = open()) {
            TopicMessage first = ledger.submit(ledgerMessage(1, 0));
            network.chainAsIfPaidBy(EntityId.parse(HederaStubNetwork.NODE));
            String message = failure(ledger, ledgerMessage(2, first.sequence()));
            assertTrue(message.contains("seq 2"), message);
            assertTrue(message.contains("running hash differs"), message);
        }
    }

    @Test
    void aTopicTheMirrorDoesNotKnowStopsTheGraphBeforeAnythingIsSent() {
        try (FileGraphStore store = FileGraphStore.open(dir.resolve("store"));
                HederaLedger ledger = open(HederaConfig.TOPIC_ID, "0.0.9999")) {
            GraphException e = assertThrows(GraphException.class, () -> KnowledgeGraph.open(store, ledger, 50));
            assertTrue(e.getMessage().contains("topic 0.0.9999"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 404 (No such topic id - 0.0.9999)"), e.getMessage());
        }
        assertEquals(0, network.transactions());
    }
}
