package io.sirsi.mcp.plugins;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one call of a plugin tool in a fresh instance, under the plugin's limits: the memory cap (the
 * instance cannot grow past it), the instruction budget (counted by the interpreter's execution
 * listener), and the wall-clock limit (the call's thread is interrupted, which stops the interpreter
 * and compiled code alike). A fresh instance per call means no state leaks from one call, or one
 * session, to the next. Every failure is a {@link PluginException} that names the limit or the fault.
 */
public final class Sandbox implements AutoCloseable {
    /** Calls running at once; more wait for a free slot within their time limit. */
    static final int CONCURRENT_CALLS = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

    /** The most output a call may return; a plugin cannot fill the host's heap through its answer. */
    static final int MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("plugin-call-", 0).daemon(true).factory());
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CONCURRENT_CALLS, true);

    /** The instruction budget was spent. */
    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** Calls {@code tool} of {@code plugin} with {@code input} (UTF-8 JSON) and returns its output bytes. */
    public byte[] call(Plugin plugin, PluginManifest.ToolSpec tool, byte[] input) {
        PluginManifest.Limits limits = plugin.manifest().limits();
        long start = System.nanoTime();
        try {
            if (!slots.tryAcquire(limits.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new PluginException(who(plugin, tool) + " could not start: " + CONCURRENT_CALLS
                        + " plugin calls are already running; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(who(plugin, tool) + " was cancelled");
        }
        Future<byte[]> future;
        try {
            future = threads.submit(() -> {
                try {
                    return run(plugin, tool, input);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        long left = limits.timeoutMillis() - (System.nanoTime() - start) / 1_000_000;
        try {
            return future.get(Math.max(1, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PluginException(
                    who(plugin, tool) + " ran past its time limit of " + limits.timeoutMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginException(who(plugin, tool) + " was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PluginException p) {
                throw p;
            }
            throw new PluginException(who(plugin, tool) + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String who(Plugin plugin, PluginManifest.ToolSpec tool) {
        return "plugin '" + plugin.manifest().name() + "' tool '" + tool.name() + "'";
    }

    private byte[] run(Plugin plugin, PluginManifest.ToolSpec tool, byte[] input) {
        PluginManifest m = plugin.manifest();
        PluginManifest.Limits limits = m.limits();
        ByteArrayOutputStream stderr = new BoundedStream(64 * 1024);
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdout(OutputStream.nullOutputStream())
                .withStderr(stderr)
                .withArguments(java.util.List.of(m.name()));
        long[] spent = {0};
        try (GrantedDirectories.Mount mount = plugin.mountDirectories()) {
            mount.roots().forEach(options::withDirectory);
            return run(plugin, tool, input, options, spent, stderr);
        }
    }

    private byte[] run(
            Plugin plugin,
            PluginManifest.ToolSpec tool,
            byte[] input,
            WasiOptions.Builder options,
            long[] spent,
            ByteArrayOutputStream stderr) {
        PluginManifest.Limits limits = plugin.manifest().limits();
        try (WasiPreview1 wasi =
                WasiPreview1.builder().withOptions(options.build()).build()) {
            var builder = builder(plugin, wasi, limits.instructions(), spent);
            Instance instance = null;
            try {
                instance = builder.build();
                if (hasExport(plugin, "_initialize")) {
                    instance.export("_initialize").apply();
                }
                return exchange(instance, tool, input, who(plugin, tool));
            } catch (BudgetExceeded e) {
                throw new PluginException(
                        who(plugin, tool) + " ran past its instruction budget of " + limits.instructions());
            } catch (ChicoryInterruptedException e) {
                throw new PluginException(
                        who(plugin, tool) + " ran past its time limit of " + limits.timeoutMillis() + " ms");
            } catch (WasiExitException e) {
                throw new PluginException(who(plugin, tool) + " exited (code " + e.exitCode() + ") instead of returning"
                        + stderrTail(stderr));
            } catch (TrapException e) {
                if (instance != null
                        && instance.memory().pages() >= limits.memoryPages()
                        && plugin.initialPages() < limits.memoryPages()) {
                    throw new PluginException(who(plugin, tool) + " hit its memory cap of " + limits.memoryPages()
                            + " pages (" + limits.memoryPages() * 64 + " KiB) and trapped: " + e.getMessage());
                }
                throw new PluginException(who(plugin, tool) + " trapped: " + e.getMessage() + stderrTail(stderr));
            } catch (ChicoryException e) {
                if (e.getCause() instanceof BudgetExceeded) {
                    throw new PluginException(
                            who(plugin, tool) + " ran past its instruction budget of " + limits.instructions());
                }
                throw new PluginException(who(plugin, tool) + " failed in the runtime: " + e.getMessage());
            }
        }
    }

    /**
     * An instance builder for {@code plugin} with its imports (WASI behind {@link WasiGate}) and memory
     * cap; interpreted instances count instructions into {@code spent} and stop past {@code budget}.
     */
    static Instance.Builder builder(Plugin plugin, WasiPreview1 wasi, long budget, long[] spent) {
        PluginManifest m = plugin.manifest();
        var builder = Instance.builder(plugin.module())
                .withImportValues(ImportValues.builder()
                        .addFunction(new WasiGate(m.directories()).wrap(wasi.toHostFunctions()))
                        .build())
                .withMemoryLimits(
                        new MemoryLimits(plugin.initialPages(), m.limits().memoryPages()));
        if (plugin.compiled().isPresent()) {
            builder.withMachineFactory(plugin.compiled().get());
        } else {
            builder.withUnsafeExecutionListener((instruction, stack) -> {
                if (++spent[0] > budget) {
                    throw new BudgetExceeded();
                }
            });
        }
        return builder;
    }

    /** A fresh instance with {@code _initialize} called, for benchmarks and tests. */
    static Instance instantiate(Plugin plugin, WasiPreview1 wasi) {
        Instance instance = builder(plugin, wasi, Long.MAX_VALUE, new long[1]).build();
        if (hasExport(plugin, "_initialize")) {
            instance.export("_initialize").apply();
        }
        return instance;
    }

    /** One call through the ABI on an instance made by {@link #instantiate}. */
    static byte[] callOn(Instance instance, PluginManifest.ToolSpec tool, byte[] input) {
        return exchange(instance, tool, input, tool.name());
    }

    private static boolean hasExport(Plugin plugin, String name) {
        var exports = plugin.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The ABI: alloc the input, write it, call the tool, read the output (ptr << 32 | len), dealloc both. */
    private static byte[] exchange(Instance instance, PluginManifest.ToolSpec tool, byte[] input, String who) {
        ExportFunction alloc = instance.export("alloc");
        ExportFunction dealloc = instance.export("dealloc");
        int in = (int) alloc.apply(input.length)[0];
        long memoryBytes = (long) instance.memory().pages() * 65536;
        if (in <= 0 || in + (long) input.length > memoryBytes) {
            throw new PluginException(who + ": alloc(" + input.length + ") returned " + in + ", outside its memory");
        }
        instance.memory().write(in, input);
        long packed = instance.export(tool.export()).apply(in, input.length)[0];
        int out = (int) (packed >>> 32);
        int length = (int) packed;
        memoryBytes = (long) instance.memory().pages() * 65536;
        if (out < 0 || length < 0 || out + (long) length > memoryBytes) {
            throw new PluginException(who + " returned an output (at " + Integer.toUnsignedString(out) + ", "
                    + Integer.toUnsignedString(length) + " bytes) outside its memory");
        }
        if (length > MAX_OUTPUT_BYTES) {
            throw new PluginException(
                    who + " returned " + length + " bytes; the most a call may return is " + MAX_OUTPUT_BYTES);
        }
        byte[] output = instance.memory().readBytes(out, length);
        dealloc.apply(in, input.length);
        dealloc.apply(out, length);
        return output;
    }

    private static String stderrTail(ByteArrayOutputStream stderr) {
        String s = stderr.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            return "";
        }
        return "; it wrote: " + (s.length() > 300 ? s.substring(s.length() - 300) : s);
    }

    /** Keeps at most {@code limit} bytes of what a plugin writes, so a chatty plugin cannot fill the heap. */
    private static final class BoundedStream extends ByteArrayOutputStream {
        private final int limit;

        BoundedStream(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, Math.max(0, Math.min(len, limit - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
