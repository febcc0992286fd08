package io.sirsi.mcp.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The SDK clients: one Resource Manager entry point per subscription and one Blob service client per
 * storage account, sharing a credential, one HTTP client (the JDK's) and retry policies that honour
 * {@code Retry-After} on throttling. An endpoint override sends every Resource Manager call to one URL,
 * for wire stubs. Nothing is built, and nothing contacted, before the first call.
 */
final class AzureClients {
    /** The public cloud's Resource Manager. */
    static final URI PUBLIC_CLOUD = URI.create("https://management.azure.com/");

    private final Function<HttpClient, TokenCredential> credentialFactory;
    private final Optional<String> tenant;
    private final URI endpoint;
    private final Supplier<HttpClient> httpFactory;
    private final Duration retryDelay;
    private final Map<String, AzureResourceManager> managers = new ConcurrentHashMap<>();
    private final Map<String, BlobServiceClient> blobs = new ConcurrentHashMap<>();
    private TokenCredential credential;
    private HttpClient http;
    private AzureResourceManager.Authenticated authenticated;

    /**
     * Clients that build the HTTP client, then the credential (which may use it to sign in), on first use;
     * {@code retryDelay} is the first back-off of a retried call when the service names no delay itself.
     */
    AzureClients(
            Function<HttpClient, TokenCredential> credential,
            Optional<String> tenant,
            Optional<URI> endpoint,
            Supplier<HttpClient> http,
            Duration retryDelay) {
        this.credentialFactory = credential;
        this.tenant = tenant;
        this.endpoint = endpoint.orElse(PUBLIC_CLOUD);
        this.httpFactory = http;
        this.retryDelay = retryDelay;
    }

    /** The Resource Manager URL calls go to, for messages. */
    URI endpoint() {
        return endpoint;
    }

    private synchronized TokenCredential credential() {
        if (credential == null) {
            credential = credentialFactory.apply(http());
        }
        return credential;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = httpFactory.get();
        }
        return http;
    }

    /**
     * Drops the {@code Content-Length: 0} that azure-core puts on requests without a body: the JDK's HTTP
     * client sets that header itself, refuses it from callers, and the SDK's adapter logs a warning for
     * every such request.
     */
    private static final class NoEmptyContentLength extends HttpPipelineSyncPolicy {
        @Override
        protected void beforeSendingRequest(HttpPipelineCallContext context) {
            HttpRequest request = context.getHttpRequest();
            if (request.getBodyAsBinaryData() == null) {
                request.getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
            }
        }
    }

    /** The public cloud's endpoints, with Resource Manager moved to the override (token scopes unchanged). */
    private AzureProfile profile() {
        Map<String, String> endpoints = new LinkedHashMap<>(AzureEnvironment.AZURE.getEndpoints());
        String url = endpoint.toString();
        endpoints.put("resourceManagerEndpointUrl", url.endsWith("/") ? url : url + "/");
        return new AzureProfile(tenant.orElse(null), null, new AzureEnvironment(endpoints));
    }

    /**
     * Resource Manager's retry policy: the SDK's exponential back-off and its choice of what to retry
     * (throttling, timeouts, server errors, I/O failures), except a credential that cannot sign in, which
     * no retry mends: without this, a missing credential is reported only after every back-off.
     */
    private RetryOptions retryOptions() {
        var backoff = new ExponentialBackoffOptions()
                .setMaxRetries(4)
                .setBaseDelay(retryDelay)
                .setMaxDelay(Duration.ofSeconds(30));
        RetryStrategy defaults = new ExponentialBackoff(backoff);
        return new RetryOptions(backoff)
                .setShouldRetryCondition(c -> c.getResponse() != null
                        ? defaults.shouldRetry(c.getResponse())
                        : !signInFailed(c.getThrowable()) && defaults.shouldRetryException(c.getThrowable()));
    }

    private static boolean signInFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException) {
                return true;
            }
        }
        return false;
    }

    /** The entry point that lists subscriptions. */
    synchronized AzureResourceManager.Authenticated arm() {
        if (authenticated == null) {
            authenticated = AzureResourceManager.configure()
                    .withHttpClient(http())
                    .withPolicy(new NoEmptyContentLength())
                    .withRetryOptions(retryOptions())
                    .authenticate(credential(), profile());
        }
        return authenticated;
    }

    /** The entry point of one subscription. */
    AzureResourceManager arm(String subscription) {
        AzureResourceManager.Authenticated base = arm();
        return managers.computeIfAbsent(subscription, base::withSubscription);
    }

    /** The Blob service of one storage account, at the account's blob endpoint as Resource Manager reports it. */
    BlobServiceClient blobs(String blobEndpoint) {
        return blobs.computeIfAbsent(blobEndpoint, url -> new BlobServiceClientBuilder()
                .endpoint(url)
                .credential(credential())
                .httpClient(http())
                .addPolicy(new NoEmptyContentLength())
                .retryOptions(new RequestRetryOptions(
                        RetryPolicyType.EXPONENTIAL, 4, null, retryDelay, Duration.ofSeconds(30), null))
                .buildClient());
    }
}
