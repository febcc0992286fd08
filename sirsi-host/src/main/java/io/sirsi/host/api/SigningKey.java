package io.sirsi.host.api;

import io.sirsi.host.HostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that signs login JWTs: {@code SIRSI_JWT_SECRET} when the environment sets it (several hosts behind a
 * balancer share it that way), otherwise 32 random bytes made once and kept, base64, in {@code jwt.key} (mode
 * 600). Deleting {@code jwt.key} and restarting the host invalidates every JWT it issued.
 */
final class SigningKey {
    private SigningKey() {}

    static byte[] load(AuthConfig config) {
        Optional<byte[]> fromEnvironment = config.jwtSecretBytes();
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        Optional<byte[]> kept = SecretFiles.read(config.jwtKeyFile());
        if (kept.isEmpty()) {
            byte[] key = new byte[AuthConfig.MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(key);
            SecretFiles.write(
                    config.jwtKeyFile(),
                    (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            // Read back what is on disk: if another process made a key at the same moment, both use the one kept.
            kept = SecretFiles.read(config.jwtKeyFile());
        }
        return decode(
                kept.orElseThrow(() -> new HostException(config.jwtKeyFile() + " vanished as it was made")), config);
    }

    private static byte[] decode(byte[] text, AuthConfig config) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new HostException(config.jwtKeyFile() + " does not hold a base64 key; delete it and a new one is"
                    + " made (JWTs issued so far stop working)");
        }
        if (key.length < AuthConfig.MIN_SECRET_BYTES) {
            throw new HostException(config.jwtKeyFile() + " holds a key of " + key.length + " bytes, below "
                    + AuthConfig.MIN_SECRET_BYTES + "; delete it and a new one is made");
        }
        return key;
    }
}
