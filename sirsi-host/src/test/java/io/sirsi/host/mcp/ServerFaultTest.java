package io.sirsi.host.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's servers over their lifetime, with real servers of this repository started as child processes: a
 * server killed mid-call, one whose tools change, and calls that outlive their timeout.
 */
class ServerFaultTest {
    @TempDir
    Path dir;

    @Test
    void failsTheCallInFlightWithinOneSecondWhenTheServerIsKilledThenRespawnsIt() throws Exception {
        try (ServerHub hub = ServerHub.connect(List.of(manifest("fixture", 30, CatalogTest.FIXTURE)))) {
            ServerConnection first = hub.connections().getFirst();
            ProcessHandle process = first.process().orElseThrow();
            CountDownLatch counting = new CountDownLatch(1);
            CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(
                    () -> hub.call(
                            "fixture__count_slowly",
                            Map.of("steps", 200, "delay_ms", 100),
                            progress -> counting.countDown()),
                    runnable -> Thread.ofVirtual().start(runnable));
            assertTrue(counting.await(30, TimeUnit.SECONDS), "count_slowly reported no progress");

            long killed = System.nanoTime();
            assertTrue(process.destroyForcibly());
            ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
            long failMillis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(failed.getCause() instanceof ToolCallException, String.valueOf(failed.getCause()));
            String message = failed.getCause().getMessage();
            assertTrue(
                    message.startsWith("fixture__count_slowly failed: server 'fixture' exited with code 137 "
                            + "during the call and is being restarted"),
                    message);
            assertTrue(failMillis < 1000, "the call failed " + failMillis + " ms after the kill");

            ServerConnection second = await(
                    Duration.ofSeconds(30),
                    () -> hub.connections().stream().filter(c -> c != first).findFirst(),
                    () -> "the fixture was not respawned; failures: " + hub.failures());
            long respawnMillis = (System.nanoTime() - killed) / 1_000_000;
            assertNotEquals(process.pid(), second.process().orElseThrow().pid());
            assertEquals(List.of(), hub.failures());
            ToolResult echo = hub.call("fixture__echo", Map.of("text", "back"));
            assertEquals(Map.of("text", "back"), echo.structured());
            System.out.printf("call failed %d ms after the kill; respawned after %d ms%n", failMillis, respawnMillis);
        }
    }

    @Test
    void relistsTheToolsOfAServerThatSaysTheyChanged() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        ServerManifest manifest = manifest("plugins", 30, CatalogTest.PLUGINS, "--plugins", plugins.toString());
        try (ServerHub hub = ServerHub.connect(List.of(manifest))) {
            assertEquals(List.of(), hub.failures());
            assertTrue(hub.catalog().find("plugins__echo").isEmpty(), "no plugin yet");

            Path examples = ManifestsTest.ROOT.resolve("tool-manifests/plugins");
            Files.copy(examples.resolve("echo.wat"), plugins.resolve("echo.wat"));
            Files.copy(examples.resolve("echo.json"), plugins.resolve("echo.json"));

            CatalogTool echo = await(
                    Duration.ofSeconds(30),
                    () -> hub.catalog().find("plugins__echo"),
                    () -> "plugins__echo never appeared: " + hub.catalog().tools());
            assertTrue(echo.readOnly());
        }
    }

    @Test
    void progressKeepsACallAlivePastItsTimeout() throws IOException {
        try (ServerHub hub = ServerHub.connect(List.of(manifest("fixture", 1, CatalogTest.FIXTURE)))) {
            AtomicInteger reports = new AtomicInteger();
            long start = System.nanoTime();
            ToolResult result = hub.call(
                    "fixture__count_slowly", Map.of("steps", 6, "delay_ms", 400), p -> reports.incrementAndGet());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(6, ((Number) result.structured().get("counted")).intValue(), result.toString());
            assertEquals(6, reports.get());
            assertTrue(millis > 2000, "ran " + millis + " ms, longer than its 1 s timeout");
        }
    }

    @Test
    void aServerSlowerToStartThanItsRequestTimeoutStillConnects() throws IOException {
        List<String> java = new ArrayList<>(List.of(CatalogTest.JAVA));
        java.addAll(CatalogTest.JVM);
        java.add(CatalogTest.FIXTURE);
        // Two seconds asleep before the JVM starts, against a one-second request timeout.
        List<String> slow = List.of("-c", "sleep 2; exec \"$@\"", "sh");
        List<String> args = new ArrayList<>(slow);
        args.addAll(java);
        ServerManifest manifest = new ServerManifest(
                "fixture",
                new ServerManifest.Stdio("/bin/sh", args, new LinkedHashMap<>(), dir),
                true,
                false,
                Duration.ofSeconds(1),
                List.of(),
                List.of(),
                dir.resolve("fixture.json"));
        try (ServerHub hub = ServerHub.connect(List.of(manifest))) {
            assertEquals(List.of(), hub.failures());
            assertEquals(
                    Map.of("text", "late but here"),
                    hub.call("fixture__echo", Map.of("text", "late but here")).structured());
        }
    }

    @Test
    void cancelsACallThatIsSilentForLongerThanItsTimeout() throws IOException {
        try (ServerHub hub = ServerHub.connect(List.of(manifest("fixture", 1, CatalogTest.FIXTURE)))) {
            long start = System.nanoTime();
            ToolCallException e = assertThrows(
                    ToolCallException.class,
                    () -> hub.call("fixture__count_slowly", Map.of("steps", 2, "delay_ms", 5000)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(
                    "fixture__count_slowly failed: server 'fixture' gave no answer or progress within 1 s; "
                            + "the call was cancelled",
                    e.getMessage());
            assertTrue(millis >= 1000 && millis < 3000, "failed after " + millis + " ms");
            // The session is still good for the next call.
            assertEquals(
                    Map.of("text", "still here"),
                    hub.call("fixture__echo", Map.of("text", "still here")).structured());
        }
    }

    /** Polls {@code probe} until it gives a value, or fails with {@code what} after {@code limit}. */
    private static <T> T await(Duration limit, Supplier<Optional<T>> probe, Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return fail(what.get());
    }

    private ServerManifest manifest(String name, int timeoutSeconds, String main, String... args) {
        List<String> all = new ArrayList<>(CatalogTest.JVM);
        all.add(main);
        all.addAll(List.of(args));
        return new ServerManifest(
                name,
                new ServerManifest.Stdio(CatalogTest.JAVA, all, new LinkedHashMap<>(), dir),
                true,
                false,
                Duration.ofSeconds(timeoutSeconds),
                List.of(),
                List.of(),
                dir.resolve(name + ".json"));
    }
}
