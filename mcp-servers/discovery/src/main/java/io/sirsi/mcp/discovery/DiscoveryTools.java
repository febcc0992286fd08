package io.sirsi.mcp.discovery;

import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Filter;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryException;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Relationship;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.inventory.Resource;
import io.sirsi.mcp.inventory.Summary;
import io.sirsi.mcp.kit.KitTool;
import io.sirsi.mcp.kit.ToolCall;
import io.sirsi.mcp.kit.ToolException;
import io.sirsi.mcp.kit.ToolGroup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only discovery tools of a cloud server: tenants and regions, discovery with progress and
 * cancellation, listing and describing resources, reachability, dependency edges and summaries. They
 * work on the last inventory of each tenant, collecting it on first use.
 */
public final class DiscoveryTools implements ToolGroup {
    private static final String FILTER_PROPERTIES = """
            "type":{"type":"string","description":"A provider-prefixed type such as aws.ec2.instance, or a glob such as aws.ec2.*"},
            "region":{"type":"string","description":"A region, location or zone"},
            "account":{"type":"string","description":"A tenant id or name"},
            "tag":{"type":"string","description":"A tag key, or key=value"},
            "name":{"type":"string","description":"Part of the resource name"}""";

    private final Provider provider;
    private final InventorySource source;
    private final InventoryStore store = new InventoryStore();
    private volatile java.util.function.Consumer<Account> onDiscovered = account -> {};

    /** The tools for one provider and source. */
    public DiscoveryTools(Provider provider, InventorySource source) {
        this.provider = provider;
        this.source = source;
    }

    InventoryStore store() {
        return store;
    }

    void onDiscovered(java.util.function.Consumer<Account> hook) {
        this.onDiscovered = hook;
    }

    private final Map<String, java.util.concurrent.locks.ReentrantLock> firstCollections =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void remember(Account account, Inventory collected, Optional<String> region, Set<String> types) {
        if (store.put(account, collected, region, types)) {
            onDiscovered.accept(account);
        }
    }

    /**
     * The tenant's inventory, collecting it first if it never was. Concurrent first requests for one
     * tenant share a single collection: the others wait for it (and can be cancelled while they wait).
     */
    Inventory inventoryOf(Account account, ToolCall call) {
        Optional<Inventory> known = store.of(account.id());
        if (known.isPresent()) {
            return known.get();
        }
        var lock = firstCollections.computeIfAbsent(account.id(), k -> new java.util.concurrent.locks.ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.sirsi.mcp.kit.CancelledException(
                    "cancelled while waiting for another collection of " + account.id());
        }
        try {
            known = store.of(account.id());
            if (known.isPresent()) {
                return known.get();
            }
            Inventory collected = source.collect(account, Optional.empty(), Set.of(), progress(call, 0, 1, 1));
            remember(account, collected, Optional.empty(), Set.of());
            return store.of(account.id()).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<KitTool> tools() {
        boolean openWorld = !source.describe().startsWith("demo estate");
        List<KitTool> tools = new ArrayList<>();
        tools.add(tool(
                provider.tenantsTool(),
                "List the " + provider.displayName() + " " + provider.tenants()
                        + " this server can see, with their regions and whether they have been discovered",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"source\":{\"type\":\"string\"},\"accounts\":{\"type\":\"array\"}},\"required\":[\"source\",\"accounts\"]}",
                openWorld,
                this::listAccounts));
        tools.add(tool(
                "list_regions",
                "List the regions in use, per " + provider.tenant() + ", with resource counts",
                "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"regions\":{\"type\":\"array\"}},\"required\":[\"regions\"]}",
                openWorld,
                this::listRegions));
        tools.add(tool(
                "discover",
                "Discover the whole estate, or one " + provider.tenant() + ", region or set of types; "
                        + "reports progress, can be cancelled, and keeps the result as the " + provider.tenant()
                        + "'s inventory",
                "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\"},\"region\":{\"type\":\"string\"},"
                        + "\"types\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"source\":{\"type\":\"string\"},\"syncTag\":{\"type\":\"string\"},"
                        + "\"resources\":{\"type\":\"integer\"},\"relationships\":{\"type\":\"integer\"},\"byType\":{\"type\":\"object\"},"
                        + "\"inventories\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                        + "\"required\":[\"source\",\"resources\",\"relationships\",\"byType\",\"inventories\"]}",
                openWorld,
                this::discover));
        tools.add(tool(
                "list_resources",
                "List resources, filtered by type, region, " + provider.tenant() + ", tag or name; paginated",
                "{\"type\":\"object\",\"properties\":{" + FILTER_PROPERTIES
                        + ",\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500},\"cursor\":{\"type\":\"string\"}},"
                        + "\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"integer\"},\"resources\":{\"type\":\"array\"},"
                        + "\"nextCursor\":{\"type\":\"string\"}},\"required\":[\"total\",\"resources\"]}",
                openWorld,
                this::listResources));
        tools.add(tool(
                "describe_resource",
                "Describe one resource by id: all its properties and its relationships",
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\",\"minLength\":1}},\"required\":[\"id\"],"
                        + "\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"resource\":{\"type\":\"object\"},\"outgoing\":{\"type\":\"array\"},"
                        + "\"incoming\":{\"type\":\"array\"}},\"required\":[\"resource\",\"outgoing\",\"incoming\"]}",
                openWorld,
                this::describe));
        tools.add(tool(
                "reachability",
                "Network reachability from security groups, NSGs and firewall rules: what can reach "
                        + "target on port, what source can reach, or (with neither) what the internet can reach on port; "
                        + "paginated",
                "{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\"},\"source\":{\"type\":\"string\"},"
                        + "\"port\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":65535},"
                        + "\"protocol\":{\"type\":\"string\",\"enum\":[\"tcp\",\"udp\",\"icmp\",\"any\"]}"
                        + ",\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},\"cursor\":{\"type\":\"string\"}"
                        + "},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"},\"total\":{\"type\":\"integer\"},"
                        + "\"grants\":{\"type\":\"array\"},\"nextCursor\":{\"type\":\"string\"}},"
                        + "\"required\":[\"question\",\"total\",\"grants\"]}",
                openWorld,
                this::reachability));
        tools.add(tool(
                "dependencies",
                "The dependency edges (connects-to, exposes, replica-of, stores-data-in, ...) of the "
                        + "estate or of one resource; paginated",
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"types\":{\"type\":\"array\",\"items\":"
                        + "{\"type\":\"string\"}}"
                        + ",\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},\"cursor\":{\"type\":\"string\"}"
                        + "},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"integer\"},\"edges\":{\"type\":\"array\"},"
                        + "\"nextCursor\":{\"type\":\"string\"}},\"required\":[\"total\",\"edges\"]}",
                openWorld,
                this::dependencies));
        tools.add(tool(
                "summarize",
                "Counts by type and region, and the estimated monthly cost, of the estate or a filtered part",
                "{\"type\":\"object\",\"properties\":{" + FILTER_PROPERTIES + "},\"additionalProperties\":false}",
                "{\"type\":\"object\",\"properties\":{\"source\":{\"type\":\"string\"},\"resources\":{\"type\":\"integer\"},"
                        + "\"monthlyCost\":{\"type\":\"number\"},\"byType\":{\"type\":\"object\"},\"byRegion\":{\"type\":\"object\"}},"
                        + "\"required\":[\"source\",\"resources\",\"monthlyCost\",\"byType\",\"byRegion\"]}",
                openWorld,
                this::summarize));
        return tools;
    }

    private interface Body {
        JsonNode run(ToolCall call);
    }

    private static KitTool tool(
            String name, String description, String input, String output, boolean openWorld, Body body) {
        var builder = KitTool.builder(name)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                .handler(call -> {
                    try {
                        return body.run(call);
                    } catch (InventoryException e) {
                        throw new ToolException(e.getMessage());
                    } catch (SourceException e) {
                        throw e.getCause() == null
                                ? new ToolException(e.getMessage())
                                : new ToolException(e.getMessage(), e.getCause());
                    }
                });
        if (openWorld) {
            builder.openWorld();
        }
        return builder.build();
    }

    private static ObjectNode object() {
        return InventoryJson.MAPPER.createObjectNode();
    }

    private static Optional<String> text(ToolCall call, String name) {
        return call.string(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The current inventory of every tenant, collecting what was never collected. */
    Inventory current(ToolCall call) {
        for (Account account : source.accounts()) {
            inventoryOf(account, call);
        }
        return store.merged();
    }

    /** Progress of one tenant's collection, as the {@code index}-th of {@code count} tenants, in percent. */
    private InventorySource.Progress progress(ToolCall call, int index, int count, int ignored) {
        return new InventorySource.Progress() {
            @Override
            public void step(int done, int total, String message) {
                if (call != null && total > 0) {
                    double share = 100.0 / count;
                    call.progress(Math.round((index * share + share * done / total) * 10) / 10.0, 100, message);
                }
            }

            @Override
            public void checkCancelled() {
                if (call != null) {
                    call.checkCancelled();
                }
            }
        };
    }

    private Account account(String idOrName) {
        return source.accounts().stream()
                .filter(a -> a.id().equals(idOrName) || a.name().equalsIgnoreCase(idOrName))
                .findFirst()
                .orElseThrow(() -> new ToolException("Unknown " + provider.tenant() + " '" + idOrName + "'; known: "
                        + source.accounts().stream()
                                .map(a -> a.id() + " (" + a.name() + ")")
                                .toList()));
    }

    private JsonNode listAccounts(ToolCall call) {
        ObjectNode out = object().put("source", source.describe());
        ArrayNode accounts = out.putArray("accounts");
        for (Account account : source.accounts()) {
            ObjectNode a = accounts.addObject().put("id", account.id()).put("name", account.name());
            account.regions().forEach(a.putArray("regions")::add);
            Optional<Inventory> inventory = store.of(account.id());
            a.put("discovered", inventory.isPresent());
            inventory.ifPresent(i -> a.put("resources", i.resources().size()));
            a.put("inventory", provider.inventoryUri(account.id()));
        }
        return out;
    }

    private JsonNode listRegions(ToolCall call) {
        Optional<String> only = text(call, "account");
        only.ifPresent(this::account);
        Inventory inventory = current(call);
        Map<String, Integer> counts = new TreeMap<>();
        for (Resource r : inventory.resources()) {
            if (only.isEmpty() || account(only.get()).id().equals(r.account())) {
                counts.merge(r.account() + "|" + r.region(), 1, Integer::sum);
            }
        }
        ObjectNode out = object();
        ArrayNode regions = out.putArray("regions");
        counts.forEach((key, n) -> {
            String[] parts = key.split("\\|", 2);
            regions.addObject().put("account", parts[0]).put("region", parts[1]).put("resources", n);
        });
        return out;
    }

    private JsonNode discover(ToolCall call) {
        List<Account> accounts =
                text(call, "account").map(a -> List.of(account(a))).orElse(source.accounts());
        Optional<String> region = text(call, "region");
        Set<String> types = new LinkedHashSet<>();
        call.arguments().path("types").forEach(t -> types.add(t.asString()));
        for (String type : types) {
            if (!source.types().contains(type)) {
                throw new ToolException("Unknown resource type '" + type + "'; this source collects " + source.types());
            }
        }
        if (region.isPresent()
                && accounts.stream()
                        .flatMap(a -> a.regions().stream())
                        .noneMatch(r ->
                                r.equalsIgnoreCase(region.get()) || region.get().equalsIgnoreCase("global"))) {
            throw new ToolException("Unknown region '" + region.get() + "'; the " + provider.tenants() + " use "
                    + accounts.stream()
                            .flatMap(a -> a.regions().stream())
                            .distinct()
                            .sorted()
                            .toList());
        }
        ObjectNode out = object().put("source", source.describe());
        int resources = 0;
        int relationships = 0;
        Map<String, Integer> byType = new TreeMap<>();
        ArrayNode inventories = InventoryJson.MAPPER.createArrayNode();
        int index = 0;
        for (Account account : accounts) {
            call.checkCancelled();
            Inventory collected = source.collect(account, region, types, progress(call, index, accounts.size(), 0));
            remember(account, collected, region, types);
            resources += collected.resources().size();
            relationships += collected.relationships().size();
            collected.resources().forEach(r -> byType.merge(r.type(), 1, Integer::sum));
            inventories.add(provider.inventoryUri(account.id()));
            out.put("syncTag", collected.syncTag());
            index++;
        }
        out.put("resources", resources).put("relationships", relationships);
        out.set("byType", InventoryJson.MAPPER.valueToTree(byType));
        out.set("inventories", inventories);
        return out;
    }

    private static Filter filter(ToolCall call) {
        return new Filter(
                text(call, "type"), text(call, "region"), text(call, "account"), text(call, "tag"), text(call, "name"));
    }

    private JsonNode listResources(ToolCall call) {
        Inventory inventory = current(call);
        List<Resource> matching = filter(call).apply(inventory);
        Page window = page(call, matching.size(), 50);
        ObjectNode out = object().put("total", matching.size());
        ArrayNode page = out.putArray("resources");
        for (Resource r : matching.subList(window.from(), window.to())) {
            ObjectNode brief = page.addObject()
                    .put("id", r.id())
                    .put("type", r.type())
                    .put("name", r.name())
                    .put("account", r.account())
                    .put("region", r.region());
            brief.set("tags", InventoryJson.MAPPER.valueToTree(new TreeMap<>(r.tags())));
            r.monthlyCost().ifPresent(c -> brief.put("monthlyCost", c));
        }
        window.next().ifPresent(c -> out.put("nextCursor", c));
        return out;
    }

    private static int decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring(7));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ToolException("Invalid cursor '" + cursor + "': use the nextCursor of a previous answer");
    }

    private JsonNode describe(ToolCall call) {
        String id = text(call, "id").orElseThrow(() -> new ToolException("id is required"));
        Inventory inventory = current(call);
        Resource resource = inventory
                .resource(id)
                .orElseThrow(
                        () -> new ToolException("Unknown resource id '" + id + "'; use list_resources to find ids"));
        var names = inventory.byId();
        ObjectNode out = object();
        out.set("resource", InventoryJson.MAPPER.valueToTree(resource));
        ArrayNode outgoing = out.putArray("outgoing");
        ArrayNode incoming = out.putArray("incoming");
        for (Relationship r : inventory.relationships()) {
            if (r.from().equals(id)) {
                outgoing.add(edge(r, names));
            } else if (r.to().equals(id)) {
                incoming.add(edge(r, names));
            }
        }
        return out;
    }

    private static ObjectNode edge(Relationship r, Map<String, Resource> names) {
        ObjectNode edge = object().put("from", r.from())
                .put("fromName", names.get(r.from()).name())
                .put("type", r.type())
                .put("to", r.to())
                .put("toName", names.get(r.to()).name());
        if (!r.properties().isEmpty()) {
            edge.set("properties", r.properties());
        }
        return edge;
    }

    private JsonNode reachability(ToolCall call) {
        Inventory inventory = current(call);
        Reachability reachability = new Reachability(inventory);
        Optional<String> target = text(call, "target");
        Optional<String> sourceId = text(call, "source");
        JsonNode portNode = call.arguments().get("port");
        int port = portNode == null ? -1 : portNode.asInt();
        String protocol = text(call, "protocol").orElse(port < 0 ? "any" : "tcp");
        if (target.isPresent() && sourceId.isPresent()) {
            throw new ToolException("Give target or source, not both");
        }
        List<Reachability.Grant> grants;
        String question;
        if (target.isPresent()) {
            requireResource(inventory, target.get());
            grants = reachability.inbound(target.get(), protocol, port);
            question = "What can reach " + inventory.byId().get(target.get()).name()
                    + (port < 0 ? "" : " on " + protocol + "/" + port) + "?";
        } else if (sourceId.isPresent()) {
            requireResource(inventory, sourceId.get());
            grants = reachability.outbound(sourceId.get()).stream()
                    .filter(g -> port < 0 || (g.fromPort() <= port && port <= g.toPort()))
                    .filter(g -> protocol.equals("any")
                            || g.protocol().equals("all")
                            || g.protocol().equals(protocol))
                    .toList();
            question = "What can " + inventory.byId().get(sourceId.get()).name() + " reach"
                    + (port < 0 ? (protocol.equals("any") ? "" : " over " + protocol) : " on " + protocol + "/" + port)
                    + "?";
        } else {
            if (port < 0) {
                throw new ToolException("Give a target, a source, or a port to ask what the internet can reach on it");
            }
            grants = reachability.fromInternet(protocol, port);
            question = "What can the internet reach on " + protocol + "/" + port + "?";
        }
        var names = inventory.byId();
        ObjectNode out = object().put("question", question);
        Page page = page(call, grants.size(), 100);
        out.put("total", grants.size());
        ArrayNode list = out.putArray("grants");
        for (Reachability.Grant g : grants.subList(page.from(), page.to())) {
            ObjectNode item = list.addObject()
                    .put("target", g.target())
                    .put("targetName", names.get(g.target()).name())
                    .put("peer", g.peer());
            Resource peer = names.get(g.peer());
            if (peer != null) {
                item.put("peerName", peer.name());
            }
            item.put("peerKind", g.peerKind())
                    .put("protocol", g.protocol())
                    .put("fromPort", g.fromPort())
                    .put("toPort", g.toPort())
                    .put("via", g.via());
        }
        page.next().ifPresent(c -> out.put("nextCursor", c));
        return out;
    }

    /** One page of a list: its bounds, and the cursor of the next page if there is one. */
    private record Page(int from, int to, Optional<String> next) {}

    private static Page page(ToolCall call, int total, int defaultLimit) {
        int limit = call.arguments().path("limit").asInt(defaultLimit);
        int offset = text(call, "cursor").map(DiscoveryTools::decodeCursor).orElse(0);
        if (offset > total) {
            throw new ToolException("Invalid cursor: it points past the end of the list; ask again without a cursor");
        }
        int end = Math.min(total, offset + limit);
        Optional<String> next = end < total
                ? Optional.of(Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("offset:" + end).getBytes(StandardCharsets.US_ASCII)))
                : Optional.empty();
        return new Page(offset, end, next);
    }

    private static void requireResource(Inventory inventory, String id) {
        if (inventory.resource(id).isEmpty()) {
            throw new ToolException("Unknown resource id '" + id + "'; use list_resources to find ids");
        }
    }

    private JsonNode dependencies(ToolCall call) {
        Inventory inventory = current(call);
        Optional<String> id = text(call, "id");
        id.ifPresent(i -> requireResource(inventory, i));
        Set<String> types = new LinkedHashSet<>();
        call.arguments().path("types").forEach(t -> types.add(t.asString()));
        for (String type : types) {
            if (!RelationshipType.NAMES.contains(type)) {
                throw new ToolException("Unknown relationship type '" + type + "'; known: "
                        + new java.util.TreeSet<>(RelationshipType.NAMES));
            }
        }
        var names = inventory.byId();
        List<Relationship> matching = new ArrayList<>();
        for (Relationship r : inventory.relationships()) {
            boolean typeOk =
                    types.isEmpty() ? !r.type().equals(RelationshipType.RESOURCE_OF) : types.contains(r.type());
            boolean touches = id.isEmpty() || r.from().equals(id.get()) || r.to().equals(id.get());
            if (typeOk && touches) {
                matching.add(r);
            }
        }
        Page page = page(call, matching.size(), 100);
        ObjectNode out = object().put("total", matching.size());
        ArrayNode edges = out.putArray("edges");
        matching.subList(page.from(), page.to()).forEach(r -> edges.add(edge(r, names)));
        page.next().ifPresent(c -> out.put("nextCursor", c));
        return out;
    }

    private JsonNode summarize(ToolCall call) {
        Inventory inventory = current(call);
        Summary summary = Summary.of(inventory, filter(call).apply(inventory));
        ObjectNode out = (ObjectNode) InventoryJson.MAPPER.valueToTree(summary);
        out.put("source", source.describe());
        return out;
    }
}
