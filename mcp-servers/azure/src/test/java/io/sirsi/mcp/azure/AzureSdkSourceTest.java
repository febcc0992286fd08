package io.sirsi.mcp.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.PublicAccessType;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.sirsi.conformance.Exchange;
import io.sirsi.conformance.HttpConnection;
import io.sirsi.mcp.discovery.DiscoveryServer;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.Provider;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Reachability;
import io.sirsi.mcp.kit.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Azure SDK path, end to end: the real SDK clients authenticate, send, page through {@code nextLink},
 * retry a throttled call and parse, against WireMock replaying Resource Manager's JSON and Azurite serving
 * the Blob service; the result must equal the same small estate written by hand in the inventory format.
 */
class AzureSdkSourceTest {
    private static final String SUBSCRIPTION = "5c8e2a4f-3b1d-4e6a-9f70-2d4c6b8a1e93";
    private static final String TENANT = "7d1f3a5c-9e2b-4c6d-8a0f-1b3c5d7e9f24";
    private static final String SUB = "/subscriptions/" + SUBSCRIPTION;
    private static final String WEB = SUB + "/resourceGroups/rg-small-web/providers/";
    private static final String DATA = SUB + "/resourceGroups/rg-small-data/providers/";
    private static final Map<String, String> ACCOUNTS = Map.of(
            "smallmedia", key("sirsi-small-media-key"),
            "smalllogs", key("sirsi-small-logs-key"));

    @TempDir
    static Path work;

    private static LocalTls tls;
    private static Azurite azurite;
    private WireMockServer arm;

    private static String key(String seed) {
        return Base64.getEncoder().encodeToString((seed + "-0123456789abcdef").getBytes(StandardCharsets.UTF_8));
    }

    /** The SDK's HTTP client, trusting the loopback stand-ins' certificate. */
    private static HttpClient http() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(tls.clientContext())).build();
    }

    /**
     * A fixed, unsigned token shaped like Entra ID's for Azure Storage: Azurite's basic OAuth mode checks
     * its audience, issuer and lifetime; WireMock ignores it.
     */
    private static TokenCredential fakeToken(long notBefore, long expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"aud\":\"https://storage.azure.com\",\"iss\":\"https://sts.windows.net/"
                        + TENANT + "/\",\"iat\":" + notBefore + ",\"nbf\":" + notBefore + ",\"exp\":" + expires
                        + ",\"tid\":\"" + TENANT + "\",\"oid\":\"b7f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}")
                .getBytes(StandardCharsets.UTF_8));
        String token = header + "." + claims + ".c2lnbmF0dXJl";
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    private static TokenCredential validToken() {
        long now = System.currentTimeMillis() / 1000;
        return fakeToken(now - 300, now + 3600);
    }

    @BeforeAll
    static void startAzurite() throws IOException, InterruptedException {
        tls = LocalTls.create(work);
        azurite = Azurite.start(tls, ACCOUNTS, work);
        // Real containers in the emulator, made with the account key as an operator would.
        for (String[] c : new String[][] {
            {"smallmedia", "masters", ""},
            {"smallmedia", "promos", "container"},
            {"smallmedia", "thumbs", "blob"},
            {"smalllogs", "insights-logs", ""}
        }) {
            var service = new BlobServiceClientBuilder()
                    .endpoint(azurite.endpoint() + "/" + c[0])
                    .credential(new StorageSharedKeyCredential(c[0], ACCOUNTS.get(c[0])))
                    .httpClient(http())
                    .buildClient();
            service.createBlobContainerWithResponse(
                    c[1], null, c[2].isEmpty() ? null : PublicAccessType.fromString(c[2]), null);
        }
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    private static String body(String file) {
        try (InputStream in = AzureSdkSourceTest.class.getResourceAsStream("/small-azure/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String baseUrl() {
        return "https://127.0.0.1:" + arm.httpsPort();
    }

    /** A Resource Manager GET (path matched without regard to case, as Resource Manager does) answered from a file. */
    private MappingBuilder armGet(String path, int status, String file) {
        return get(urlPathMatching("(?i)" + path.replace(".", "\\.")))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("x-ms-ratelimit-remaining-subscription-reads", "11999")
                        .withBody(body(file).replace("{{arm}}", baseUrl()).replace("{{azurite}}", azurite.endpoint())));
    }

    private void stub(String path, String file) {
        arm.stubFor(armGet(path, 200, file));
    }

    @BeforeEach
    void startResourceManager() {
        arm = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(tls.keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(tls.password())
                .keyManagerPassword(tls.password()));
        arm.start();
        stub("/subscriptions", "subscriptions.json");
        stub(SUB + "/resourcegroups", "resource-groups.json");
        stub(SUB + "/resources", "resources.json");
        stub(SUB + "/providers/Microsoft.Network/virtualNetworks", "virtual-networks.json");
        stub(SUB + "/providers/Microsoft.Network/networkSecurityGroups", "network-security-groups.json");
        stub(SUB + "/providers/Microsoft.Network/networkInterfaces", "network-interfaces.json");
        String vms = SUB + "/providers/Microsoft.Compute/virtualMachines";
        arm.stubFor(armGet(vms, 200, "virtual-machines-page1.json").atPriority(5));
        arm.stubFor(armGet(vms, 200, "virtual-machines-page2.json")
                .withQueryParam("$skiptoken", equalTo("page-2"))
                .atPriority(1));
        arm.stubFor(armGet(vms, 200, "virtual-machines-status.json")
                .withQueryParam("statusOnly", equalTo("true"))
                .atPriority(1));
        stub(SUB + "/providers/Microsoft.Compute/disks", "disks.json");
        stub(SUB + "/providers/Microsoft.Compute/virtualMachineScaleSets", "virtual-machine-scale-sets.json");
        stub(
                WEB + "Microsoft.Compute/virtualMachineScaleSets/vmss-small/virtualMachines",
                "virtual-machine-scale-set-vms.json");
        stub(SUB + "/providers/Microsoft.Sql/servers", "sql-servers.json");
        stub(DATA + "Microsoft.Sql/servers/sql-small/firewallRules", "sql-firewall-rules.json");
        stub(DATA + "Microsoft.Sql/servers/sql-small/databases", "sql-databases.json");
        stub(
                DATA + "Microsoft.Sql/servers/sql-small/databases/orders/transparentDataEncryption/current",
                "sql-tde-orders.json");
        stub(SUB + "/providers/Microsoft.Storage/storageAccounts", "storage-accounts.json");
    }

    @AfterEach
    void stopResourceManager() {
        arm.stop();
    }

    private AzureSource source(TokenCredential credential) {
        return source(credential, Optional.empty());
    }

    private AzureSource source(TokenCredential credential, Optional<String> subscription) {
        var clients = new AzureClients(
                http -> credential,
                Optional.of(TENANT),
                Optional.of(URI.create(baseUrl())),
                AzureSdkSourceTest::http,
                Duration.ofMillis(10));
        return new AzureSource(clients, subscription, "Azure (wire stub)");
    }

    private static final InventorySource.Progress QUIET = new InventorySource.Progress() {
        @Override
        public void step(int done, int total, String message) {}

        @Override
        public void checkCancelled() {}
    };

    private static Inventory collect(InventorySource source) {
        return source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET);
    }

    @Test
    void theSdkPathReadsTheSameEstateAsTheHandWrittenFile() throws IOException {
        InventorySource source = source(validToken());
        var account = source.accounts().get(0);
        assertEquals(SUBSCRIPTION, account.id());
        assertEquals("sirsi-small", account.name());
        assertEquals(List.of("northeurope", "westeurope"), account.regions());
        Inventory collected = collect(source);
        Inventory expected;
        try (InputStream in = getClass().getResourceAsStream("/small-azure/expected-inventory.json")) {
            expected = InventoryJson.read(in.readAllBytes());
        }
        assertEquals(
                InventoryJson.comparable(expected).toPrettyString(),
                InventoryJson.comparable(collected).toPrettyString());
        assertTrue(InventoryJson.violations(InventoryJson.tree(collected)).isEmpty());
    }

    @Test
    void pagesThroughVirtualMachinesAndRetriesAThrottledCall() {
        // Compute throttles the first disk listing: 429 with Retry-After, which the SDK's retry policy honours.
        String disks = "(?i)" + SUB + "/providers/Microsoft.Compute/disks";
        arm.stubFor(get(urlPathMatching(disks))
                .atPriority(1)
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("Retry-After", "1")
                        .withHeader("x-ms-ratelimit-remaining-resource", "Microsoft.Compute/GetDisksSubscription3Min;0")
                        .withBody(body("throttled.json"))));
        Inventory collected = collect(source(validToken()));
        assertEquals(
                3,
                collected.resources().stream()
                        .filter(r -> r.type().equals("azure.compute.vm"))
                        .count());
        String vms = "(?i)" + SUB + "/providers/Microsoft.Compute/virtualMachines";
        arm.verify(1, getRequestedFor(urlPathMatching(vms)).withQueryParam("$skiptoken", equalTo("page-2")));
        arm.verify(3, getRequestedFor(urlPathMatching(vms)));
        assertEquals(
                3,
                collected.resources().stream()
                        .filter(r -> r.type().equals("azure.compute.disk"))
                        .count());
        List<Long> diskCalls = arm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().toLowerCase(Locale.ROOT).contains("/microsoft.compute/disks"))
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
        assertEquals(2, diskCalls.size(), "the throttled call and its retry");
        assertTrue(diskCalls.get(1) - diskCalls.get(0) >= 900, "the retry waited for Retry-After: " + diskCalls);
    }

    @Test
    void oneSubscriptionIsReadByItsId() {
        stub(SUB, "subscription.json");
        var accounts = source(validToken(), Optional.of(SUBSCRIPTION)).accounts();
        assertEquals(
                List.of("sirsi-small"), accounts.stream().map(a -> a.name()).toList());
        arm.verify(0, getRequestedFor(urlPathMatching("/subscriptions")));
        arm.verify(1, getRequestedFor(urlPathMatching(SUB)));
    }

    @Test
    void aRegionLimitsTheCollection() {
        InventorySource source = source(validToken());
        Inventory north = source.collect(source.accounts().get(0), Optional.of("northeurope"), Set.of(), QUIET);
        assertEquals(
                Set.of(
                        "azure.subscription/sirsi-small",
                        "azure.storage.account/smalllogs",
                        "azure.storage.container/insights-logs"),
                new TreeSet<>(north.resources().stream()
                        .map(r -> r.type() + "/" + r.name())
                        .toList()));
    }

    @Test
    void chosenTypesKeepTheEdgesBetweenThem() {
        InventorySource source = source(validToken());
        Inventory some = source.collect(
                source.accounts().get(0), Optional.empty(), Set.of("azure.compute.vm", "azure.network.nsg"), QUIET);
        assertEquals(
                Set.of("azure.compute.vm", "azure.network.nsg", "azure.subscription"),
                new TreeSet<>(some.resources().stream().map(r -> r.type()).toList()));
        // Which NSGs govern a VM comes from its interfaces and subnets, read even though they are not kept.
        assertEquals(
                Set.of("vm-small-web-01 -> nsg-web", "vm-small-web-01 -> nsg-web-01", "vm-small-web-02 -> nsg-web"),
                new TreeSet<>(some.relationships().stream()
                        .filter(e -> e.type().equals("member-of-security-group"))
                        .map(e -> e.from().substring(e.from().lastIndexOf('/') + 1) + " -> "
                                + e.to().substring(e.to().lastIndexOf('/') + 1))
                        .toList()));
        arm.verify(0, getRequestedFor(urlPathMatching("(?i)" + SUB + "/providers/Microsoft.Storage/storageAccounts")));
    }

    @Test
    void reachabilityReadsTheSubnetAndInterfaceRules() {
        var reach = new Reachability(collect(source(validToken())));
        String web1 = WEB + "Microsoft.Compute/virtualMachines/vm-small-web-01";
        String web2 = WEB + "Microsoft.Compute/virtualMachines/vm-small-web-02";
        // The office may SSH to web-02, but web-01's interface NSG lets only HTTPS in from outside the VNet;
        // the internet reaches neither on 22 (service tags such as VirtualNetwork may, by the default rules).
        Set<String> ssh2 = peers(reach.inbound(web2, "tcp", 22));
        Set<String> ssh1 = peers(reach.inbound(web1, "tcp", 22));
        assertTrue(ssh2.contains("203.0.113.0/24") && !ssh2.contains(Reachability.INTERNET), ssh2.toString());
        assertTrue(!ssh1.contains("203.0.113.0/24") && !ssh1.contains(Reachability.INTERNET), ssh1.toString());
        assertTrue(
                reach.inbound(web1, "tcp", 443).stream().anyMatch(g -> g.peer().equals(Reachability.INTERNET)));
        // Prefix lists and port ranges are read as well as single values.
        assertEquals(
                Set.of("198.51.100.10/32", "198.51.100.11/32"),
                new TreeSet<>(peers(reach.inbound(web2, "tcp", 9250)).stream()
                        .filter(p -> p.startsWith("198."))
                        .toList()));
        // A deny from anywhere at priority 120 closes RDP to every source.
        assertEquals(Set.of(), peers(reach.inbound(web2, "tcp", 3389)));
    }

    private static Set<String> peers(List<Reachability.Grant> grants) {
        return new TreeSet<>(grants.stream().map(Reachability.Grant::peer).toList());
    }

    @Test
    void containersComeFromTheBlobServiceWithTheirAccessLevels() {
        Inventory collected = collect(source(validToken()));
        Map<String, String> access = new TreeMap<>();
        collected.resources().stream()
                .filter(r -> r.type().equals("azure.storage.container"))
                .forEach(r -> access.put(r.name(), r.text("publicAccess").orElse("?")));
        assertEquals(
                Map.of("insights-logs", "None", "masters", "None", "promos", "Container", "thumbs", "Blob"), access);
    }

    @Test
    void refusedAccessNamesTheMissingPermission() {
        arm.stubFor(armGet(SUB + "/providers/Microsoft.Compute/virtualMachines", 403, "authorization-failed.json")
                .atPriority(0));
        InventorySource source = source(validToken());
        var error = assertThrows(SourceException.class, () -> collect(source));
        String message = error.getMessage();
        assertTrue(message.startsWith("Azure refused listing virtual machine power states"), message);
        assertTrue(message.contains("AuthorizationFailed, HTTP 403"), message);
        assertTrue(message.contains("'Microsoft.Compute/virtualMachines/read'"), message);
        assertTrue(message.contains("Reader role"), message);
        assertTrue(message.contains("--estate tvfone"), message);
        assertFalse(message.contains("\tat "), "no stack trace in the message");
    }

    @Test
    void rejectedTokenGivesAClearMessage() {
        arm.stubFor(get(urlPathMatching("/subscriptions"))
                .atPriority(0)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader(
                                "WWW-Authenticate",
                                "Bearer authorization_uri=\"https://login.windows.net/" + TENANT
                                        + "\", error=\"invalid_token\", error_description=\"The access token is invalid.\"")
                        .withBody(body("invalid-token.json"))));
        var error =
                assertThrows(SourceException.class, () -> source(validToken()).accounts());
        String message = error.getMessage();
        assertTrue(message.startsWith("Azure rejected the credentials for listing subscriptions"), message);
        assertTrue(message.contains("InvalidAuthenticationToken, HTTP 401): The access token is invalid."), message);
        assertTrue(message.contains("--estate tvfone"), message);
    }

    @Test
    void aTokenTheBlobServiceRejectsNamesTheStorageAccount() {
        long now = System.currentTimeMillis() / 1000;
        var error = assertThrows(SourceException.class, () -> collect(source(fakeToken(now - 7200, now - 3600))));
        String message = error.getMessage();
        assertTrue(
                message.startsWith("Azure rejected the credentials for listing the blob containers of storage account "
                        + "smallmedia"),
                message);
        assertTrue(
                message.contains("(AuthenticationFailed, HTTP 403): Lifetime validation failed. The token is expired."),
                message);
        assertFalse(message.contains("StorageSharedKeyCredential"), message);
    }

    @Test
    void missingCredentialsGiveAClearMessage() {
        TokenCredential environment = new EnvironmentCredentialBuilder()
                .configuration(new ConfigurationBuilder().build())
                .build();
        var attempts = new AtomicInteger();
        TokenCredential nothing = request -> {
            attempts.incrementAndGet();
            return environment.getToken(request);
        };
        var error = assertThrows(SourceException.class, () -> source(nothing).accounts());
        String message = error.getMessage();
        assertTrue(message.startsWith("No usable Azure credentials: EnvironmentCredential"), message);
        assertTrue(message.contains("az login"), message);
        assertTrue(message.contains("AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID"), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertEquals(0, arm.getAllServeEvents().size(), "nothing is sent without a token");
        assertEquals(1, attempts.get(), "a credential that cannot sign in is not retried");
    }

    @Test
    void anIncompleteServicePrincipalIsRefusedAtStart() {
        var options = ServerOptions.parse(new String[] {}, "subscription", "tenant", "endpoint-url");
        var error = assertThrows(
                SourceException.class,
                () -> AzureSource.fromEnvironment(options, Map.of("AZURE_CLIENT_SECRET", "s3cret")));
        assertTrue(error.getMessage().startsWith("AZURE_CLIENT_SECRET is set but AZURE_CLIENT_ID is not"));
        var plainHttp = ServerOptions.parse(
                new String[] {"--endpoint-url", "http://127.0.0.1:1"}, "subscription", "tenant", "endpoint-url");
        var insecure = assertThrows(SourceException.class, () -> AzureSource.fromEnvironment(plainHttp, Map.of()));
        assertTrue(insecure.getMessage().startsWith("--endpoint-url must be an https:// URL"), insecure.getMessage());
    }

    @Test
    void theRealSourceStartsWithoutContactingAzure() {
        var options = ServerOptions.parse(
                new String[] {"--endpoint-url", baseUrl(), "--tenant", TENANT},
                "subscription",
                "tenant",
                "endpoint-url");
        InventorySource source = AzureSource.fromEnvironment(options, Map.of());
        assertEquals("Azure (default credential chain, tenant " + TENANT + ")", source.describe());
        Main.server(options);
        assertEquals(0, arm.getAllServeEvents().size());
    }

    @Test
    void theDiscoveryToolsWorkOnTheSdkEstate() {
        var server = DiscoveryServer.build(Provider.AZURE, source(validToken()), Main.VERSION)
                .startHttp(ServerOptions.httpOnFreePort());
        try (var client = HttpConnection.open(server.endpoint())) {
            client.initialize("2025-11-25");
            JsonNode accounts = call(client, "list_subscriptions", "{}").path("accounts");
            assertEquals("sirsi-small", accounts.path(0).path("name").asString());
            JsonNode summary = call(client, "summarize", "{}");
            assertEquals(3, summary.path("byType").path("azure.compute.vm").asInt());
            // SSH from the internet: only the Windows VM, which no NSG guards (the office range is not the internet).
            Set<String> targets = new TreeSet<>();
            call(client, "reachability", "{\"port\":22}")
                    .path("grants")
                    .forEach(g -> targets.add(g.path("targetName").asString()));
            assertEquals(Set.of("vm-small-win-01"), targets);
        } finally {
            server.close();
        }
    }

    private static JsonNode call(HttpConnection client, String tool, String arguments) {
        Exchange answer = client.request(
                "tools/call",
                JsonMapper.shared().readTree("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
        assertFalse(answer.isError(), answer.errorMessage());
        JsonNode result = answer.result();
        assertFalse(
                result.path("isError").asBoolean(false),
                tool + " failed: " + result.path("content").path(0).path("text"));
        return result.path("structuredContent");
    }
}
