package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The checks and frameworks: the bundled rule files ({@code checks/PROVIDER/*.yaml} beside this class)
 * and any folders a tool developer adds ({@code --checks DIR}). A rule file is read, checked and tried on
 * its own examples when it is loaded, so a broken file stops the server with a message naming the file
 * and the problem, rather than misreporting later.
 */
public final class CheckCatalog {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of(
            "id",
            "title",
            "severity",
            "provider",
            "service",
            "category",
            "resourceTypes",
            "description",
            "risk",
            "remediation",
            "references",
            "frameworks",
            "where",
            "fail",
            "message",
            "examples");

    private final Map<String, Check> checks;
    private final Map<String, Framework> frameworks;

    private CheckCatalog(Map<String, Check> checks, Map<String, Framework> frameworks) {
        this.checks = checks;
        this.frameworks = frameworks;
    }

    /** The bundled checks. */
    public static CheckCatalog bundled() {
        return load(List.of());
    }

    /** The bundled checks plus those in {@code extraFolders}. */
    public static CheckCatalog load(List<Path> extraFolders) {
        Map<String, Framework> frameworks = readFrameworks();
        Map<String, Check> checks = new TreeMap<>();
        withBundledFolder(folder -> readFolder(folder, frameworks, checks));
        for (Path folder : extraFolders) {
            if (!Files.isDirectory(folder)) {
                throw new SecurityException("The checks folder " + folder + " does not exist");
            }
            readFolder(folder, frameworks, checks);
        }
        return new CheckCatalog(checks, frameworks);
    }

    /** Every check, by id. */
    public List<Check> checks() {
        return List.copyOf(checks.values());
    }

    /** A check by id. */
    public Optional<Check> check(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    /** Every framework, by id. */
    public Map<String, Framework> frameworks() {
        return frameworks;
    }

    /** A framework by id; the error lists the known ones. */
    public Framework framework(String id) {
        Framework f = frameworks.get(id);
        if (f == null) {
            throw new SecurityException("Unknown framework '" + id + "'; frameworks are " + frameworks.keySet());
        }
        return f;
    }

    private interface FolderReader {
        void read(Path folder);
    }

    private static void withBundledFolder(FolderReader reader) {
        URI uri;
        try {
            uri = CheckCatalog.class.getResource("checks").toURI();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the bundled checks are missing from the classpath", e);
        }
        if (uri.getScheme().equals("jar")) {
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader.read(fs.provider().getPath(uri));
        } else {
            reader.read(Path.of(uri));
        }
    }

    private static void readFolder(Path folder, Map<String, Framework> frameworks, Map<String, Check> into) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String where = folder.getFileName() + "/" + folder.relativize(file);
            JsonNode node;
            try {
                node = YAML.readTree(Files.readString(file));
            } catch (IOException | RuntimeException e) {
                throw new SecurityException(where + ": not valid YAML: " + e.getMessage());
            }
            Check check = parse(node, where, frameworks);
            String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (!stem.equals(check.id())) {
                throw new SecurityException(
                        where + ": the file of check '" + check.id() + "' must be named " + check.id() + ".yaml");
            }
            Check before = into.put(check.id(), check);
            if (before != null) {
                throw new SecurityException(
                        where + ": check id '" + check.id() + "' is already defined by " + before.source());
            }
            tryExamples(check);
        }
    }

    /** Reads one rule file; public so tool developers' tests can check a file alone. */
    static Check parse(JsonNode node, String where, Map<String, Framework> frameworks) {
        if (node == null || !node.isObject()) {
            throw new SecurityException(where + ": a rule file is a YAML map");
        }
        node.propertyNames().forEach(k -> {
            if (!KEYS.contains(k)) {
                throw new SecurityException(
                        where + ": unknown key '" + k + "'; a rule file has " + new java.util.TreeSet<>(KEYS));
            }
        });
        String id = required(node, "id", where);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new SecurityException(where + ": id '" + id + "' must be lower-case words joined by hyphens");
        }
        String provider = required(node, "provider", where);
        if (!Check.PROVIDERS.contains(provider)) {
            throw new SecurityException(where + ": provider '" + provider + "' is not one of " + Check.PROVIDERS);
        }
        if (!id.startsWith(provider + "-")) {
            throw new SecurityException(where + ": id '" + id + "' must start with its provider, " + provider + "-");
        }
        String category = required(node, "category", where);
        if (!Check.CATEGORIES.contains(category)) {
            throw new SecurityException(where + ": category '" + category + "' is not one of " + Check.CATEGORIES);
        }
        List<String> types = new ArrayList<>();
        node.path("resourceTypes").forEach(t -> types.add(t.asString()));
        if (types.isEmpty()) {
            throw new SecurityException(where + ": resourceTypes must list at least one type");
        }
        for (String t : types) {
            if (!t.startsWith(provider + ".")) {
                throw new SecurityException(where + ": resource type '" + t + "' is not a " + provider + " type");
            }
        }
        Map<String, List<String>> mapped = new LinkedHashMap<>();
        node.path("frameworks").properties().forEach(e -> {
            Framework f = frameworks.get(e.getKey());
            if (f == null) {
                throw new SecurityException(
                        where + ": unknown framework '" + e.getKey() + "'; frameworks are " + frameworks.keySet());
            }
            if (f.provider().isPresent() && !f.provider().get().equals(provider)) {
                throw new SecurityException(where + ": " + f.name() + " is written for "
                        + f.provider().get() + ", not " + provider);
            }
            List<String> controls = new ArrayList<>();
            e.getValue().forEach(c -> controls.add(c.asString()));
            if (controls.isEmpty()) {
                throw new SecurityException(where + ": framework '" + e.getKey() + "' lists no controls");
            }
            for (String c : controls) {
                if (!f.controls().isEmpty() && !f.controls().containsKey(c)) {
                    throw new SecurityException(where + ": " + f.name() + " has no control '" + c
                            + "' in frameworks.yaml; add it there with its title, or fix the id");
                }
            }
            mapped.put(e.getKey(), controls);
        });
        if (mapped.isEmpty() && !provider.equals("plan")) {
            throw new SecurityException(where + ": a check maps to at least one framework control");
        }
        Optional<Condition> whereCondition = node.has("where")
                ? Optional.of(Condition.parse(node.get("where"), where + ": where"))
                : Optional.empty();
        if (!node.has("fail")) {
            throw new SecurityException(where + ": 'fail' (the condition under which a resource fails) is required");
        }
        Condition fail = Condition.parse(node.get("fail"), where + ": fail");
        checkMessage(node.path("message").asString(""), where);
        List<String> references = new ArrayList<>();
        node.path("references").forEach(r -> references.add(r.asString()));
        List<JsonNode> failExamples = new ArrayList<>();
        node.path("examples").path("fail").forEach(failExamples::add);
        List<JsonNode> passExamples = new ArrayList<>();
        node.path("examples").path("pass").forEach(passExamples::add);
        boolean graph = Condition.usesFunctions(fail)
                || whereCondition.map(Condition::usesFunctions).orElse(false);
        if (!graph && (failExamples.isEmpty() || passExamples.isEmpty())) {
            throw new SecurityException(where + ": examples must give at least one fail and one pass example "
                    + "(each {properties: {..}, tags: {..}})");
        }
        return new Check(
                id,
                required(node, "title", where),
                severity(required(node, "severity", where), where),
                provider,
                required(node, "service", where),
                category,
                types,
                required(node, "description", where),
                required(node, "risk", where),
                required(node, "remediation", where),
                references,
                mapped,
                whereCondition,
                fail,
                node.path("message").asString("{name} fails " + id),
                failExamples,
                passExamples,
                where);
    }

    private static Severity severity(String id, String where) {
        try {
            return Severity.of(id);
        } catch (SecurityException e) {
            throw new SecurityException(where + ": " + e.getMessage());
        }
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^}]*)}");

    /** Every {..} in a message names a known field or a readable path. */
    private static void checkMessage(String message, String where) {
        var m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            String key = m.group(1);
            boolean known = Set.of("name", "type", "region", "account", "id", "evidence")
                    .contains(key);
            if (key.startsWith("p:") && key.length() > 2) {
                Subject.checkPath(key.substring(2), where + ": message");
                known = true;
            }
            if (!known) {
                throw new SecurityException(where + ": message placeholder {" + key + "} is not one of {name}, {type}, "
                        + "{region}, {account}, {id}, {evidence} or {p:PATH}");
            }
        }
    }

    private static String required(JsonNode node, String key, String where) {
        String value = node.path(key).asString("");
        if (value.isBlank()) {
            throw new SecurityException(where + ": '" + key + "' is required");
        }
        return value.strip();
    }

    /** Runs a check on its own examples: each fail example must fail and each pass example must not. */
    private static void tryExamples(Check check) {
        for (int i = 0; i < check.failExamples().size(); i++) {
            if (!example(check, check.failExamples().get(i))) {
                throw new SecurityException(check.source() + ": examples.fail[" + i + "] does not fail the check");
            }
        }
        for (int i = 0; i < check.passExamples().size(); i++) {
            if (example(check, check.passExamples().get(i))) {
                throw new SecurityException(check.source() + ": examples.pass[" + i + "] fails the check");
            }
        }
    }

    private static boolean example(Check check, JsonNode example) {
        Map<String, String> tags = new LinkedHashMap<>();
        example.path("tags")
                .properties()
                .forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        JsonNode properties =
                example.has("properties") ? example.get("properties") : JsonNodeFactory.instance.objectNode();
        String type = example.path("type").asString(check.resourceTypes().get(0));
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        Resource r = new Resource(
                "example",
                type,
                check.provider(),
                "example",
                "example",
                example.path("name").asString("example"),
                tags,
                properties,
                Optional.empty(),
                Optional.empty(),
                "example",
                at,
                at);
        Inventory inventory = new Inventory(
                Inventory.SCHEMA_VERSION, check.provider(), "example", "example", at, List.of(), List.of(r), List.of());
        return Scanner.fails(check, r, new ScanContext(inventory)).isPresent();
    }

    private static Map<String, Framework> readFrameworks() {
        JsonNode root;
        try (var in = CheckCatalog.class.getResourceAsStream("frameworks.yaml")) {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Framework> out = new LinkedHashMap<>();
        for (JsonNode f : root.path("frameworks")) {
            Map<String, String> controls = new TreeMap<>();
            f.path("controls")
                    .properties()
                    .forEach(e -> controls.put(e.getKey(), e.getValue().asString()));
            String id = f.path("id").asString();
            out.put(
                    id,
                    new Framework(
                            id,
                            f.path("name").asString(),
                            f.path("version").asString(),
                            f.path("url").asString(),
                            Optional.ofNullable(f.path("provider").asString(null)),
                            controls));
        }
        return out;
    }
}
