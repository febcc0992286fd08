package io.sirsi.mcp.plugins;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./sirsi bench plugins}: instantiation time and per-call latency of the example plugins, on the
 * interpreter and compiled, and how many live instances fit in the heap (run with -Xmx512m). Prints
 * medians and p99s; exits 1 when a target is missed (instantiation under 5 ms; 1,000 instances in 512 MB).
 */
public final class PluginBench {
    private PluginBench() {}

    private static WasiPreview1 wasi() {
        return WasiPreview1.builder()
                .withOptions(WasiOptions.builder()
                        .withStdout(OutputStream.nullOutputStream())
                        .withStderr(OutputStream.nullOutputStream())
                        .build())
                .build();
    }

    private static double[] stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new double[] {s[s.length / 2] / 1e6, s[(int) (s.length * 0.99)] / 1e6};
    }

    private static Plugin load(Path folder, String name, boolean hot) throws Exception {
        PluginManifest m = PluginManifest.read(folder.resolve(name + ".json"));
        return Plugin.load(new PluginManifest(
                m.name(),
                m.version(),
                m.description(),
                m.module(),
                hot,
                m.limits(),
                m.directories(),
                m.tools(),
                m.source()));
    }

    /** Args: the plugin folder (default tool-manifests/plugins) and an inventory document for tag-policy. */
    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0]) : Main.defaultFolder();
        byte[] inventory = args.length > 1 ? Files.readAllBytes(Path.of(args[1])) : "{\"resources\":[]}".getBytes();
        byte[] tagInput = ("{\"inventory\":" + new String(inventory, StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] echoInput = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        boolean ok = true;
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %12s%n", "", "instantiate", "p99", "call", "p99");
        for (String name : List.of("echo", "tag-policy")) {
            for (boolean hot : new boolean[] {false, true}) {
                long l0 = System.nanoTime();
                Plugin p = load(folder, name, hot);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s load %.0f ms%n",
                        name + (hot ? " (compiled)" : " (interpreter)"),
                        (System.nanoTime() - l0) / 1e6);
                PluginManifest.ToolSpec tool = p.manifest().tools().get(0);
                byte[] input = name.equals("echo") ? echoInput : tagInput;
                int warm = 30;
                int runs = name.equals("echo") ? 500 : 60;
                long[] inst = new long[runs];
                long[] call = new long[runs];
                for (int i = -warm; i < runs; i++) {
                    try (WasiPreview1 w = wasi()) {
                        long t0 = System.nanoTime();
                        Instance instance = Sandbox.instantiate(p, w);
                        long t1 = System.nanoTime();
                        Sandbox.callOn(instance, tool, input);
                        long t2 = System.nanoTime();
                        if (i >= 0) {
                            inst[i] = t1 - t0;
                            call[i] = t2 - t1;
                        }
                    }
                }
                double[] is = stats(inst);
                double[] cs = stats(call);
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %9.3f ms %9.3f ms %9.3f ms %9.3f ms%n",
                        name + (hot ? " (compiled)" : " (interpreter)"),
                        is[0],
                        is[1],
                        cs[0],
                        cs[1]);
                if (is[0] >= 5) {
                    ok = false;
                }
            }
        }
        // How many live instances fit: hold instances of tag-policy (5 pages of memory each) until 1,000.
        Plugin p = load(folder, "tag-policy", false);
        List<Object> held = new ArrayList<>();
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        int made = 0;
        try {
            for (; made < 1000; made++) {
                WasiPreview1 w = wasi();
                held.add(w);
                held.add(Sandbox.instantiate(p, w));
            }
        } catch (OutOfMemoryError e) {
            held.clear();
            ok = false;
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        long max = memory.getHeapMemoryUsage().getMax();
        System.out.printf(
                Locale.ROOT,
                "live instances: %d of tag-policy (%d pages each) in a heap of %d MB: %.1f MB used, %.0f KB each%n",
                made,
                p.initialPages(),
                max >> 20,
                (after - before) / 1048576.0,
                (after - before) / 1024.0 / Math.max(1, made));
        System.out.println(held.size() > 0 ? "targets: instantiation under 5 ms, 1,000 instances in 512 MB" : "");
        System.exit(ok && made == 1000 ? 0 : 1);
    }
}
