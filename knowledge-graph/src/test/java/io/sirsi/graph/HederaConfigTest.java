package io.sirsi.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hedera.hashgraph.sdk.PrivateKey;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hedera mode's configuration from the environment: every wrong variable is named, the key never shown. */
class HederaConfigTest {
    private final PrivateKey key = PrivateKey.generateED25519();
    private final String der = key.toStringDER();
    private final String raw = key.toStringRaw();

    private Map<String, String> env(String... overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                HederaConfig.NETWORK, "testnet",
                HederaConfig.OPERATOR_ID, "0.0.1002",
                HederaConfig.OPERATOR_KEY, der,
                HederaConfig.TOPIC_ID, "0.0.5005"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return env;
    }

    /** The error for {@code env}; it must name {@code variable} and never carry the key in any form. */
    private String error(Map<String, String> env, String variable) {
        GraphException e = assertThrows(GraphException.class, () -> HederaConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        for (String secret : List.of(der, raw, der.substring(32), raw.substring(0, 24))) {
            assertFalse(e.getMessage().contains(secret), "the key leaked into: " + e.getMessage());
        }
        assertNull(e.getCause(), "an SDK cause could carry the key");
        return e.getMessage();
    }

    @Test
    void readsANamedNetworkWithItsMirror() {
        HederaConfig c = HederaConfig.fromEnvironment(env());
        assertEquals("testnet", c.network());
        assertEquals(EntityId.parse("0.0.1002"), c.operator());
        assertEquals(EntityId.parse("0.0.5005"), c.topic());
        assertEquals(URI.create("https://testnet.mirrornode.hedera.com"), c.mirror());
        assertEquals(key.getPublicKey(), c.privateKey().getPublicKey());
        assertEquals(
                URI.create("https://mainnet-public.mirrornode.hedera.com"),
                HederaConfig.fromEnvironment(env(HederaConfig.NETWORK, "MainNet"))
                        .mirror());
        assertEquals(
                URI.create("https://mirror.example.org/hedera"),
                HederaConfig.fromEnvironment(env(HederaConfig.MIRROR_URL, "https://mirror.example.org/hedera/"))
                        .mirror());
        assertEquals("testnet topic 0.0.5005", c.describe());
    }

    @Test
    void readsCustomNodesAndRawKeysOfEitherType() {
        HederaConfig c = HederaConfig.fromEnvironment(env(
                HederaConfig.NETWORK, "127.0.0.1:50211=0.0.3, node2.local:50212=0.0.4",
                HederaConfig.MIRROR_URL, "http://127.0.0.1:5551",
                HederaConfig.OPERATOR_KEY, raw));
        assertEquals("custom", c.network());
        assertEquals(
                Map.of("127.0.0.1:50211", EntityId.parse("0.0.3"), "node2.local:50212", EntityId.parse("0.0.4")),
                c.nodes());
        assertEquals(key.getPublicKey(), c.privateKey().getPublicKey(), "raw hex is ED25519 by default");
        PrivateKey ecdsa = PrivateKey.generateECDSA();
        HederaConfig e = HederaConfig.fromEnvironment(
                env(HederaConfig.OPERATOR_KEY, "0x" + ecdsa.toStringRaw(), HederaConfig.OPERATOR_KEY_TYPE, "ecdsa"));
        assertEquals(ecdsa.getPublicKey(), e.privateKey().getPublicKey());
        assertTrue(e.privateKey().isECDSA());
    }

    @Test
    void everyMissingVariableIsNamed() {
        for (String v : List.of(
                HederaConfig.NETWORK, HederaConfig.OPERATOR_ID, HederaConfig.OPERATOR_KEY, HederaConfig.TOPIC_ID)) {
            assertTrue(error(env(v, null), v).contains("is not set"));
            assertTrue(error(env(v, "  "), v).contains("is not set"));
        }
        assertTrue(error(env(HederaConfig.NETWORK, "127.0.0.1:50211=0.0.3"), HederaConfig.MIRROR_URL)
                .contains("custom nodes need"));
    }

    @Test
    void everyWrongValueIsNamedWithWhatIsExpected() {
        assertTrue(error(env(HederaConfig.NETWORK, "testnett"), HederaConfig.NETWORK)
                .contains("'testnett'; expected testnet, mainnet, previewnet"));
        for (String node : List.of(
                "127.0.0.1=0.0.3",
                "127.0.0.1:0=0.0.3",
                "127.0.0.1:99999=0.0.3",
                ":50211=0.0.3",
                "127.0.0.1:50211=3",
                "127.0.0.1:50211=0.0.x",
                "bad host:50211=0.0.3")) {
            assertTrue(
                    error(
                                    env(HederaConfig.NETWORK, node, HederaConfig.MIRROR_URL, "http://127.0.0.1:1"),
                                    HederaConfig.NETWORK)
                            .contains("expected HOST:PORT=0.0.N"),
                    node);
        }
        assertTrue(error(env(HederaConfig.OPERATOR_ID, "1002"), HederaConfig.OPERATOR_ID)
                .contains("'1002'; expected the operator account id of the form 0.0.N"));
        assertTrue(error(env(HederaConfig.TOPIC_ID, "0.0.-5"), HederaConfig.TOPIC_ID)
                .contains("expected the topic id"));
        for (String url : List.of("ftp://mirror.example.org", "mirror.example.org", "https://", "http://h/x?y=1")) {
            assertTrue(error(env(HederaConfig.MIRROR_URL, url), HederaConfig.MIRROR_URL)
                    .contains("expected the mirror node's base URL"));
        }
        assertTrue(error(env(HederaConfig.OPERATOR_KEY_TYPE, "rsa"), HederaConfig.OPERATOR_KEY_TYPE)
                .contains("expected ed25519 or ecdsa"));
        assertTrue(error(env(HederaConfig.OPERATOR_KEY_TYPE, "ecdsa"), HederaConfig.OPERATOR_KEY_TYPE)
                .contains("another type"));
    }

    @Test
    void aKeyTheSdkCannotReadIsNamedButNeverShown() {
        String almost = der.substring(0, der.length() - 2) + "zz";
        String truncated = der.substring(0, der.length() - 10);
        String notDer = "3031" + der.substring(4);
        for (String bad : List.of(almost, truncated, notDer, "correct horse battery staple", "00" + raw)) {
            String message = error(env(HederaConfig.OPERATOR_KEY, bad), HederaConfig.OPERATOR_KEY);
            assertTrue(message.contains("not a private key the Hedera SDK can read"), message);
            assertFalse(message.contains(bad), message);
        }
    }

    @Test
    void aKeyInTheWrongVariableIsNotEchoed() {
        error(env(HederaConfig.OPERATOR_ID, der), HederaConfig.OPERATOR_ID);
        error(env(HederaConfig.TOPIC_ID, raw), HederaConfig.TOPIC_ID);
        error(env(HederaConfig.NETWORK, der), HederaConfig.NETWORK);
        error(env(HederaConfig.MIRROR_URL, "0x" + raw), HederaConfig.MIRROR_URL);
    }

    @Test
    void toStringAndDescribeLeaveTheKeyOut() {
        HederaConfig c = HederaConfig.fromEnvironment(env());
        String text = c.toString() + " " + c.describe();
        assertFalse(text.contains(der) || text.contains(raw) || text.contains(der.substring(32)), text);
        assertTrue(c.toString().contains("operatorKey=(redacted)"), c.toString());
        assertTrue(c.toString().contains("operator=0.0.1002"), c.toString());
    }
}
