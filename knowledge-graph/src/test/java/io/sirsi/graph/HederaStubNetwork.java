package io.sirsi.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.hedera.hashgraph.sdk.PrivateKey;
import com.hedera.hashgraph.sdk.PublicKey;
import com.hedera.hashgraph.sdk.proto.ConsensusServiceGrpc;
import com.hedera.hashgraph.sdk.proto.CryptoServiceGrpc;
import com.hedera.hashgraph.sdk.proto.Query;
import com.hedera.hashgraph.sdk.proto.QueryHeader;
import com.hedera.hashgraph.sdk.proto.Response;
import com.hedera.hashgraph.sdk.proto.ResponseCodeEnum;
import com.hedera.hashgraph.sdk.proto.ResponseHeader;
import com.hedera.hashgraph.sdk.proto.ResponseType;
import com.hedera.hashgraph.sdk.proto.SignaturePair;
import com.hedera.hashgraph.sdk.proto.SignedTransaction;
import com.hedera.hashgraph.sdk.proto.Timestamp;
import com.hedera.hashgraph.sdk.proto.Transaction;
import com.hedera.hashgraph.sdk.proto.TransactionBody;
import com.hedera.hashgraph.sdk.proto.TransactionGetReceiptResponse;
import com.hedera.hashgraph.sdk.proto.TransactionGetRecordResponse;
import com.hedera.hashgraph.sdk.proto.TransactionID;
import com.hedera.hashgraph.sdk.proto.TransactionReceipt;
import com.hedera.hashgraph.sdk.proto.TransactionRecord;
import com.hedera.hashgraph.sdk.proto.TransactionResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process Hedera network for tests: one consensus node (account 0.0.3) on a loopback port that the
 * SDK reaches through {@code Client.forNetwork}, and a mirror node's REST API for what it holds. The node
 * parses the real signed transaction bytes (Transaction, SignedTransaction, TransactionBody), checks the
 * operator's ED25519 signature, the node account and the topic, assigns sequence numbers and consensus
 * times, computes the running hash with {@link RunningHash#next} (the payer is the transaction id's
 * account), and answers receipts and paid record queries (including the SDK's cost query) as the network
 * does. Failures can be switched on: a precheck status for every transaction, or receipts that never come.
 */
final class HederaStubNetwork implements AutoCloseable {
    /** The node's account. */
    static final String NODE = "0.0.3";

    /** Timeouts for a stub that answers at once: a test that goes wrong fails in seconds. */
    static final HederaLedger.Timing FAST = new HederaLedger.Timing(
            Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(50));

    private static final Instant START = Instant.parse("2026-11-21T10:00:00.123456789Z");
    private static final Pattern MESSAGES = Pattern.compile("/api/v1/topics/([^/]+)/messages");
    private static final Pattern AFTER = Pattern.compile("(?:^|&)sequencenumber=gt:(\\d+)(?:&|$)");
    private static final Pattern LIMIT = Pattern.compile("(?:^|&)limit=(\\d+)(?:&|$)");

    /** A message the node holds, with the id of the transaction that carried it. */
    record Held(TopicMessage message, TransactionID transactionId) {}

    private final EntityId topic;
    private final PublicKey operatorKey;
    private final Server grpc;
    private final HttpServer mirror;
    private final List<Held> held = new ArrayList<>();
    private final Map<TransactionID, TransactionRecord> records = new HashMap<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger recordQueries = new AtomicInteger();
    private final AtomicInteger mirrorRequests = new AtomicInteger();
    private volatile ResponseCodeEnum precheck = ResponseCodeEnum.OK;
    private volatile boolean receipts = true;
    private volatile Optional<EntityId> chainPayer = Optional.empty();

    private HederaStubNetwork(EntityId topic, PublicKey operatorKey) throws IOException {
        this.topic = topic;
        this.operatorKey = operatorKey;
        this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Consensus())
                .addService(new Crypto())
                .build()
                .start();
        this.mirror = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mirror.createContext("/api/v1/topics/", this::serveMirror);
        mirror.start();
    }

    /** Starts a network holding {@code topic}, accepting transactions signed by {@code operatorKey}. */
    static HederaStubNetwork start(EntityId topic, PublicKey operatorKey) {
        try {
            return new HederaStubNetwork(topic, operatorKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that points Hedera mode at this network, for {@code operator} with {@code key}. */
    Map<String, String> environment(EntityId operator, PrivateKey key) {
        return Map.of(
                HederaConfig.NETWORK, "127.0.0.1:" + grpc.getPort() + "=" + NODE,
                HederaConfig.OPERATOR_ID, operator.toString(),
                HederaConfig.OPERATOR_KEY, key.toStringDER(),
                HederaConfig.TOPIC_ID, topic.toString(),
                HederaConfig.MIRROR_URL, mirrorUrl().toString());
    }

    /** The mirror node's base URL. */
    URI mirrorUrl() {
        return URI.create("http://127.0.0.1:" + mirror.getAddress().getPort());
    }

    /** Every transaction that reached the node, accepted or not. */
    int transactions() {
        return transactions.get();
    }

    /** How many paid record queries were answered. */
    int recordQueries() {
        return recordQueries.get();
    }

    /** How many mirror pages were served. */
    int mirrorRequests() {
        return mirrorRequests.get();
    }

    /** From now on, every transaction is refused at precheck with {@code status}. */
    void refuseWith(ResponseCodeEnum status) {
        precheck = status;
    }

    /** From now on, receipts are never ready (UNKNOWN), as when consensus stalls. */
    void withholdReceipts() {
        receipts = false;
    }

    /** From now on, running hashes are computed as if {@code payer} had paid, unlike Sirsi's model. */
    void chainAsIfPaidBy(EntityId payer) {
        chainPayer = Optional.of(payer);
    }

    /** The messages the topic holds, in order. */
    synchronized List<TopicMessage> messages() {
        return held.stream().map(Held::message).toList();
    }

    private static EntityId entity(com.hedera.hashgraph.sdk.proto.AccountID id) {
        return new EntityId(id.getShardNum(), id.getRealmNum(), id.getAccountNum());
    }

    /** The body of a signed transaction, if it parses and the operator signed it. */
    private Optional<TransactionBody> signedBody(Transaction tx) {
        try {
            SignedTransaction signed = SignedTransaction.parseFrom(tx.getSignedTransactionBytes());
            byte[] body = signed.getBodyBytes().toByteArray();
            ByteString publicKey = ByteString.copyFrom(operatorKey.toBytesRaw());
            for (SignaturePair pair : signed.getSigMap().getSigPairList()) {
                if (pair.hasEd25519()
                        && publicKey.startsWith(pair.getPubKeyPrefix())
                        && operatorKey.verify(body, pair.getEd25519().toByteArray())) {
                    return Optional.of(TransactionBody.parseFrom(body));
                }
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private synchronized ResponseCodeEnum submit(Transaction tx) {
        transactions.incrementAndGet();
        if (precheck != ResponseCodeEnum.OK) {
            return precheck;
        }
        Optional<TransactionBody> parsed = signedBody(tx);
        if (parsed.isEmpty()) {
            return ResponseCodeEnum.INVALID_SIGNATURE;
        }
        TransactionBody body = parsed.get();
        if (!body.hasConsensusSubmitMessage()) {
            return ResponseCodeEnum.NOT_SUPPORTED;
        }
        if (!entity(body.getNodeAccountID()).toString().equals(NODE)) {
            return ResponseCodeEnum.INVALID_NODE_ACCOUNT;
        }
        TransactionID id = body.getTransactionID();
        if (records.containsKey(id)) {
            return ResponseCodeEnum.DUPLICATE_TRANSACTION;
        }
        var submit = body.getConsensusSubmitMessage();
        var topicId = submit.getTopicID();
        TransactionReceipt.Builder receipt = TransactionReceipt.newBuilder();
        Instant consensus = START.plusMillis(1500L * (records.size() + 1));
        if (!new EntityId(topicId.getShardNum(), topicId.getRealmNum(), topicId.getTopicNum()).equals(topic)) {
            // As on the network: the node takes the transaction, and handling it fails.
            receipt.setStatus(ResponseCodeEnum.INVALID_TOPIC_ID);
        } else if (submit.getMessage().isEmpty()) {
            receipt.setStatus(ResponseCodeEnum.INVALID_TOPIC_MESSAGE);
        } else {
            long seq = held.size() + 1L;
            EntityId payer = entity(id.getAccountID());
            byte[] message = submit.getMessage().toByteArray();
            byte[] hash = RunningHash.next(
                    held.isEmpty()
                            ? RunningHash.INITIAL
                            : held.get(held.size() - 1).message().runningHash(),
                    chainPayer.orElse(payer),
                    topic,
                    consensus,
                    seq,
                    message);
            held.add(new Held(new TopicMessage(seq, consensus, payer, topic, message, hash), id));
            receipt.setStatus(ResponseCodeEnum.SUCCESS)
                    .setTopicSequenceNumber(seq)
                    .setTopicRunningHash(ByteString.copyFrom(hash))
                    .setTopicRunningHashVersion(RunningHash.VERSION);
        }
        records.put(
                id,
                TransactionRecord.newBuilder()
                        .setReceipt(receipt)
                        .setTransactionHash(ByteString.copyFrom(Hashes.sha384()
                                .digest(tx.getSignedTransactionBytes().toByteArray())))
                        .setConsensusTimestamp(Timestamp.newBuilder()
                                .setSeconds(consensus.getEpochSecond())
                                .setNanos(consensus.getNano()))
                        .setTransactionID(id)
                        .setTransactionFee(1_000_000)
                        .build());
        return ResponseCodeEnum.OK;
    }

    private synchronized Optional<TransactionRecord> record(TransactionID id) {
        return Optional.ofNullable(records.get(id));
    }

    private static ResponseHeader header(ResponseCodeEnum code, ResponseType type, long cost) {
        return ResponseHeader.newBuilder()
                .setNodeTransactionPrecheckCode(code)
                .setResponseType(type)
                .setCost(cost)
                .build();
    }

    private final class Consensus extends ConsensusServiceGrpc.ConsensusServiceImplBase {
        @Override
        public void submitMessage(Transaction request, StreamObserver<TransactionResponse> out) {
            out.onNext(TransactionResponse.newBuilder()
                    .setNodeTransactionPrecheckCode(submit(request))
                    .build());
            out.onCompleted();
        }
    }

    private final class Crypto extends CryptoServiceGrpc.CryptoServiceImplBase {
        @Override
        public void getTransactionReceipts(Query request, StreamObserver<Response> out) {
            Optional<TransactionRecord> record =
                    record(request.getTransactionGetReceipt().getTransactionID());
            TransactionGetReceiptResponse.Builder answer = TransactionGetReceiptResponse.newBuilder();
            if (record.isEmpty()) {
                answer.setHeader(header(ResponseCodeEnum.RECEIPT_NOT_FOUND, ResponseType.ANSWER_ONLY, 0));
            } else if (!receipts) {
                answer.setHeader(header(ResponseCodeEnum.OK, ResponseType.ANSWER_ONLY, 0))
                        .setReceipt(TransactionReceipt.newBuilder().setStatus(ResponseCodeEnum.UNKNOWN));
            } else {
                answer.setHeader(header(ResponseCodeEnum.OK, ResponseType.ANSWER_ONLY, 0))
                        .setReceipt(record.get().getReceipt());
            }
            out.onNext(Response.newBuilder().setTransactionGetReceipt(answer).build());
            out.onCompleted();
        }

        @Override
        public void getTxRecordByTxID(Query request, StreamObserver<Response> out) {
            QueryHeader query = request.getTransactionGetRecord().getHeader();
            TransactionGetRecordResponse.Builder answer = TransactionGetRecordResponse.newBuilder();
            Optional<TransactionRecord> record =
                    record(request.getTransactionGetRecord().getTransactionID());
            if (query.getResponseType() == ResponseType.COST_ANSWER) {
                answer.setHeader(header(ResponseCodeEnum.OK, ResponseType.COST_ANSWER, 100));
            } else if (!query.hasPayment()
                    || signedBody(query.getPayment())
                            .filter(TransactionBody::hasCryptoTransfer)
                            .isEmpty()) {
                answer.setHeader(header(ResponseCodeEnum.INVALID_SIGNATURE, ResponseType.ANSWER_ONLY, 0));
            } else if (record.isEmpty()) {
                answer.setHeader(header(ResponseCodeEnum.RECORD_NOT_FOUND, ResponseType.ANSWER_ONLY, 0));
            } else {
                recordQueries.incrementAndGet();
                answer.setHeader(header(ResponseCodeEnum.OK, ResponseType.ANSWER_ONLY, 0))
                        .setTransactionRecord(record.get());
            }
            out.onNext(Response.newBuilder().setTransactionGetRecord(answer).build());
            out.onCompleted();
        }
    }

    private void serveMirror(HttpExchange exchange) throws IOException {
        mirrorRequests.incrementAndGet();
        Matcher path = MESSAGES.matcher(exchange.getRequestURI().getRawPath());
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        int status;
        String body;
        if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
            status = 404;
            body = "{\"_status\":{\"messages\":[{\"message\":\"Not found\"}]}}";
        } else if (!path.group(1).equals(topic.toString())) {
            status = 404;
            body = "{\"_status\":{\"messages\":[{\"message\":\"No such topic id - " + path.group(1) + "\"}]}}";
        } else {
            Matcher after = AFTER.matcher(query);
            Matcher limitText = LIMIT.matcher(query);
            long from = after.find() ? Long.parseLong(after.group(1)) : 0;
            int limit = limitText.find() ? Integer.parseInt(limitText.group(1)) : 25;
            List<ObjectNode> page = new ArrayList<>();
            long last = from;
            synchronized (this) {
                for (Held h : held) {
                    if (h.message().sequence() > from && page.size() < limit) {
                        page.add(MirrorJson.message(h.message(), Optional.of(h.transactionId())));
                        last = h.message().sequence();
                    }
                }
            }
            status = 200;
            // Like the mirror: a full page links to the next one, which may then be empty.
            body = MirrorJson.page(
                    page,
                    page.size() == limit
                            ? Optional.of(path.group(0) + "?limit=" + limit + "&order=asc&sequencenumber=gt:" + last)
                            : Optional.empty());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        mirror.stop(0);
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
