package io.sirsi.mcp.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.inventory.Resource;
import io.sirsi.mcp.kit.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Google Cloud client path, end to end, against WireMock replaying the Compute Engine and Cloud
 * Storage JSON APIs: the real clients authorize, send, page, retry throttled calls and parse; the result
 * must equal the same small estate written by hand in the inventory format.
 */
class GcpSdkSourceTest {
    static final String PROJECT = "sirsi-small";
    static final String COMPUTE = "/compute/v1/projects/" + PROJECT;
    static final String TOKEN = "sirsi-test-token";

    /** Fixed credentials: the clients still add them to every request, as they would a real token. */
    static final GcpClients.CredentialsLoader TEST_CREDENTIALS = FixedToken::new;

    /** Credentials whose token never changes; like real ones, they refresh (to the same token) after a 401. */
    static final class FixedToken extends GoogleCredentials {
        private static final long serialVersionUID = 1L;

        @Override
        public AccessToken refreshAccessToken() {
            return new AccessToken(TOKEN, Date.from(Instant.parse("2100-01-01T00:00:00Z")));
        }
    }

    /** The production retry policy with delays short enough for a test. */
    static final RetrySettings FAST_RETRY = GcpClients.RETRY.toBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(10))
            .setMaxRetryDelayDuration(Duration.ofMillis(50))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .setTotalTimeoutDuration(Duration.ofSeconds(30))
            .build();

    static final InventorySource.Progress QUIET = new InventorySource.Progress() {
        @Override
        public void step(int done, int total, String message) {}

        @Override
        public void checkCancelled() {}
    };

    private WireMockServer google;

    static String body(String file) {
        try (InputStream in = GcpSdkSourceTest.class.getResourceAsStream("/small-gcp/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void json(WireMockServer google, String path, int status, String file) {
        google.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body(file))));
    }

    /** Every call of the small estate, as the Compute Engine and Cloud Storage JSON APIs answer it. */
    static WireMockServer smallEstate() {
        var google = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        google.start();
        json(google, COMPUTE + "/regions", 200, "compute-regions.json");
        json(google, COMPUTE + "/global/networks", 200, "compute-networks.json");
        json(google, COMPUTE + "/aggregated/subnetworks", 200, "compute-subnetworks-aggregated.json");
        json(google, COMPUTE + "/aggregated/disks", 200, "compute-disks-aggregated.json");
        // Firewalls: throttled once (429 RESOURCE_EXHAUSTED), then answered.
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/global/firewalls"))
                .inScenario("throttled firewalls")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-rate-limited.json"))));
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/global/firewalls"))
                .inScenario("throttled firewalls")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-firewalls.json"))));
        // Instances: two pages.
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/aggregated/instances"))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-instances-aggregated-page1.json"))));
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/aggregated/instances"))
                .withQueryParam("pageToken", equalTo("page-2"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-instances-aggregated-page2.json"))));
        // Buckets: two pages.
        google.stubFor(get(urlPathEqualTo("/storage/v1/b"))
                .withQueryParam("project", equalTo(PROJECT))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("storage-buckets-page1.json"))));
        google.stubFor(get(urlPathEqualTo("/storage/v1/b"))
                .withQueryParam("project", equalTo(PROJECT))
                .withQueryParam("pageToken", equalTo("CgxzbWFsbC1hc3NldHM="))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("storage-buckets-page2.json"))));
        // One bucket's IAM policy: a server error once (503), then answered.
        google.stubFor(get(urlPathEqualTo("/storage/v1/b/small-assets/iam"))
                .inScenario("busy storage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("storage-backend-error.json"))));
        google.stubFor(get(urlPathEqualTo("/storage/v1/b/small-assets/iam"))
                .inScenario("busy storage")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("storage-iam-small-assets.json"))));
        json(google, "/storage/v1/b/small-public-site/iam", 200, "storage-iam-small-public-site.json");
        return google;
    }

    /** The options a user would pass to reach the stub. */
    static ServerOptions optionsFor(WireMockServer google, String... more) {
        List<String> args = new ArrayList<>(List.of("--project", PROJECT, "--endpoint-url", google.baseUrl()));
        args.addAll(List.of(more));
        return ServerOptions.parse(args.toArray(String[]::new), "estate", "project", "regions", "endpoint-url");
    }

    @BeforeEach
    void start() {
        google = smallEstate();
    }

    @AfterEach
    void stop() {
        google.stop();
    }

    private InventorySource source() {
        return GcpSource.fromEnvironment(optionsFor(google), TEST_CREDENTIALS, FAST_RETRY);
    }

    private static List<String> ids(Inventory inventory, String type) {
        return inventory.resources().stream()
                .filter(r -> r.type().equals(type))
                .map(Resource::id)
                .sorted()
                .toList();
    }

    @Test
    void theSdkPathReadsTheSameEstateAsTheHandWrittenFile() throws IOException {
        InventorySource source = source();
        var account = source.accounts().get(0);
        assertEquals(PROJECT, account.id());
        assertEquals(List.of("europe-west1", "us-central1"), account.regions());
        Inventory collected = source.collect(account, Optional.empty(), Set.of(), QUIET);
        Inventory expected;
        try (InputStream in = getClass().getResourceAsStream("/small-gcp/expected-inventory.json")) {
            expected = InventoryJson.read(in.readAllBytes());
        }
        assertEquals(
                InventoryJson.comparable(expected).toPrettyString(),
                InventoryJson.comparable(collected).toPrettyString());
        assertTrue(InventoryJson.violations(InventoryJson.tree(collected)).isEmpty());
    }

    @Test
    void pagesAndRetriesThrottledCallsWithTheCredentials() {
        InventorySource source = source();
        Inventory collected = source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET);
        assertEquals(2, ids(collected, "gcp.compute.instance").size());
        assertEquals(2, ids(collected, "gcp.storage.bucket").size());
        google.verify(2, getRequestedFor(urlPathEqualTo(COMPUTE + "/aggregated/instances")));
        google.verify(
                1,
                getRequestedFor(urlPathEqualTo(COMPUTE + "/aggregated/instances"))
                        .withQueryParam("pageToken", equalTo("page-2")));
        google.verify(2, getRequestedFor(urlPathEqualTo("/storage/v1/b")));
        google.verify(2, getRequestedFor(urlPathEqualTo(COMPUTE + "/global/firewalls")));
        google.verify(2, getRequestedFor(urlPathEqualTo("/storage/v1/b/small-assets/iam")));
        int calls = google.getAllServeEvents().size();
        google.verify(calls, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void firewallRulesAnswerReachabilityLikeTheDemoEstate() {
        InventorySource source = source();
        Inventory collected = source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET);
        var reachability = new Reachability(collected);
        String admin = "projects/sirsi-small/zones/europe-west1-c/instances/small-admin-1";
        String web = "projects/sirsi-small/zones/europe-west1-b/instances/small-web-1";
        assertEquals(
                List.of("203.0.113.0/24"),
                reachability.inbound(admin, "tcp", 22).stream()
                        .map(Reachability.Grant::peer)
                        .toList());
        assertEquals(
                List.of(web),
                reachability.inbound(admin, "tcp", 8080).stream()
                        .map(Reachability.Grant::peer)
                        .toList());
        assertEquals(
                List.of(Reachability.INTERNET),
                reachability.inbound(web, "tcp", 443).stream()
                        .map(Reachability.Grant::peer)
                        .toList());
        assertEquals(List.of(), reachability.inbound(web, "tcp", 23));
    }

    @Test
    void secretsInInstanceMetadataStayOutOfTheInventory() {
        InventorySource source = source();
        String document = InventoryJson.tree(
                        source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET))
                .toString();
        assertTrue(document.contains("enable-oslogin"), "login settings are kept");
        assertFalse(document.contains("DB_PASSWORD"), "startup scripts are not");
        assertFalse(document.contains("ssh-ed25519"), "nor are ssh keys");
    }

    @Test
    void regionAndTypeNarrowTheCollection() {
        InventorySource source = source();
        var account = source.accounts().get(0);
        Inventory zonal = source.collect(account, Optional.of("europe-west1"), Set.of("gcp.compute.instance"), QUIET);
        assertEquals(
                List.of("gcp.compute.instance", "gcp.project"),
                zonal.resources().stream()
                        .map(Resource::type)
                        .distinct()
                        .sorted()
                        .toList());
        google.verify(0, getRequestedFor(urlPathEqualTo("/storage/v1/b")));
        Inventory global = source.collect(account, Optional.of("global"), Set.of(), QUIET);
        assertEquals(
                List.of("gcp.compute.firewall", "gcp.compute.network", "gcp.project"),
                global.resources().stream()
                        .map(Resource::type)
                        .distinct()
                        .sorted()
                        .toList());
        Inventory empty = source.collect(account, Optional.of("us-central1"), Set.of(), QUIET);
        assertEquals(
                List.of("gcp.project"),
                empty.resources().stream().map(Resource::type).toList());
        Inventory us = source.collect(account, Optional.of("US"), Set.of("gcp.storage.bucket"), QUIET);
        assertEquals(List.of("projects/_/buckets/small-public-site"), ids(us, "gcp.storage.bucket"));
    }

    @Test
    void refusedPermissionGivesAClearMessage() {
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/regions"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-permission-denied.json"))));
        var error = assertThrows(SourceException.class, () -> source().accounts());
        String message = error.getMessage();
        assertTrue(message.startsWith("Google Cloud refused compute.regions.list in project sirsi-small"), message);
        assertTrue(message.contains("PERMISSION_DENIED, HTTP 403"), message);
        assertTrue(message.contains("Required 'compute.regions.list' permission"), message);
        assertTrue(message.contains("roles/viewer"), message);
        assertTrue(message.contains("--estate uniedu"), message);
        assertFalse(message.contains("\tat ") || message.contains("\n"), "one line, no stack trace: " + message);
        google.verify(1, getRequestedFor(urlPathEqualTo(COMPUTE + "/regions")));
    }

    @Test
    void rejectedCredentialsGiveAClearMessage() {
        google.stubFor(get(urlPathEqualTo(COMPUTE + "/aggregated/instances"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("compute-unauthenticated.json"))));
        InventorySource source = source();
        var account = source.accounts().get(0);
        var error =
                assertThrows(SourceException.class, () -> source.collect(account, Optional.empty(), Set.of(), QUIET));
        String message = error.getMessage();
        assertTrue(
                message.startsWith("Google Cloud rejected the credentials for compute.instances.aggregatedList"),
                message);
        assertTrue(message.contains("UNAUTHENTICATED, HTTP 401"), message);
        assertTrue(message.contains("gcloud auth application-default login"), message);
        assertFalse(message.contains("\tat ") || message.contains("\n"), "one line, no stack trace: " + message);
    }

    @Test
    void refusedBucketListingGivesAClearMessage() {
        google.stubFor(get(urlPathEqualTo("/storage/v1/b"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body("storage-forbidden.json"))));
        InventorySource source = source();
        var account = source.accounts().get(0);
        var error = assertThrows(
                SourceException.class,
                () -> source.collect(account, Optional.empty(), Set.of("gcp.storage.bucket"), QUIET));
        String message = error.getMessage();
        assertTrue(message.startsWith("Google Cloud refused storage.buckets.list in project sirsi-small"), message);
        assertTrue(message.contains("HTTP 403"), message);
        assertTrue(message.contains("Permission 'storage.buckets.list' denied"), message);
        assertFalse(message.contains("\tat ") || message.contains("\n"), "one line, no stack trace: " + message);
    }

    @Test
    void missingApplicationDefaultCredentialsGiveAClearMessage() {
        // The build runs tests without GOOGLE_APPLICATION_CREDENTIALS, with an empty gcloud configuration
        // and without the Compute Engine metadata check: Application Default Credentials find nothing.
        var source = GcpSource.fromEnvironment(optionsFor(google), GcpClients.APPLICATION_DEFAULT, FAST_RETRY);
        var error = assertThrows(SourceException.class, source::accounts);
        String message = error.getMessage();
        assertTrue(message.startsWith("No usable Google Cloud credentials"), message);
        assertTrue(message.contains("gcloud auth application-default login"), message);
        assertTrue(message.contains("GOOGLE_APPLICATION_CREDENTIALS"), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
        assertEquals(0, google.getAllServeEvents().size(), "nothing was sent without credentials");
    }
}
