package io.sirsi.host.mcp;

import java.util.List;

/**
 * What loading manifests found: the servers declared, the files (or entries) that could not be used and why,
 * and warnings about what was ignored. Every problem and warning names its file.
 *
 * @param servers the servers, enabled or not, in file order
 * @param problems what made a file or an entry unusable
 * @param warnings what was ignored, such as keys Sirsi does not know
 */
public record Manifests(List<ServerManifest> servers, List<String> problems, List<String> warnings) {
    /** Copies the lists. */
    public Manifests {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The servers the host should connect to. */
    public List<ServerManifest> enabled() {
        return servers.stream().filter(ServerManifest::enabled).toList();
    }
}
