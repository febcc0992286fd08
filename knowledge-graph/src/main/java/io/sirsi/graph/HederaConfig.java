package io.sirsi.graph;

import com.hedera.hashgraph.sdk.PrivateKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Hedera mode sends change-set messages, read from the environment: the network ({@code testnet},
 * {@code mainnet}, {@code previewnet}, or {@code HOST:PORT=0.0.N[,HOST:PORT=0.0.N...]} for custom nodes such
 * as a local stub), the operator account that pays, its private key, the topic, and the mirror node that
 * audits read the topic from. The key is kept in DER form and never printed: {@link #toString()} and every
 * error message leave it out.
 *
 * @param network {@code testnet}, {@code mainnet}, {@code previewnet} or {@code custom}
 * @param nodes for a custom network, each node's {@code host:port} and account; empty otherwise
 * @param operator the account that pays for and signs every message
 * @param operatorKey the operator's private key, DER-encoded hex (a secret)
 * @param topic the Hedera Consensus Service topic
 * @param mirror the mirror node's base URL, such as {@code https://testnet.mirrornode.hedera.com}
 */
public record HederaConfig(
        String network,
        Map<String, EntityId> nodes,
        EntityId operator,
        String operatorKey,
        EntityId topic,
        URI mirror) {
    /** The network: testnet, mainnet, previewnet, or HOST:PORT=0.0.N for custom nodes. */
    public static final String NETWORK = "SIRSI_HEDERA_NETWORK";

    /** The operator account id, 0.0.N. */
    public static final String OPERATOR_ID = "SIRSI_HEDERA_OPERATOR_ID";

    /** The operator's private key: DER hex, or 32 bytes of raw hex (see {@link #OPERATOR_KEY_TYPE}). */
    public static final String OPERATOR_KEY = "SIRSI_HEDERA_OPERATOR_KEY";

    /** Optional: {@code ed25519} (the default) or {@code ecdsa}, for a raw hex key; DER says it by itself. */
    public static final String OPERATOR_KEY_TYPE = "SIRSI_HEDERA_OPERATOR_KEY_TYPE";

    /** The topic id, 0.0.N. */
    public static final String TOPIC_ID = "SIRSI_HEDERA_TOPIC_ID";

    /** Optional for the named networks, required for custom nodes: the mirror node's base URL. */
    public static final String MIRROR_URL = "SIRSI_HEDERA_MIRROR_URL";

    private static final Map<String, URI> MIRRORS = Map.of(
            "testnet", URI.create("https://testnet.mirrornode.hedera.com"),
            "mainnet", URI.create("https://mainnet-public.mirrornode.hedera.com"),
            "previewnet", URI.create("https://previewnet.mirrornode.hedera.com"));

    /** Requires every field; a custom network names its nodes, a named network does not. */
    public HederaConfig {
        Objects.requireNonNull(network, "network");
        nodes = Map.copyOf(Objects.requireNonNull(nodes, "nodes"));
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operatorKey, "operatorKey");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(mirror, "mirror");
        if (network.equals("custom") == nodes.isEmpty() || !network.equals("custom") && !MIRRORS.containsKey(network)) {
            throw new GraphException("a Hedera network is testnet, mainnet, previewnet, or custom with its nodes");
        }
    }

    /** Reads the configuration from the process environment. */
    public static HederaConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration from {@code env}, checking every variable before anything is sent.
     *
     * @throws GraphException naming the first variable that is missing or wrong, and what it should hold
     */
    public static HederaConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String networkText =
                required(env, NETWORK, "testnet, mainnet, previewnet, or HOST:PORT=0.0.N for custom nodes");
        String network;
        Map<String, EntityId> nodes = new LinkedHashMap<>();
        if (MIRRORS.containsKey(networkText.toLowerCase(Locale.ROOT))) {
            network = networkText.toLowerCase(Locale.ROOT);
        } else if (networkText.contains("=")) {
            network = "custom";
            for (String entry : networkText.split(",")) {
                parseNode(entry.trim(), nodes);
            }
        } else {
            throw new GraphException(NETWORK + " is " + shown(networkText)
                    + "; expected testnet, mainnet, previewnet, or HOST:PORT=0.0.N for custom nodes");
        }
        EntityId operator = entity(env, OPERATOR_ID, "the operator account id");
        String key = parseKey(env);
        EntityId topic = entity(env, TOPIC_ID, "the topic id");
        URI mirror = mirror(env, network);
        return new HederaConfig(network, nodes, operator, key, topic, mirror);
    }

    private static void parseNode(String entry, Map<String, EntityId> nodes) {
        String expected = "; expected HOST:PORT=0.0.N, such as 127.0.0.1:50211=0.0.3, comma-separated for several";
        int eq = entry.indexOf('=');
        int colon = eq < 0 ? -1 : entry.lastIndexOf(':', eq);
        if (eq < 0 || colon <= 0) {
            throw new GraphException(NETWORK + " has the node " + shown(entry) + expected);
        }
        String host = entry.substring(0, colon);
        String portText = entry.substring(colon + 1, eq);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new GraphException(NETWORK + " has the node " + shown(entry) + expected
                    + " (a host name or address, and a port of 1 to 65535)");
        }
        try {
            nodes.put(host + ":" + port, EntityId.parse(entry.substring(eq + 1)));
        } catch (GraphException e) {
            throw new GraphException(
                    NETWORK + " has the node " + shown(entry) + expected + " (the node's account id after '=')");
        }
    }

    private static EntityId entity(Map<String, String> env, String name, String what) {
        String text = required(env, name, what + " of the form 0.0.N");
        try {
            return EntityId.parse(text);
        } catch (GraphException e) {
            throw new GraphException(name + " is " + shown(text) + "; expected " + what + " of the form 0.0.N");
        }
    }

    /** Parses the key with the SDK and keeps it as DER; no message here may quote any part of it. */
    private static String parseKey(Map<String, String> env) {
        String text = required(env, OPERATOR_KEY, "the operator's private key, DER or raw hex");
        String type = env.getOrDefault(OPERATOR_KEY_TYPE, "").trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("ed25519") && !type.equals("ecdsa")) {
            throw new GraphException(OPERATOR_KEY_TYPE + " is " + shown(type) + "; expected ed25519 or ecdsa");
        }
        String hex = text.startsWith("0x") ? text.substring(2) : text;
        String problem = OPERATOR_KEY + " (" + text.length() + " characters, not shown) is not a private key the"
                + " Hedera SDK can read; expected DER hex (302e... for ED25519, 3030... for ECDSA) or 32 bytes of hex";
        if (!hex.matches("[0-9a-fA-F]+") || hex.length() % 2 != 0) {
            throw new GraphException(problem);
        }
        PrivateKey key;
        try {
            if (hex.length() == 64) {
                key = type.equals("ecdsa") ? PrivateKey.fromStringECDSA(hex) : PrivateKey.fromStringED25519(hex);
            } else {
                key = PrivateKey.fromStringDER(hex);
            }
        } catch (RuntimeException e) {
            // The SDK's message may carry key bytes: neither it nor the cause goes any further.
            throw new GraphException(problem);
        }
        if (type.equals("ecdsa") && !key.isECDSA() || type.equals("ed25519") && !key.isED25519()) {
            throw new GraphException(
                    OPERATOR_KEY + " is a DER key of another type than " + OPERATOR_KEY_TYPE + " says (" + type + ")");
        }
        return key.toStringDER();
    }

    private static URI mirror(Map<String, String> env, String network) {
        String text = env.getOrDefault(MIRROR_URL, "").trim();
        if (text.isEmpty()) {
            URI known = MIRRORS.get(network);
            if (known == null) {
                throw new GraphException(MIRROR_URL + " is not set; custom nodes need the base URL of their mirror"
                        + " node, such as http://127.0.0.1:5551");
            }
            return known;
        }
        String expected = "; expected the mirror node's base URL, http or https, such as "
                + "https://testnet.mirrornode.hedera.com";
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new GraphException(MIRROR_URL + " is " + shown(text) + expected);
        }
        if (uri.getScheme() == null
                || !uri.getScheme().matches("https?")
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new GraphException(MIRROR_URL + " is " + shown(text) + expected);
        }
        return uri;
    }

    private static String required(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new GraphException(name + " is not set; expected " + what);
        }
        return value.trim();
    }

    /** Quotes a value in an error, unless it is long enough to be a key put in the wrong variable. */
    private static String shown(String value) {
        return value.length() <= 40 && !value.matches("(0x)?[0-9a-fA-F]{32,}")
                ? "'" + value + "'"
                : "a value of " + value.length() + " characters (not shown)";
    }

    /** The operator's key, for the SDK. */
    PrivateKey privateKey() {
        return PrivateKey.fromStringDER(operatorKey);
    }

    /** The network and topic, for reports: {@code testnet topic 0.0.1234}. */
    public String describe() {
        return (network.equals("custom") ? "custom network " + String.join(",", nodeList()) : network) + " topic "
                + topic;
    }

    private java.util.List<String> nodeList() {
        return nodes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "HederaConfig[network=" + network + ", nodes=" + nodeList() + ", operator=" + operator
                + ", operatorKey=(redacted), topic=" + topic + ", mirror=" + mirror + "]";
    }
}
