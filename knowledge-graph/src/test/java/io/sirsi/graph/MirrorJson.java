package io.sirsi.graph;

import com.hedera.hashgraph.sdk.proto.Timestamp;
import com.hedera.hashgraph.sdk.proto.TransactionID;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Topic messages in the JSON of a Hedera mirror node's {@code GET /api/v1/topics/{id}/messages}, as its
 * OpenAPI document ({@code TopicMessagesResponse}, {@code TopicMessage}, {@code ChunkInfo}, {@code Links})
 * describes it: base64 message and running hash, {@code SECONDS.NANOS} timestamps, entity ids as
 * {@code shard.realm.num}, and {@code links.next} as a path, or null on the last page.
 */
final class MirrorJson {
    private MirrorJson() {}

    /** One message; {@code transaction} gives the chunk_info of a one-chunk message, else chunk_info is null. */
    static ObjectNode message(TopicMessage m, Optional<TransactionID> transaction) {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        if (transaction.isPresent()) {
            TransactionID id = transaction.get();
            ObjectNode chunk = n.putObject("chunk_info");
            chunk.putObject("initial_transaction_id")
                    .put(
                            "account_id",
                            id.getAccountID().getShardNum() + "."
                                    + id.getAccountID().getRealmNum() + "."
                                    + id.getAccountID().getAccountNum())
                    .put("nonce", id.getNonce())
                    .put("scheduled", id.getScheduled())
                    .put("transaction_valid_start", timestamp(id.getTransactionValidStart()));
            chunk.put("number", 1).put("total", 1);
        } else {
            n.putNull("chunk_info");
        }
        n.put("consensus_timestamp", timestamp(m.consensus()))
                .put("message", Base64.getEncoder().encodeToString(m.message()))
                .put("payer_account_id", m.payer().toString())
                .put("running_hash", Base64.getEncoder().encodeToString(m.runningHash()))
                .put("running_hash_version", 3)
                .put("sequence_number", m.sequence())
                .put("topic_id", m.topic().toString());
        return n;
    }

    /** A page: the messages and {@code links.next}. */
    static String page(List<ObjectNode> messages, Optional<String> next) {
        ObjectNode page = Canonical.MAPPER.createObjectNode();
        ArrayNode list = page.putArray("messages");
        messages.forEach(list::add);
        ObjectNode links = page.putObject("links");
        next.ifPresentOrElse(n -> links.put("next", n), () -> links.putNull("next"));
        return page.toString();
    }

    static String timestamp(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    private static String timestamp(Timestamp t) {
        return t.getSeconds() + "." + String.format("%09d", t.getNanos());
    }
}
