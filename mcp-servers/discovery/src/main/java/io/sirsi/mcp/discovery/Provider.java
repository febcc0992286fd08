package io.sirsi.mcp.discovery;

/** How a cloud names its tenants, and the URI scheme of its inventory resources. */
public record Provider(String id, String displayName, String tenant, String tenants, String tenantsTool) {
    /** Amazon Web Services: accounts. */
    public static final Provider AWS = new Provider("aws", "AWS", "account", "accounts", "list_accounts");
    /** Microsoft Azure: subscriptions. */
    public static final Provider AZURE =
            new Provider("azure", "Azure", "subscription", "subscriptions", "list_subscriptions");
    /** Google Cloud: projects. */
    public static final Provider GCP = new Provider("gcp", "Google Cloud", "project", "projects", "list_projects");

    /** The inventory resource of one tenant, e.g. {@code aws://111122223333/inventory}. */
    public String inventoryUri(String tenantId) {
        return id + "://" + tenantId + "/inventory";
    }
}
