package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Hedera mode against a real network (testnet unless {@code SIRSI_HEDERA_NETWORK} says otherwise): one
 * ledger message is submitted and read back through the mirror node, and the topic's whole running-hash
 * chain is recomputed. Runs only when the operator's credentials and a topic kept for tests are set
 * ({@code SIRSI_HEDERA_OPERATOR_ID}, {@code SIRSI_HEDERA_OPERATOR_KEY}, {@code SIRSI_HEDERA_IT_TOPIC_ID}), so
 * it never writes to the topic a real graph anchors to. Costs a message fee and a record query.
 */
@EnabledIfEnvironmentVariable(named = HederaConfig.OPERATOR_KEY, matches = ".+")
@EnabledIfEnvironmentVariable(named = HederaTestnetIT.IT_TOPIC, matches = ".+")
class HederaTestnetIT {
    /** The topic this test writes to: one kept for tests, not a graph's. */
    static final String IT_TOPIC = "SIRSI_HEDERA_IT_TOPIC_ID";

    @Test
    void submitsOneMessageAndReadsItBackThroughTheMirror() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent(HederaConfig.NETWORK, "testnet");
        env.put(HederaConfig.TOPIC_ID, env.get(IT_TOPIC));
        HederaConfig config = HederaConfig.fromEnvironment(env);
        try (HederaLedger ledger = HederaLedger.open(config)) {
            List<TopicMessage> before = ledger.messages();
            long previous = before.isEmpty() ? 0 : before.getLast().sequence();
            String root =
                    Hashes.hex(Hashes.sha256().digest(("sirsi it " + Instant.now()).getBytes(StandardCharsets.UTF_8)));
            byte[] message =
                    new LedgerMessage(LedgerMessage.VERSION, before.size() + 1L, "sirsi-it", root, 1, previous).bytes();
            TopicMessage sent = ledger.submit(message);
            assertTrue(sent.sequence() > previous, "sequence " + sent.sequence() + " after " + previous);

            List<TopicMessage> after = awaitMirror(ledger, sent.sequence(), Duration.ofSeconds(90));
            TopicMessage read = after.stream()
                    .filter(m -> m.sequence() == sent.sequence())
                    .findFirst()
                    .orElseThrow();
            assertEquals(LocalJournal.line(sent), LocalJournal.line(read), "receipt and record agree with the mirror");
            LocalJournal.verifyChain(after, config.describe());
        }
    }

    /**
     * The topic once the mirror lists {@code sequence}. The mirror gives no notice of new messages, so this
     * polls it, as Awaitility would, every two seconds until the deadline.
     */
    private static List<TopicMessage> awaitMirror(HederaLedger ledger, long sequence, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            List<TopicMessage> all = ledger.messages();
            if (!all.isEmpty() && all.getLast().sequence() >= sequence) {
                return all;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the mirror did not list seq " + sequence + " within " + within.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        }
    }
}
