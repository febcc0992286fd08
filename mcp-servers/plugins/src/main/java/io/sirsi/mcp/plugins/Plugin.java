package io.sirsi.mcp.plugins;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A plugin ready to call: its manifest and its parsed module, checked against the ABI (the exports
 * {@code memory}, {@code alloc(i32) -> i32}, {@code dealloc(i32, i32)}, and {@code (i32, i32) -> i64} for
 * each tool), and, for a hot plugin, the module compiled to JVM bytecode once. Immutable: a reload makes
 * a new one, and calls in flight finish on the one they started with.
 */
public final class Plugin {
    private final PluginManifest manifest;
    private final WasmModule module;
    private final Optional<Function<Instance, Machine>> compiled;
    private final int initialPages;
    private final String digest;
    private final GrantedDirectories directories;

    private Plugin(
            PluginManifest manifest,
            WasmModule module,
            Optional<Function<Instance, Machine>> compiled,
            int initialPages,
            String digest,
            GrantedDirectories directories) {
        this.directories = directories;
        this.manifest = manifest;
        this.module = module;
        this.compiled = compiled;
        this.initialPages = initialPages;
        this.digest = digest;
    }

    /** Loads the module the manifest names; the error says which plugin and what is wrong. */
    public static Plugin load(PluginManifest m) {
        String who = "plugin '" + m.name() + "' (" + m.source().getFileName() + ")";
        byte[] bytes;
        try {
            bytes = m.module().toString().endsWith(".wat")
                    ? Wat2Wasm.parse(Files.readString(m.module()))
                    : Files.readAllBytes(m.module());
        } catch (IOException e) {
            throw new PluginException(who + ": cannot read its module " + m.module() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new PluginException(who + ": its WAT module does not compile: " + firstLine(e.getMessage()));
        }
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw new PluginException(who + ": " + m.module().getFileName() + " is not a valid WebAssembly module: "
                    + firstLine(e.getMessage()));
        }
        int initial = module.memorySection()
                .filter(s -> s.memoryCount() > 0)
                .map(s -> s.getMemory(0).limits().initialPages())
                .orElseThrow(() -> new PluginException(who + ": the module has no memory; the ABI passes JSON through "
                        + "an exported linear memory"));
        if (initial > m.limits().memoryPages()) {
            throw new PluginException(who + ": the module starts with " + initial + " memory pages, above its cap of "
                    + m.limits().memoryPages() + "; raise limits.memoryPages");
        }
        requireExport(module, "alloc", List.of(ValType.I32), List.of(ValType.I32), who);
        requireExport(module, "dealloc", List.of(ValType.I32, ValType.I32), List.of(), who);
        for (PluginManifest.ToolSpec t : m.tools()) {
            requireExport(
                    module,
                    t.export(),
                    List.of(ValType.I32, ValType.I32),
                    List.of(ValType.I64),
                    who + " tool '" + t.name() + "'");
        }
        Optional<Function<Instance, Machine>> compiled = Optional.empty();
        if (m.hot()) {
            try {
                compiled = Optional.of(MachineFactoryCompiler.compile(module));
            } catch (RuntimeException e) {
                throw new PluginException(
                        who + ": the module does not compile to JVM bytecode: " + firstLine(e.getMessage()));
            }
        }
        return new Plugin(m, module, compiled, initial, sha256(bytes), new GrantedDirectories(m));
    }

    private static void requireExport(
            WasmModule module, String name, List<ValType> params, List<ValType> results, String who) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            var e = exports.getExport(i);
            if (e.name().equals(name)) {
                if (e.exportType() != ExternalType.FUNCTION) {
                    throw new PluginException(who + ": export '" + name + "' is not a function");
                }
                int imported = module.importSection().count(ExternalType.FUNCTION);
                if (e.index() < imported) {
                    return; // a re-exported import: its type is the host's business
                }
                FunctionType type =
                        module.functionSection().getFunctionType(e.index() - imported, module.typeSection());
                if (!type.params().equals(params) || !type.returns().equals(results)) {
                    throw new PluginException(who + ": export '" + name + "' has the type " + type.params() + " -> "
                            + type.returns() + ", and the ABI needs " + params + " -> " + results);
                }
                return;
            }
        }
        throw new PluginException(who + ": the module does not export '" + name + "', which the ABI needs");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The manifest. */
    public PluginManifest manifest() {
        return manifest;
    }

    WasmModule module() {
        return module;
    }

    Optional<Function<Instance, Machine>> compiled() {
        return compiled;
    }

    int initialPages() {
        return initialPages;
    }

    /** Mounts the granted directories for one call. */
    GrantedDirectories.Mount mountDirectories() {
        return directories.mount();
    }

    /** A short digest of the module, to tell versions apart. */
    public String digest() {
        return digest;
    }
}
