package io.sirsi.mcp.plugins;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WASI preview 1 with read-only directories: wraps the host functions that create, change or remove files
 * so that they answer {@code EROFS} on a directory granted read-only, or on anything opened from one.
 * Preopened directories get descriptors 3, 4, ... in the order they are granted; a descriptor opened
 * relative to a read-only one is read-only too.
 */
final class WasiGate {
    /** WASI errno: read-only file system. */
    static final int EROFS = 69;

    /** WASI errno: operation not permitted. */
    static final int EPERM = 63;

    private static final long FD_WRITE = 1L << 6;
    private static final long OFLAGS_CREAT_TRUNC = 1 | 8;
    private static final long FDFLAGS_APPEND = 1;

    /** The host functions whose first argument is the directory they change. */
    private static final Map<String, Integer> DIRECTORY_ARGUMENT = Map.of(
            "path_create_directory", 0,
            "path_remove_directory", 0,
            "path_unlink_file", 0,
            "path_rename", 0,
            "path_filestat_set_times", 0,
            "path_symlink", 2,
            "path_link", 4);

    private final Set<Long> readOnly = new HashSet<>();

    WasiGate(List<PluginManifest.Grant> grants) {
        for (int i = 0; i < grants.size(); i++) {
            if (!grants.get(i).writable()) {
                readOnly.add(3L + i);
            }
        }
    }

    HostFunction[] wrap(HostFunction[] functions) {
        List<HostFunction> out = new ArrayList<>();
        for (HostFunction f : functions) {
            Integer dirArg = DIRECTORY_ARGUMENT.get(f.name());
            WasmFunctionHandle h = f.handle();
            if (f.name().equals("path_symlink") || f.name().equals("path_link")) {
                // No links at all: a link is the way out of a granted directory.
                out.add(new HostFunction(
                        f.module(), f.name(), f.functionType(), (instance, args) -> new long[] {EPERM}));
            } else if (f.name().equals("path_open")) {
                out.add(new HostFunction(
                        f.module(), f.name(), f.functionType(), (instance, args) -> pathOpen(h, instance, args)));
            } else if (dirArg != null) {
                int at = dirArg;
                out.add(new HostFunction(
                        f.module(),
                        f.name(),
                        f.functionType(),
                        (instance, args) ->
                                readOnly.contains(args[at]) ? new long[] {EROFS} : h.apply(instance, args)));
            } else {
                out.add(f);
            }
        }
        return out.toArray(HostFunction[]::new);
    }

    /** path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out). */
    private long[] pathOpen(WasmFunctionHandle h, Instance instance, long[] args) {
        boolean fromReadOnly = readOnly.contains(args[0]);
        boolean writes =
                (args[4] & OFLAGS_CREAT_TRUNC) != 0 || (args[5] & FD_WRITE) != 0 || (args[7] & FDFLAGS_APPEND) != 0;
        if (fromReadOnly && writes) {
            return new long[] {EROFS};
        }
        long[] result = h.apply(instance, args);
        if (fromReadOnly && result[0] == 0) {
            readOnly.add((long) instance.memory().readInt((int) args[8]));
        }
        return result;
    }
}
