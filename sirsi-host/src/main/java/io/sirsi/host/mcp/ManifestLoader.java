package io.sirsi.host.mcp;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sirsi.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads server manifests: every {@code *.json} of a folder (not its sub-folders, and not {@code
 * *.schema.json}), or one file. A file is either one server entry, named after the file ({@code aws.json}
 * declares {@code aws}), or a Claude Desktop {@code claude_desktop_config.json} or {@code .mcp.json} document,
 * whose {@code mcpServers} map names its entries; either way it is checked against {@code
 * server-manifest.schema.json}.
 *
 * <p>Relative commands ({@code ./sirsi}) are resolved against the repository root, which is also the working
 * directory of the servers started. As in {@code .mcp.json}, {@code ${VAR}} and {@code ${VAR:-default}} in a
 * command, an argument, an environment value, a URL or a header are replaced from the host's environment, so
 * that secrets stay out of manifests.
 */
public final class ManifestLoader {
    /** The schema's file name, beside the manifests. */
    public static final String SCHEMA_FILE = "server-manifest.schema.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> KNOWN_KEYS = Set.of(
            "$schema",
            "description",
            "type",
            "command",
            "args",
            "env",
            "url",
            "headers",
            "enabled",
            "readOnly",
            "timeoutSeconds",
            "allowTools",
            "denyTools");

    private static final class SchemaHolder {
        static final Schema SCHEMA = load();

        private static Schema load() {
            try (InputStream in = ManifestLoader.class.getResourceAsStream(SCHEMA_FILE)) {
                Objects.requireNonNull(in, SCHEMA_FILE + " is missing from the host's classpath");
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path root;
    private final Map<String, String> environment;

    private ManifestLoader(Path root, Map<String, String> environment) {
        this.root = root.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
    }

    /** A loader resolving relative commands against {@code root}, expanding variables from the environment. */
    public static ManifestLoader create(Path root) {
        return new ManifestLoader(Objects.requireNonNull(root, "root"), System.getenv());
    }

    /** A loader expanding variables from {@code environment} instead of the process environment. */
    public static ManifestLoader create(Path root, Map<String, String> environment) {
        return new ManifestLoader(Objects.requireNonNull(root, "root"), environment);
    }

    /**
     * Loads a folder of manifests, or one manifest file. A file that cannot be used is reported in {@link
     * Manifests#problems()} and the others still load; two servers with the same name keep the first.
     */
    public Manifests load(Path path) {
        List<ServerManifest> servers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, ServerManifest> byPrefix = new HashMap<>();
        for (Path file : files(path)) {
            try {
                for (ServerManifest server : read(file, warnings)) {
                    ServerManifest earlier = byPrefix.putIfAbsent(ToolCatalog.prefix(server.name()), server);
                    if (earlier != null) {
                        problems.add(file.getFileName() + ": server '" + server.name()
                                + "' has the name of a server declared in "
                                + earlier.source().getFileName() + "; this one is ignored");
                    } else {
                        servers.add(server);
                    }
                }
            } catch (HostException e) {
                problems.add(e.getMessage());
            }
        }
        return new Manifests(servers, problems, warnings);
    }

    /**
     * One server entry given as JSON, as a Claude Desktop {@code mcpServers} entry is written: {@code
     * {"command": ..., "args": [...], "env": {...}}} or {@code {"url": ..., "headers": {...}}}, with Sirsi's
     * options.
     *
     * @throws HostException naming the problem when the entry is not valid
     */
    public ServerManifest parse(String name, String json) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}")) {
            throw new HostException("a server name is 1 to 63 letters, digits, '-' or '_', not '" + name + "'");
        }
        JsonNode entry;
        try {
            entry = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new HostException("server '" + name + "': not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (entry == null || !entry.isObject()) {
            throw new HostException("server '" + name + "': an entry is a JSON object with command or url");
        }
        checkTransport("server '" + name + "'", entry);
        requireSchema("server '" + name + "'", entry);
        return entry(root.resolve(name + ".json"), name, entry, new ArrayList<>());
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new HostException(path + ": no such manifest file or folder");
            }
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".schema.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new HostException(path + ": cannot list the manifests (" + e.getMessage() + ")", e);
        }
    }

    private List<ServerManifest> read(Path file, List<String> warnings) {
        String fileName = file.getFileName().toString();
        JsonNode document;
        try {
            document = JSON.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new HostException(fileName + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (document.isObject()
                && document.has("mcpServers")
                && document.get("mcpServers").isObject()) {
            for (var entry : document.get("mcpServers").properties()) {
                checkTransport(fileName + ": server '" + entry.getKey() + "'", entry.getValue());
            }
        } else if (document.isObject()) {
            checkTransport(fileName, document);
        }
        requireSchema(fileName, document);
        List<ServerManifest> servers = new ArrayList<>();
        if (document.has("mcpServers")) {
            for (var entry : document.get("mcpServers").properties()) {
                servers.add(entry(file, entry.getKey(), entry.getValue(), warnings));
            }
        } else {
            String name = fileName.substring(0, fileName.length() - ".json".length());
            servers.add(entry(file, name, document, warnings));
        }
        return servers;
    }

    /** Checks a manifest document against the schema, naming the first problems. */
    private static void requireSchema(String what, JsonNode document) {
        List<Error> errors = SchemaHolder.SCHEMA.validate(document);
        if (!errors.isEmpty()) {
            throw new HostException(what + " does not match the server manifest schema: "
                    + String.join(
                            "; ",
                            errors.stream()
                                    .limit(5)
                                    .map(ManifestLoader::describe)
                                    .toList()));
        }
    }

    /** The schema says this too, but in words of its own ("must be valid to one and only one schema"). */
    private static void checkTransport(String where, JsonNode entry) {
        if (!entry.isObject()) {
            return;
        }
        if (entry.has("command") && entry.has("url")) {
            throw new HostException(where + ": give either command (stdio) or url (Streamable HTTP), not both");
        }
        if (!entry.has("command") && !entry.has("url")) {
            throw new HostException(where + ": gives neither command (stdio) nor url (Streamable HTTP)");
        }
    }

    private static String describe(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "" : at + ": ") + error.getMessage();
    }

    private ServerManifest entry(Path file, String name, JsonNode node, List<String> warnings) {
        String where = file.getFileName() + ": server '" + name + "'";
        for (String key : node.propertyNames()) {
            if (!KNOWN_KEYS.contains(key)) {
                warnings.add(where + ": '" + key + "' is not a Sirsi option and is ignored");
            }
        }
        String type = node.path("type").asString("");
        ServerManifest.Transport transport;
        if (type.equals("sse")) {
            throw new HostException(where + ": the legacy SSE transport is not supported; "
                    + "give the server's Streamable HTTP endpoint as url with type http");
        } else if (node.has("command")) {
            if (type.equals("http")) {
                throw new HostException(where + ": type is http but the entry gives a command, not a url");
            }
            String command = expand(where, "command", node.get("command").asString());
            if (command.contains("/") && !Path.of(command).isAbsolute()) {
                command = root.resolve(command).normalize().toString();
            }
            List<String> args = new ArrayList<>();
            int i = 0;
            for (JsonNode arg : node.path("args")) {
                args.add(expand(where, "args[" + i++ + "]", arg.asString()));
            }
            transport = new ServerManifest.Stdio(command, args, strings(where, "env", node.path("env")), root);
        } else {
            if (type.equals("stdio")) {
                throw new HostException(where + ": type is stdio but the entry gives a url, not a command");
            }
            String url = expand(where, "url", node.get("url").asString());
            try {
                transport = new ServerManifest.Http(URI.create(url), strings(where, "headers", node.path("headers")));
            } catch (IllegalArgumentException e) {
                throw new HostException(where + ": url '" + url + "' is not a URL (" + e.getMessage() + ")", e);
            }
        }
        return new ServerManifest(
                name,
                transport,
                node.path("enabled").asBoolean(true),
                node.path("readOnly").asBoolean(false),
                node.has("timeoutSeconds")
                        ? Duration.ofSeconds(node.get("timeoutSeconds").asLong())
                        : ServerManifest.DEFAULT_TIMEOUT,
                globs(node.path("allowTools")),
                globs(node.path("denyTools")),
                file.toAbsolutePath());
    }

    private Map<String, String> strings(String where, String field, JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (var e : object.properties()) {
            values.put(
                    e.getKey(),
                    expand(where, field + "." + e.getKey(), e.getValue().asString()));
        }
        return values;
    }

    private static List<String> globs(JsonNode array) {
        List<String> globs = new ArrayList<>();
        array.forEach(g -> globs.add(g.asString()));
        return globs;
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}}; a variable that is not set and has no default fails. */
    private String expand(String where, String field, String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = environment.get(m.group(1));
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw new HostException(
                        where + ": " + field + " uses ${" + m.group(1) + "}, which is not set and has no default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
