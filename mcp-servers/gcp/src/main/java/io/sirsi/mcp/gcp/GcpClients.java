package io.sirsi.mcp.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.compute.v1.DisksClient;
import com.google.cloud.compute.v1.DisksSettings;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.RegionsClient;
import com.google.cloud.compute.v1.RegionsSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.sirsi.mcp.discovery.SourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Google Cloud clients over HTTP/JSON: Compute Engine (REST only) and Cloud Storage (its HTTP
 * transport), sharing one set of credentials, one background executor and retry settings that also
 * retry throttling. Nothing is created, and no credentials are looked up, before the first call. An
 * endpoint override sends every call to one URL, for emulators and wire stubs.
 */
final class GcpClients {
    /** Loads credentials, failing the way Application Default Credentials fail. */
    @FunctionalInterface
    interface CredentialsLoader {
        /** The credentials; an IOException if there are none. */
        GoogleCredentials load() throws IOException;
    }

    /** Read-only access is all discovery needs. */
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform.read-only");

    /** Application Default Credentials, narrowed to read-only scopes where scopes apply. */
    static final CredentialsLoader APPLICATION_DEFAULT =
            () -> GoogleCredentials.getApplicationDefault().createScoped(SCOPES);

    /** Backs off from throttling and server errors for up to two minutes per call. */
    static final RetrySettings RETRY = RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(500))
            .setRetryDelayMultiplier(2.0)
            .setMaxRetryDelayDuration(Duration.ofSeconds(16))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(60))
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(60))
            .setTotalTimeoutDuration(Duration.ofMinutes(2))
            .setMaxAttempts(6)
            .build();

    /** What the client libraries retry: throttling (429) besides unavailability (503) and timeouts. */
    private static final Set<StatusCode.Code> RETRYABLE =
            Set.of(StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED);

    private final CredentialsLoader loader;
    private final Optional<String> endpoint;
    private final RetrySettings retry;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private GoogleCredentials credentials;
    private ScheduledExecutorService background;

    GcpClients(CredentialsLoader loader, Optional<String> endpoint, RetrySettings retry) {
        this.loader = loader;
        this.endpoint = endpoint;
        this.retry = retry;
    }

    /** The credentials, loaded on first use. */
    synchronized GoogleCredentials credentials() {
        if (credentials == null) {
            try {
                credentials = loader.load();
            } catch (IOException e) {
                throw new SourceException("No usable Google Cloud credentials: "
                        + GcpSource.firstLine(String.valueOf(e.getMessage()))
                        + " Run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS "
                        + "to a service-account key file, or use --estate uniedu for the demo estate");
            }
        }
        return credentials;
    }

    /** Retry timers of every Compute client; daemon threads, created on first use. */
    private synchronized ScheduledExecutorService background() {
        if (background == null) {
            background = Executors.newScheduledThreadPool(2, task -> {
                Thread thread = new Thread(task, "sirsi-gcp-client");
                thread.setDaemon(true);
                return thread;
            });
        }
        return background;
    }

    @FunctionalInterface
    private interface Factory<T> {
        T create() throws IOException;
    }

    private <T> T client(String key, Factory<T> factory) {
        @SuppressWarnings("unchecked")
        T client = (T) clients.computeIfAbsent(key, k -> {
            try {
                return factory.create();
            } catch (IOException e) {
                throw new SourceException(
                        "Cannot create the Google Cloud " + k + " client: "
                                + GcpSource.firstLine(String.valueOf(e.getMessage())),
                        e);
            }
        });
        return client;
    }

    private Void retrying(UnaryCallSettings.Builder<?, ?> method) {
        method.setRetryableCodes(RETRYABLE).setRetrySettings(retry);
        return null;
    }

    /** The settings every Compute client shares: credentials, executor, endpoint (retries are set per method). */
    private <S extends ClientSettings<S>, B extends ClientSettings.Builder<S, B>> S compute(B builder)
            throws IOException {
        builder.setCredentialsProvider(FixedCredentialsProvider.create(credentials()))
                .setBackgroundExecutorProvider(FixedExecutorProvider.create(background()));
        endpoint.ifPresent(builder::setEndpoint);
        return builder.build();
    }

    RegionsClient regions() {
        return client(
                "regions",
                () -> RegionsClient.create(
                        compute(RegionsSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    NetworksClient networks() {
        return client(
                "networks",
                () -> NetworksClient.create(
                        compute(NetworksSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    SubnetworksClient subnetworks() {
        return client(
                "subnetworks",
                () -> SubnetworksClient.create(
                        compute(SubnetworksSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    FirewallsClient firewalls() {
        return client(
                "firewalls",
                () -> FirewallsClient.create(
                        compute(FirewallsSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    InstancesClient instances() {
        return client(
                "instances",
                () -> InstancesClient.create(
                        compute(InstancesSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    DisksClient disks() {
        return client(
                "disks",
                () -> DisksClient.create(compute(DisksSettings.newBuilder().applyToAllUnaryMethods(this::retrying))));
    }

    /** Cloud Storage for one project: bucket listings are per project. */
    Storage storage(String project) {
        return client("storage@" + project, () -> {
            var builder = StorageOptions.http()
                    .setProjectId(project)
                    .setCredentials(credentials())
                    .setRetrySettings(retry)
                    .setTransportOptions(HttpTransportOptions.newBuilder()
                            .setConnectTimeout(10_000)
                            .setReadTimeout(60_000)
                            .build());
            endpoint.ifPresent(builder::setHost);
            return builder.build().getService();
        });
    }
}
