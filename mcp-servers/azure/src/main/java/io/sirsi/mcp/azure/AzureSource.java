package io.sirsi.mcp.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.AzureException;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import com.azure.resourcemanager.resources.models.Subscription;
import com.azure.storage.blob.models.BlobStorageException;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.kit.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Azure estate, read through the Azure SDK for Java: Resource Manager for subscriptions, networks,
 * compute, SQL and storage accounts, and the Blob service for containers. Credentials come from a
 * service principal in the environment or the default credential chain. Read-only calls only.
 */
final class AzureSource implements InventorySource {
    /** The types this source collects. */
    static final Set<String> TYPES = new TreeSet<>(List.of(
            "azure.subscription",
            "azure.resources.resource-group",
            "azure.network.vnet",
            "azure.network.subnet",
            "azure.network.nsg",
            "azure.network.nic",
            "azure.compute.vm",
            "azure.compute.disk",
            "azure.compute.vmss",
            "azure.compute.vmss-instance",
            "azure.sql.server",
            "azure.sql.firewall-rule",
            "azure.sql.database",
            "azure.storage.account",
            "azure.storage.container"));

    private static final String DEMO = "use --estate tvfone for the demo estate";
    /** Error codes of Resource Manager and Storage that mean the token itself was not accepted. */
    private static final Set<String> REJECTED_CREDENTIALS = Set.of(
            "InvalidAuthenticationToken",
            "ExpiredAuthenticationToken",
            "InvalidAuthenticationTokenTenant",
            "AuthenticationFailed",
            "InvalidAuthenticationInfo");

    private static final Pattern STORAGE_DETAIL =
            Pattern.compile("<AuthenticationErrorDetail>([^<]*)</AuthenticationErrorDetail>");
    private static final Pattern STORAGE_MESSAGE = Pattern.compile("<Message>([^<\\n]*)");

    private final AzureClients clients;
    private final Optional<String> onlySubscription;
    private final String description;
    private volatile List<Account> accounts;

    AzureSource(AzureClients clients, Optional<String> onlySubscription, String description) {
        this.clients = clients;
        this.onlySubscription = onlySubscription;
        this.description = description;
    }

    /** The source the command line asks for: {@code --subscription}, {@code --tenant}, {@code --endpoint-url}. */
    static InventorySource fromEnvironment(ServerOptions options) {
        return fromEnvironment(options, System.getenv());
    }

    /** The same, with the environment given (the service principal variables). */
    static InventorySource fromEnvironment(ServerOptions options, Map<String, String> env) {
        Optional<String> tenant = options.extra("tenant");
        Optional<URI> endpoint = options.extra("endpoint-url").map(AzureSource::endpoint);
        String clientId = env.get("AZURE_CLIENT_ID");
        String secret = env.get("AZURE_CLIENT_SECRET");
        Optional<String> secretTenant = tenant.or(() -> Optional.ofNullable(env.get("AZURE_TENANT_ID")));
        Supplier<HttpClient> http = () -> new JdkHttpClientBuilder()
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        Function<HttpClient, TokenCredential> credential;
        String what;
        if (secret != null && !secret.isBlank()) {
            if (clientId == null || clientId.isBlank() || secretTenant.isEmpty()) {
                throw new SourceException("AZURE_CLIENT_SECRET is set but "
                        + (clientId == null || clientId.isBlank() ? "AZURE_CLIENT_ID is not" : "no tenant is")
                        + ": a service principal needs AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID "
                        + "(or --tenant); unset AZURE_CLIENT_SECRET to use the default credential chain, or "
                        + DEMO);
            }
            credential = client -> new ClientSecretCredentialBuilder()
                    .clientId(clientId)
                    .clientSecret(secret)
                    .tenantId(secretTenant.get())
                    .httpClient(client)
                    .build();
            what = "Azure (service principal " + clientId + ")";
        } else {
            credential = client -> {
                var builder = new DefaultAzureCredentialBuilder().httpClient(client);
                tenant.ifPresent(builder::tenantId);
                return builder.build();
            };
            what = "Azure (default credential chain"
                    + tenant.map(t -> ", tenant " + t).orElse("") + ")";
        }
        var clients = new AzureClients(credential, tenant, endpoint, http, Duration.ofMillis(800));
        return new AzureSource(clients, options.extra("subscription"), what);
    }

    private static URI endpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceException("--endpoint-url is not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new SourceException("--endpoint-url must be an https:// URL (the Azure SDK sends tokens over HTTPS "
                    + "only), not " + url);
        }
        return uri;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public List<Account> accounts() {
        List<Account> known = accounts;
        if (known == null) {
            String where = "Resource Manager " + clients.endpoint().getHost();
            List<Subscription> subscriptions = onlySubscription
                    .map(id -> List.of(call("reading subscription " + id, where, () -> clients.arm()
                            .subscriptions()
                            .getById(id))))
                    .orElseGet(() ->
                            call("listing subscriptions", where, () -> clients.arm().subscriptions().list().stream()
                                    .toList()));
            if (subscriptions.isEmpty()) {
                throw new SourceException(
                        "The Azure credential sees no subscription: grant it the Reader role on one, or " + DEMO);
            }
            known = subscriptions.stream()
                    .map(s -> new Account(s.subscriptionId(), s.displayName(), regions(s)))
                    .toList();
            accounts = known;
        }
        return known;
    }

    /** The locations a subscription uses: those of its resource groups and resources. */
    private List<String> regions(Subscription subscription) {
        String scope = "subscription " + subscription.displayName();
        ResourceManagementClient resources = clients.arm(subscription.subscriptionId())
                .genericResources()
                .manager()
                .serviceClient();
        List<String> locations = new ArrayList<>();
        call("listing resource groups", scope, () -> resources.getResourceGroups().list().stream()
                        .toList())
                .forEach(g -> locations.add(g.location()));
        call("listing resources", scope, () -> resources.getResources().list().stream()
                        .toList())
                .forEach(r -> locations.add(r.location()));
        Set<String> regions = new TreeSet<>();
        locations.stream()
                .filter(l -> l != null && !l.equalsIgnoreCase("global"))
                .forEach(regions::add);
        return List.copyOf(regions);
    }

    @Override
    public Inventory collect(Account account, Optional<String> region, Set<String> types, Progress progress) {
        Instant now = Instant.now();
        var builder = new EstateBuilder("azure", "sdk:azure", "azure-" + now, now);
        builder.account(account.id(), account.name(), account.regions());
        var collector = new AzureCollector(clients, builder, account, region, types);
        var steps = new ArrayList<Map.Entry<String, IntSupplier>>();
        steps.add(Map.entry("resource groups", collector::resourceGroups));
        steps.add(Map.entry("network resources", collector::network));
        steps.add(Map.entry("compute resources", collector::compute));
        steps.add(Map.entry("SQL resources", collector::sql));
        steps.add(Map.entry("storage resources", collector::storage));
        int done = 0;
        for (var step : steps) {
            progress.checkCancelled();
            int count = step.getValue().getAsInt();
            progress.step(
                    ++done,
                    steps.size(),
                    "Collected " + count + " " + step.getKey() + " in " + account.name()
                            + region.map(r -> " / " + r).orElse(""));
        }
        collector.link();
        return builder.build();
    }

    /** Runs SDK calls, turning their failures (not this code's own) into messages a user can act on. */
    static <T> T call(String operation, String scope, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            if (cause(e, AzureException.class).isPresent()
                    || cause(e, IOException.class).isPresent()) {
                throw failure(operation, scope, e);
            }
            throw e;
        }
    }

    private static SourceException failure(String operation, String scope, RuntimeException e) {
        var unavailable = cause(e, CredentialUnavailableException.class);
        if (unavailable.isPresent()) {
            return new SourceException("No usable Azure credentials: "
                    + firstLine(unavailable.get().getMessage())
                    + " Sign in with `az login`, set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID, run "
                    + "with a managed identity, or " + DEMO);
        }
        var http = cause(e, HttpResponseException.class).filter(h -> h.getResponse() != null);
        if (http.isPresent()) {
            int status = http.get().getResponse().getStatusCode();
            String code = "";
            String message = firstLine(http.get().getMessage());
            if (http.get() instanceof ManagementException m && m.getValue() != null) {
                code = String.valueOf(m.getValue().getCode());
                message = firstLine(m.getValue().getMessage());
            } else if (http.get() instanceof BlobStorageException b) {
                code = String.valueOf(b.getErrorCode());
                message = storageMessage(String.valueOf(b.getMessage()));
            }
            String what = operation + " in " + scope + " (" + code + (code.isEmpty() ? "" : ", ") + "HTTP " + status
                    + "): " + message;
            if (status == 401 || REJECTED_CREDENTIALS.contains(code)) {
                return new SourceException("Azure rejected the credentials for " + what
                        + " Sign in again (`az login`) or check the service principal, or " + DEMO);
            }
            if (status == 403) {
                String role = http.get() instanceof BlobStorageException
                        ? "the Storage Blob Data Reader role on the storage account (or leave azure.storage.container "
                                + "out of the types)"
                        : "the Reader role on the subscription";
                return new SourceException("Azure refused " + what + " Grant the identity " + role + ", or " + DEMO);
            }
            return new SourceException("Azure error while " + what, e);
        }
        var signIn = cause(e, ClientAuthenticationException.class);
        if (signIn.isPresent()) {
            return new SourceException("Azure sign-in failed for " + operation + ": "
                    + firstLine(signIn.get().getMessage()) + " Check the credentials, or " + DEMO);
        }
        if (cause(e, IOException.class).isPresent()) {
            return new SourceException(
                    "Cannot reach Azure for " + operation + " in " + scope + ": " + firstLine(e.getMessage()), e);
        }
        return new SourceException("Azure " + operation + " in " + scope + " failed: " + firstLine(e.getMessage()), e);
    }

    /**
     * What the Blob service said: its error's detail or first message line (the SDK's own text before it is
     * advice about shared keys and SAS, which this source does not use).
     */
    private static String storageMessage(String text) {
        Matcher detail = STORAGE_DETAIL.matcher(text);
        if (detail.find()) {
            return firstLine(detail.group(1));
        }
        Matcher message = STORAGE_MESSAGE.matcher(text);
        return message.find() ? firstLine(message.group(1)) : firstLine(text);
    }

    private static <X extends Throwable> Optional<X> cause(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int cut = text.indexOf('\n');
        String line = (cut < 0 ? text : text.substring(0, cut)).strip();
        line = line.length() > 400 ? line.substring(0, 400) + "..." : line;
        return line.endsWith(".") ? line : line + ".";
    }
}
