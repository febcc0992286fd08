package io.sirsi.graph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local model of a Hedera Consensus Service topic: an append-only file, forced to the disk on every
 * message, that assigns sequence numbers and strictly increasing consensus timestamps and keeps the
 * running hash exactly as Hedera computes it ({@link RunningHash}), so one verifier serves both. Each
 * line is the canonical JSON of one message.
 */
public final class LocalJournal implements Ledger {
    private static final Pattern CONSENSUS = Pattern.compile("(\\d{1,12})\\.(\\d{9})");

    private final Path file;
    private final EntityId payer;
    private final EntityId topic;
    private final Clock clock;
    private final List<TopicMessage> messages;
    private final Lines.Appender appender;

    private LocalJournal(Path file, EntityId payer, EntityId topic, Clock clock, boolean readOnly) {
        this.file = file;
        this.payer = payer;
        this.topic = topic;
        this.clock = clock;
        Lines.Appender writer = readOnly ? null : new Lines.Appender(file);
        Lines.Read read = Files.exists(file) ? Lines.read(file) : new Lines.Read(List.of(), false, 0);
        this.messages = new ArrayList<>(parse(read.lines(), file.getFileName().toString()));
        for (TopicMessage m : messages) {
            if (!m.topic().equals(topic) || !m.payer().equals(payer)) {
                throw new GraphException(file + " is the journal of topic " + m.topic() + " paid by " + m.payer()
                        + ", not of topic " + topic + " paid by " + payer);
            }
        }
        try {
            verifyChain(messages, file.getFileName().toString());
        } catch (GraphException e) {
            if (writer != null) {
                writer.close();
            }
            throw e;
        }
        if (writer != null) {
            writer.start(read.goodLength());
        }
        this.appender = writer;
    }

    /** Opens (or creates) the journal at {@code file} for {@code topic}, paid by {@code payer}. */
    public static LocalJournal open(Path file, EntityId payer, EntityId topic) {
        return new LocalJournal(file, payer, topic, Clock.systemUTC(), false);
    }

    /** The same, with a clock (tests). */
    static LocalJournal open(Path file, EntityId payer, EntityId topic, Clock clock) {
        return new LocalJournal(file, payer, topic, clock, false);
    }

    /** Opens the journal to read only (no lock, nothing written): for audits of a live graph. */
    public static LocalJournal openReadOnly(Path file, EntityId payer, EntityId topic) {
        if (!Files.exists(file)) {
            throw new GraphException("no journal at " + file);
        }
        return new LocalJournal(file, payer, topic, Clock.systemUTC(), true);
    }

    @Override
    public synchronized TopicMessage submit(byte[] message) {
        if (appender == null) {
            throw new GraphException(describe() + " is open read-only");
        }
        if (message.length > LedgerMessage.MAX_BYTES) {
            throw new GraphException("the message is " + message.length + " bytes; a topic message holds at most "
                    + LedgerMessage.MAX_BYTES);
        }
        TopicMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        Instant now = clock.instant();
        Instant consensus = last == null || now.isAfter(last.consensus())
                ? now
                : last.consensus().plusNanos(1);
        long seq = last == null ? 1 : last.sequence() + 1;
        byte[] hash = RunningHash.next(
                last == null ? RunningHash.INITIAL : last.runningHash(), payer, topic, consensus, seq, message);
        TopicMessage m = new TopicMessage(seq, consensus, payer, topic, message, hash);
        appender.append(List.of(line(m)));
        messages.add(m);
        return m;
    }

    @Override
    public synchronized List<TopicMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public String describe() {
        return "local journal " + file + " (topic " + topic + ")";
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }

    static String line(TopicMessage m) {
        ObjectNode n = Canonical.MAPPER.createObjectNode();
        n.put(
                        "consensus",
                        m.consensus().getEpochSecond() + "."
                                + String.format("%09d", m.consensus().getNano()))
                .put("hash", Hashes.hex(m.runningHash()))
                .put("message", Hashes.hex(m.message()))
                .put("payer", m.payer().toString())
                .put("seq", m.sequence())
                .put("topic", m.topic().toString());
        return Canonical.string(n);
    }

    /** Reads the journal at {@code file} for an audit; every line must be canonical and complete. */
    public static List<TopicMessage> read(Path file) {
        Lines.Read read = Lines.read(file);
        String name = file.getFileName().toString();
        if (read.tornTail()) {
            throw new GraphException(
                    name + " line " + (read.lines().size() + 1) + ": incomplete (no newline at the end)");
        }
        return parse(read.lines(), name);
    }

    private static List<TopicMessage> parse(List<String> lines, String name) {
        List<TopicMessage> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String where = name + " line " + (i + 1);
            JsonNode n = Canonical.parseStrict(lines.get(i), where);
            if (!n.isObject() || n.size() != 6) {
                throw new GraphException(
                        where + ": a journal entry has exactly consensus, hash, message, payer, seq and topic");
            }
            Matcher c = CONSENSUS.matcher(n.path("consensus").asString(""));
            if (!c.matches()) {
                throw new GraphException(where + ": consensus must be SECONDS.NANOS with nine digits of nanos");
            }
            if (!n.path("seq").isIntegralNumber() || !n.path("message").isString()) {
                throw new GraphException(where + ": seq must be an integer and message a hex string");
            }
            String hex = n.path("message").stringValue();
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-f]*")) {
                throw new GraphException(where + ": message must be lower-case hex");
            }
            EntityId payer;
            EntityId topic;
            try {
                payer = EntityId.parse(n.path("payer").asString(""));
                topic = EntityId.parse(n.path("topic").asString(""));
            } catch (GraphException e) {
                throw new GraphException(where + ": " + e.getMessage());
            }
            TopicMessage m = new TopicMessage(
                    n.path("seq").longValue(),
                    Instant.ofEpochSecond(Long.parseLong(c.group(1)), Long.parseLong(c.group(2))),
                    payer,
                    topic,
                    HexFormat.of().parseHex(hex),
                    Hashes.unhex(n.path("hash").asString(""), 48, where + ": hash"));
            // Only the one encoding: "0.0.02" or a padded timestamp would parse to the same message.
            if (!line(m).equals(lines.get(i))) {
                throw new GraphException(
                        where + ": not in the journal's own encoding (an id or time written another way)");
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Checks a topic's messages as the network would have written them: sequence numbers 1, 2, 3, ...,
     * strictly increasing consensus times, and each running hash recomputed from the one before.
     *
     * @throws GraphException naming the first message that differs
     */
    public static void verifyChain(List<TopicMessage> messages, String name) {
        byte[] previous = RunningHash.INITIAL;
        Instant last = Instant.EPOCH;
        for (int i = 0; i < messages.size(); i++) {
            TopicMessage m = messages.get(i);
            String where = name + " entry " + (i + 1);
            if (m.sequence() != i + 1) {
                throw new GraphException(
                        where + ": sequence number " + m.sequence() + " where " + (i + 1) + " belongs");
            }
            if (!m.consensus().isAfter(last)) {
                throw new GraphException(
                        where + " (seq " + m.sequence() + "): consensus time does not follow the one before");
            }
            byte[] expected =
                    RunningHash.next(previous, m.payer(), m.topic(), m.consensus(), m.sequence(), m.message());
            if (!java.util.Arrays.equals(expected, m.runningHash())) {
                throw new GraphException(where + " (seq " + m.sequence() + "): the running hash differs from the one "
                        + "recomputed from the entry and the hash before it");
            }
            previous = m.runningHash();
            last = m.consensus();
        }
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
