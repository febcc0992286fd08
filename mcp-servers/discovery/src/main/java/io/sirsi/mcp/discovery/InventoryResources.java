package io.sirsi.mcp.discovery;

import io.modelcontextprotocol.spec.McpSchema;
import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.Completer;
import io.sirsi.mcp.kit.KitResource;
import io.sirsi.mcp.kit.KitResourceTemplate;
import io.sirsi.mcp.kit.KitServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The last inventory of each tenant as an MCP resource ({@code aws://111122223333/inventory}), with a
 * template for any tenant. Reading one that was never discovered discovers it.
 */
final class InventoryResources {
    private InventoryResources() {}

    static void register(KitServer.Builder server, Provider provider, InventorySource source, DiscoveryTools tools) {
        List<Account> accounts = source.local() ? source.accounts() : List.of();
        for (Account account : accounts) {
            server.resource(resource(provider, source, tools, account));
        }
        List<String> ids = accounts.stream().map(Account::id).toList();
        server.resourceTemplate(new KitResourceTemplate(
                McpSchema.ResourceTemplate.builder(
                                provider.id() + "://{account}/inventory", provider.tenant() + " inventory")
                        .description("The last inventory of one " + provider.tenant() + ", by id")
                        .mimeType("application/json")
                        .build(),
                (uri, variables) -> source.accounts().stream()
                        .filter(a -> a.id().equals(variables.get("account")))
                        .findFirst()
                        .map(a -> read(uri, a, source, tools)),
                Map.of("account", Completer.of(ids))));
    }

    /** The inventory resource of one tenant. */
    static KitResource resource(Provider provider, InventorySource source, DiscoveryTools tools, Account account) {
        String uri = provider.inventoryUri(account.id());
        return new KitResource(
                McpSchema.Resource.builder(uri, account.name() + " inventory")
                        .description("The last inventory of " + provider.tenant() + " " + account.id() + " ("
                                + account.name() + ")")
                        .mimeType("application/json")
                        .build(),
                () -> read(uri, account, source, tools));
    }

    private static McpSchema.ReadResourceResult read(
            String uri, Account account, InventorySource source, DiscoveryTools tools) {
        // Through the tools, so that a tenant first read here is listed and announced like one discovered.
        Inventory inventory = tools.inventoryOf(account, null);
        String json = new String(InventoryJson.bytes(inventory), StandardCharsets.UTF_8);
        return new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "application/json", json)));
    }
}
