package io.sirsi.host;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a running host on this machine listens and the token its command-line clients use, from the file
 * {@code ./sirsi up} writes ({@code $SIRSI_HOME/host.json}).
 *
 * @param url the host's base URL
 * @param token the local CLI token
 * @param pid the host's process id
 */
public record HostRuntime(URI url, String token, long pid) {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The running host this file names, if the file exists and its process is alive. */
    public static Optional<HostRuntime> find(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            HostRuntime r = new HostRuntime(
                    URI.create(n.path("url").asString()),
                    n.path("token").asString(),
                    n.path("pid").asLong());
            return ProcessHandle.of(r.pid()).filter(ProcessHandle::isAlive).map(p -> r);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
