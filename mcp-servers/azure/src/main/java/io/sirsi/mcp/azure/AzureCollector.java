package io.sirsi.mcp.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.util.ExpandableStringEnum;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceUtils;
import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.RelationshipType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns Resource Manager and Blob service answers for one subscription into the inventory, under the
 * same types and property names as the demo estates (the API's own names). The readers of each service
 * add resources through it; edges wait until {@link #link()}, so that one whose other end was not
 * collected (filtered out) is left out. Both ends are matched without regard to case: Resource Manager
 * ids are case-insensitive, and references between resources often differ in case from the ids.
 */
final class AzureCollector {
    private record Edge(String from, String type, String to) {}

    private final AzureClients clients;
    private final EstateBuilder builder;
    private final Account account;
    private final String scope;
    private final Optional<String> region;
    private final Set<String> types;
    private final Map<String, String> collected = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, List<String>> guardedBy = new LinkedHashMap<>();
    private final Map<String, List<String>> nicSubnets = new LinkedHashMap<>();
    private final Map<String, List<String>> vmNics = new LinkedHashMap<>();

    AzureCollector(
            AzureClients clients, EstateBuilder builder, Account account, Optional<String> region, Set<String> types) {
        this.clients = clients;
        this.builder = builder;
        this.account = account;
        this.scope = "subscription " + account.name() + " (" + account.id() + ")";
        this.region = region;
        this.types = types;
    }

    int resourceGroups() {
        if (!wanted("azure.resources.resource-group")) {
            return 0;
        }
        var resources = arm().genericResources().manager().serviceClient();
        int before = count();
        for (var group : list(
                "listing resource groups", () -> resources.getResourceGroups().list())) {
            if (in(group.location())) {
                var draft =
                        add("azure.resources.resource-group", group.id(), group.location(), group.name(), group.tags());
                prop(
                        draft,
                        "provisioningState",
                        group.properties() == null ? null : group.properties().provisioningState());
            }
        }
        return count() - before;
    }

    int network() {
        return new NetworkReader(this).read();
    }

    int compute() {
        return new ComputeReader(this).read();
    }

    int sql() {
        return new DataServicesReader(this).sql();
    }

    int storage() {
        return new DataServicesReader(this).storage();
    }

    // What the readers share.

    AzureClients clients() {
        return clients;
    }

    AzureResourceManager arm() {
        return clients.arm(account.id());
    }

    boolean wanted(String type) {
        return types.isEmpty() || types.contains(type);
    }

    /** Whether a location is in the region asked for (all of them when none was). */
    boolean in(String location) {
        return region.isEmpty() || region.get().equalsIgnoreCase(location == null ? "global" : location);
    }

    /** Lists every page of a collection, naming the operation if it fails. */
    <T> List<T> list(String what, Supplier<PagedIterable<T>> call) {
        return AzureSource.call(what, scope, () -> call.get().stream().toList());
    }

    /** One call, naming the operation if it fails. */
    <T> T read(String what, Supplier<T> call) {
        return AzureSource.call(what, scope, call);
    }

    /** How many resources were collected so far. */
    int count() {
        return collected.size();
    }

    EstateBuilder.Draft add(String type, String id, String location, String name, Map<String, String> tags) {
        collected.put(key(id), id);
        var draft = builder.add(type, id, account.id(), location == null ? "global" : location, name);
        if (tags != null) {
            tags.forEach(draft::tag);
        }
        return draft;
    }

    void edge(String from, String type, String to) {
        edges.add(new Edge(from, type, to));
    }

    /** An NSG applies to a subnet or a network interface. */
    void guards(String nsg, String subnetOrNic) {
        guardedBy.computeIfAbsent(key(subnetOrNic), k -> new ArrayList<>()).add(nsg);
    }

    /** A network interface has addresses in these subnets. */
    void sitsIn(String nic, List<String> subnets) {
        nicSubnets.put(key(nic), subnets);
    }

    /** A VM uses these network interfaces. */
    void uses(String vm, List<String> nics) {
        vmNics.put(vm, nics);
    }

    /** Sets a property unless the API left it out. */
    static void prop(EstateBuilder.Draft draft, String key, Object value) {
        if (value != null) {
            draft.prop(key, value);
        }
    }

    /** A JSON object of the pairs whose value is present, in order; enumerations become their wire text. */
    static Map<String, Object> obj(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())) {
                map.put(
                        (String) pairs[i],
                        value instanceof Enum<?> || value instanceof ExpandableStringEnum<?>
                                ? value.toString()
                                : value);
            }
        }
        return map;
    }

    /** The wire text of an enumeration, or null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The resource group in a resource id. */
    static String group(String id) {
        return ResourceUtils.groupFromResourceId(id);
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** Adds the edges whose both ends were collected, and the NSGs that govern each VM through its interfaces. */
    void link() {
        vmNics.forEach((vm, nics) -> {
            for (String nic : nics) {
                guardedBy
                        .getOrDefault(key(nic), List.of())
                        .forEach(nsg -> edge(vm, RelationshipType.MEMBER_OF_SECURITY_GROUP, nsg));
                for (String subnet : nicSubnets.getOrDefault(key(nic), List.of())) {
                    guardedBy
                            .getOrDefault(key(subnet), List.of())
                            .forEach(nsg -> edge(vm, RelationshipType.MEMBER_OF_SECURITY_GROUP, nsg));
                }
            }
        });
        Set<String> seen = new HashSet<>();
        for (Edge e : edges) {
            String from = collected.get(key(e.from()));
            String to = collected.get(key(e.to()));
            if (from != null && to != null && seen.add(key(from) + "|" + e.type() + "|" + key(to))) {
                builder.edge(from, e.type(), to);
            }
        }
    }
}
