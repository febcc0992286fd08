package io.sirsi.graph;

import com.google.protobuf.ByteString;
import com.hedera.hashgraph.sdk.AccountId;
import com.hedera.hashgraph.sdk.Client;
import com.hedera.hashgraph.sdk.PrecheckStatusException;
import com.hedera.hashgraph.sdk.ReceiptStatusException;
import com.hedera.hashgraph.sdk.Status;
import com.hedera.hashgraph.sdk.TopicId;
import com.hedera.hashgraph.sdk.TopicMessageSubmitTransaction;
import com.hedera.hashgraph.sdk.TransactionReceipt;
import com.hedera.hashgraph.sdk.TransactionRecord;
import com.hedera.hashgraph.sdk.TransactionResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A Hedera Consensus Service topic as the ledger, through the Hedera Java SDK. {@link #submit} sends one
 * {@code TopicMessageSubmitTransaction} of a single chunk, paid and signed by the operator, waits for its
 * receipt (the topic sequence number and running hash), then asks for the transaction's record, because
 * the consensus timestamp, which the running hash covers, is in the record and not in the receipt. A
 * record query is paid: it costs the operator a small query fee per message, and keeps {@code submit}
 * free of any wait on the mirror node, which lags consensus by a few seconds. When the running hash
 * before the message is known (from the previous submit, or from the mirror), the receipt's hash is
 * recomputed, so a message the network chains differently from {@link RunningHash} is caught at once.
 *
 * <p>{@link #messages()} reads the topic from the mirror node's REST API ({@link MirrorReader}). Only
 * {@link LedgerMessage}s are sent: hashes, counts and sync tags, never a secret or personal data, since the
 * topic is public.
 */
public final class HederaLedger implements Ledger {
    /**
     * How long to wait for an answer, how often to try, and how long to back off between tries (and
     * before trying a node that failed again): the SDK's defaults on a real network, shorter for a stub.
     */
    record Timing(Duration timeout, int maxAttempts, Duration minBackoff, Duration maxBackoff, Duration nodeBackoff) {
        static final Timing NETWORK = new Timing(
                Duration.ofMinutes(2), 10, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    private final HederaConfig config;
    private final Timing timing;
    private final Client client;
    private final MirrorReader mirror;
    private final TopicId topicId;
    private long knownSequence = -1;
    private byte[] knownHash = RunningHash.INITIAL;

    private HederaLedger(HederaConfig config, Timing timing, Client client, MirrorReader mirror) {
        this.config = config;
        this.timing = timing;
        this.client = client;
        this.mirror = mirror;
        this.topicId = new TopicId(
                config.topic().shard(), config.topic().realm(), config.topic().num());
    }

    /** Opens the topic that {@code config} names; nothing is sent until {@link #submit}. */
    public static HederaLedger open(HederaConfig config) {
        return open(config, Timing.NETWORK);
    }

    /** The same, with other timeouts (tests against a stub). */
    static HederaLedger open(HederaConfig config, Timing timing) {
        Objects.requireNonNull(config, "config");
        Client client =
                switch (config.network()) {
                    case "testnet" -> Client.forTestnet();
                    case "mainnet" -> Client.forMainnet();
                    case "previewnet" -> Client.forPreviewnet();
                    default -> {
                        Map<String, AccountId> nodes = new LinkedHashMap<>();
                        config.nodes().forEach((address, node) -> nodes.put(address, account(node)));
                        yield Client.forNetwork(nodes);
                    }
                };
        try {
            client.setOperator(account(config.operator()), config.privateKey())
                    .setMaxAttempts(timing.maxAttempts())
                    .setMinBackoff(timing.minBackoff())
                    .setMaxBackoff(timing.maxBackoff())
                    .setRequestTimeout(timing.timeout())
                    .setCloseTimeout(Duration.ofSeconds(10));
            client.setNodeMinBackoff(timing.nodeBackoff());
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new GraphException("cannot set up the Hedera client for " + config.describe() + ": "
                    + e.getClass().getSimpleName());
        }
        Duration mirrorTimeout =
                timing.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? timing.timeout() : Duration.ofSeconds(30);
        try {
            return new HederaLedger(config, timing, client, MirrorReader.create(config.mirror(), mirrorTimeout));
        } catch (GraphException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private static AccountId account(EntityId id) {
        return new AccountId(id.shard(), id.realm(), id.num());
    }

    private static EntityId entity(AccountId id) {
        return new EntityId(id.shard, id.realm, id.num);
    }

    /**
     * Sends {@code message}, a {@link LedgerMessage}, and returns it as the topic now holds it.
     *
     * @throws GraphException before anything is sent if the message is too long or not a ledger message;
     *     naming the SDK's status if the node or the network refuses it; and saying that the message may
     *     have reached consensus if no receipt came in time (reopening the graph adopts it if it did)
     */
    @Override
    public synchronized TopicMessage submit(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length > LedgerMessage.MAX_BYTES) {
            throw new GraphException(describe() + ": the message is " + message.length
                    + " bytes; a topic message of one chunk holds at most " + LedgerMessage.MAX_BYTES
                    + "; nothing was sent");
        }
        try {
            LedgerMessage.parse(message, "the message");
        } catch (GraphException e) {
            throw new GraphException(describe() + ": only ledger messages (hashes, counts and sync tags) go to a"
                    + " public topic, and " + e.getMessage() + "; nothing was sent");
        }
        TopicMessageSubmitTransaction tx =
                new TopicMessageSubmitTransaction().setTopicId(topicId).setMessage(message);
        tx.setMaxChunks(1);
        TransactionResponse response;
        try {
            response = tx.execute(client, timing.timeout());
        } catch (PrecheckStatusException e) {
            throw new GraphException(
                    describe() + ": the node refused the message with " + e.status + hint(e.status)
                            + "; nothing was written",
                    e);
        } catch (TimeoutException | RuntimeException e) {
            throw new GraphException(
                    describe() + ": no node confirmed taking the message within "
                            + timing.timeout().toSeconds() + " s ("
                            + e.getClass().getSimpleName()
                            + "); if one did, reopening the graph adopts the message",
                    e);
        }
        String txName = "transaction " + response.transactionId;
        TransactionReceipt receipt;
        TransactionRecord record;
        try {
            receipt = response.getReceipt(client, timing.timeout());
            record = response.getRecordQuery().execute(client, timing.timeout());
        } catch (ReceiptStatusException e) {
            throw new GraphException(
                    describe() + ": the network did not take the message (" + txName + "): receipt status "
                            + e.receipt.status + hint(e.receipt.status),
                    e);
        } catch (PrecheckStatusException e) {
            throw new GraphException(
                    describe() + ": asking for the receipt and record of " + txName + " failed with " + e.status
                            + hint(e.status) + "; the message may have reached consensus",
                    e);
        } catch (TimeoutException | RuntimeException e) {
            throw new GraphException(
                    describe() + ": no receipt and record for " + txName + " within "
                            + timing.timeout().toSeconds() + " s ("
                            + e.getClass().getSimpleName() + "); the message may"
                            + " have reached consensus, and reopening the graph adopts it if it did",
                    e);
        }
        return accepted(message, response, receipt, record, txName);
    }

    private TopicMessage accepted(
            byte[] message,
            TransactionResponse response,
            TransactionReceipt receipt,
            TransactionRecord record,
            String txName) {
        Long seq = receipt.topicSequenceNumber;
        ByteString hash = receipt.topicRunningHash;
        // The SDK's receipt leaves out the running hash's version; the recomputation below and the audit
        // (the mirror reports the version) are what hold the network to version 3.
        if (seq == null || hash == null || hash.size() != 48) {
            throw new GraphException(describe() + ": the receipt of " + txName
                    + " lacks a topic sequence number and a 48-byte running hash");
        }
        Instant consensus = record.consensusTimestamp;
        if (consensus == null
                || !seq.equals(record.receipt.topicSequenceNumber)
                || !hash.equals(record.receipt.topicRunningHash)) {
            throw new GraphException(describe() + ": the record of " + txName + " disagrees with its receipt");
        }
        EntityId payer = entity(response.transactionId.accountId);
        byte[] runningHash = hash.toByteArray();
        if (knownSequence >= 0 && seq == knownSequence + 1) {
            byte[] expected = RunningHash.next(knownHash, payer, config.topic(), consensus, seq, message);
            if (!Arrays.equals(expected, runningHash)) {
                throw new GraphException(describe() + " seq " + seq + " (" + txName + "): the network's running hash"
                        + " differs from the one recomputed from the message and the hash before it (the message is on the"
                        + " topic, and an audit of the topic will fail)");
            }
        }
        knownSequence = seq;
        knownHash = runningHash;
        return new TopicMessage(seq, consensus, payer, config.topic(), message.clone(), runningHash);
    }

    private String hint(Status status) {
        return switch (status) {
            case INVALID_SIGNATURE ->
                "; does " + HederaConfig.OPERATOR_KEY + " hold the key of " + config.operator()
                        + " (and of the topic's submit key)? A raw hex ECDSA key needs "
                        + HederaConfig.OPERATOR_KEY_TYPE + "=ecdsa";
            case INVALID_TOPIC_ID, TOPIC_EXPIRED ->
                "; is topic " + config.topic() + " on " + network() + "? Check " + HederaConfig.TOPIC_ID + " and "
                        + HederaConfig.NETWORK;
            case PAYER_ACCOUNT_NOT_FOUND, INVALID_ACCOUNT_ID, INVALID_PAYER_ACCOUNT_ID ->
                "; is account " + config.operator() + " on " + network() + "? Check " + HederaConfig.OPERATOR_ID
                        + " and " + HederaConfig.NETWORK;
            case INSUFFICIENT_PAYER_BALANCE, INSUFFICIENT_TX_FEE ->
                "; the operator account " + config.operator() + " cannot pay for the message";
            default -> "";
        };
    }

    private String network() {
        return config.network().equals("custom") ? "these nodes' network" : config.network();
    }

    /**
     * Every message of the topic, from the mirror node. The mirror lags consensus by a few seconds, so a
     * message submitted just now may not be listed yet.
     */
    @Override
    public synchronized List<TopicMessage> messages() {
        List<TopicMessage> messages;
        try {
            messages = mirror.messages(config.topic());
        } catch (GraphException e) {
            throw new GraphException(describe() + ": " + e.getMessage(), e);
        }
        if (messages.isEmpty() && knownSequence < 0) {
            knownSequence = 0;
        } else if (!messages.isEmpty() && messages.get(messages.size() - 1).sequence() > knownSequence) {
            TopicMessage last = messages.get(messages.size() - 1);
            knownSequence = last.sequence();
            knownHash = last.runningHash();
        }
        return messages;
    }

    /** The network and topic, for reports and errors; never the key. */
    @Override
    public String describe() {
        return "Hedera " + config.describe();
    }

    @Override
    public synchronized void close() {
        mirror.close();
        try {
            client.close();
        } catch (TimeoutException e) {
            throw new GraphException(describe() + ": the Hedera client did not close in time", e);
        }
    }

    private static void closeQuietly(Client client) {
        try {
            client.close();
        } catch (TimeoutException | RuntimeException e) {
            // Already failing: the first error is the one to report.
        }
    }
}
