package io.sirsi.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a topic's messages from a Hedera mirror node's REST API ({@code GET /api/v1/topics/{id}/messages},
 * a hundred at a time in sequence order, following {@code links.next} to the end), for audits and for
 * {@link HederaLedger#messages()}. Every answer is checked: an HTTP error, a body that is not the mirror's
 * JSON, a running hash of another version than 3, or a message split in chunks is a {@link GraphException}
 * naming the URL and the problem. Whether the messages chain is left to {@link Auditor}.
 */
public final class MirrorReader implements AutoCloseable {
    /** Messages asked for per page: the most the mirror gives. */
    static final int PAGE = 100;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{1,12})\\.(\\d{9})");

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private MirrorReader(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A reader of the mirror node at {@code base}, such as {@code https://testnet.mirrornode.hedera.com}. */
    public static MirrorReader create(URI base) {
        return create(base, Duration.ofSeconds(30));
    }

    /** The same, giving up on a request after {@code timeout}. */
    public static MirrorReader create(URI base, Duration timeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        String text = base.toString();
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new GraphException("a mirror node URL is http or https with a host, not '" + text + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new GraphException("a mirror node timeout is positive, not " + timeout);
        }
        return new MirrorReader(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), timeout);
    }

    /** The mirror node's base URL. */
    public URI base() {
        return base;
    }

    /**
     * Every message of {@code topic} the mirror holds, in sequence order.
     *
     * @throws GraphException naming the URL and what was wrong with the answer
     */
    public List<TopicMessage> messages(EntityId topic) {
        Objects.requireNonNull(topic, "topic");
        String path = "/api/v1/topics/" + topic + "/messages";
        URI url = URI.create(base + path + "?limit=" + PAGE + "&order=asc");
        List<TopicMessage> out = new ArrayList<>();
        while (true) {
            JsonNode page = get(url);
            JsonNode list = page.path("messages");
            if (!page.isObject() || !list.isArray()) {
                throw new GraphException(
                        "GET " + url + ": the answer has no 'messages' array; is " + base + " a Hedera mirror node?");
            }
            for (JsonNode m : list) {
                TopicMessage message = message(m, url, topic);
                if (!out.isEmpty()
                        && message.sequence() <= out.get(out.size() - 1).sequence()) {
                    throw new GraphException("GET " + url + ": seq " + message.sequence() + " comes after seq "
                            + out.get(out.size() - 1).sequence() + "; the mirror must list messages in order");
                }
                out.add(message);
            }
            JsonNode next = page.path("links").path("next");
            if (next.isMissingNode() || next.isNull()) {
                return out;
            }
            if (!next.isString() || list.isEmpty()) {
                throw new GraphException("GET " + url + ": 'links.next' must be a link after a page of messages,"
                        + " or null at the end");
            }
            url = next(url, next.stringValue(), path);
        }
    }

    private URI next(URI url, String next, String path) {
        URI target;
        try {
            target = next.startsWith("/") ? URI.create(base + next) : URI.create(next);
        } catch (IllegalArgumentException e) {
            throw new GraphException("GET " + url + ": 'links.next' is not a link: '" + next + "'");
        }
        // Follow only to the same server and topic, so a bad page cannot send the audit elsewhere.
        if (!Objects.equals(target.getScheme(), base.getScheme())
                || !Objects.equals(target.getRawAuthority(), base.getRawAuthority())
                || target.getRawPath() == null
                || !target.getRawPath().endsWith(path)) {
            throw new GraphException(
                    "GET " + url + ": 'links.next' leads away from " + base + path + ": '" + next + "'");
        }
        return target;
    }

    private JsonNode get(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new GraphException("GET " + url + ": no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new GraphException("GET " + url + ": cannot reach the mirror node (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("GET " + url + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new GraphException("GET " + url + ": HTTP " + response.statusCode() + " (" + reason(response.body())
                    + ")"
                    + (response.statusCode() == 404
                            ? "; check the topic id, and that the mirror node serves the topic's network"
                            : ""));
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new GraphException("GET " + url + ": the answer is not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** The mirror's own words from an error body ({@code {"_status":{"messages":[{"message":...}]}}}). */
    private static String reason(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            List<String> said = new ArrayList<>();
            for (JsonNode m : n.path("_status").path("messages")) {
                said.add(m.path("message").asString(""));
            }
            if (!said.isEmpty()) {
                return String.join("; ", said);
            }
        } catch (JacksonException e) {
            // Not the mirror's error shape: fall through to the body itself.
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.isEmpty() ? "no body" : flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static TopicMessage message(JsonNode m, URI url, EntityId topic) {
        JsonNode seqNode = m.path("sequence_number");
        if (!m.isObject() || !seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 1) {
            throw new GraphException("GET " + url + ": a message without a positive integer 'sequence_number'");
        }
        long seq = seqNode.longValue();
        String where = "GET " + url + ": seq " + seq;
        JsonNode version = m.path("running_hash_version");
        if (!version.isIntegralNumber() || version.longValue() != RunningHash.VERSION) {
            throw new GraphException(where + " has running_hash_version "
                    + (version.isMissingNode() ? "(none)" : version.toString())
                    + "; only version 3 running hashes can be verified");
        }
        JsonNode chunk = m.path("chunk_info");
        if (!chunk.isMissingNode() && !chunk.isNull()) {
            if (!chunk.isObject()
                    || chunk.path("total").intValue() != 1
                    || chunk.path("number").intValue() != 1) {
                throw new GraphException(where + " is chunk " + chunk.path("number") + " of " + chunk.path("total")
                        + "; a ledger message is one chunk");
            }
        }
        Matcher t = TIMESTAMP.matcher(text(m, "consensus_timestamp", where));
        if (!t.matches()) {
            throw new GraphException(where + ": consensus_timestamp must be SECONDS.NANOS with nine digits of nanos");
        }
        EntityId payer = entity(m, "payer_account_id", where);
        EntityId topicId = entity(m, "topic_id", where);
        if (!topicId.equals(topic)) {
            throw new GraphException(where + " is a message of topic " + topicId + ", not of topic " + topic);
        }
        byte[] hash = base64(m, "running_hash", where);
        if (hash.length != 48) {
            throw new GraphException(where + ": running_hash is " + hash.length + " bytes, not 48");
        }
        return new TopicMessage(
                seq,
                Instant.ofEpochSecond(Long.parseLong(t.group(1)), Long.parseLong(t.group(2))),
                payer,
                topicId,
                base64(m, "message", where),
                hash);
    }

    private static String text(JsonNode m, String field, String where) {
        JsonNode n = m.path(field);
        if (!n.isString()) {
            throw new GraphException(where + ": '" + field + "' must be a string");
        }
        return n.stringValue();
    }

    private static EntityId entity(JsonNode m, String field, String where) {
        String text = text(m, field, where);
        try {
            return EntityId.parse(text);
        } catch (GraphException e) {
            throw new GraphException(where + ": " + field + ": " + e.getMessage());
        }
    }

    private static byte[] base64(JsonNode m, String field, String where) {
        try {
            return Base64.getDecoder().decode(text(m, field, where));
        } catch (IllegalArgumentException e) {
            throw new GraphException(where + ": '" + field + "' is not base64");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
