package io.sirsi.mcp.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.inventory.Reachability;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS SDK path, end to end, against WireMock replaying the AWS APIs' wire responses: the real SDK
 * clients sign, send, paginate, retry a throttled call and parse; the result must equal the same small
 * estate written by hand in the inventory format.
 */
class AwsSdkSourceTest {
    private WireMockServer aws;

    private static String body(String file) {
        try (InputStream in = AwsSdkSourceTest.class.getResourceAsStream("/small-aws/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void query(String action, String file) {
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body(file))));
    }

    private void s3(String pattern, int status, String file) {
        aws.stubFor(get(urlMatching(pattern))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(body(file))));
    }

    private void s3Denied(String pattern) {
        aws.stubFor(get(urlMatching(pattern))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                                + "<Message>Access Denied</Message><RequestId>5D1E7E6B5B1A4D2C</RequestId>"
                                + "<HostId>hostid</HostId></Error>")));
    }

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        query("GetCallerIdentity", "sts-get-caller-identity.xml");
        query("ListAccountAliases", "iam-list-account-aliases.xml");
        query("ListInstanceProfiles", "iam-list-instance-profiles.xml");
        query("ListRoles", "iam-list-roles.xml");
        query("ListAttachedRolePolicies", "iam-list-attached-role-policies.xml");
        query("DescribeRegions", "ec2-describe-regions.xml");
        query("DescribeVpcs", "ec2-describe-vpcs.xml");
        query("DescribeSubnets", "ec2-describe-subnets.xml");
        query("DescribeSecurityGroups", "ec2-describe-security-groups.xml");
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstances&"))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body("ec2-describe-instances-page1.xml"))));
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("NextToken=page-2"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body("ec2-describe-instances-page2.xml"))));
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeVolumes&"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body("ec2-throttled.xml"))));
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeVolumes&"))
                .inScenario("throttle")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body("ec2-describe-volumes.xml"))));
        query("DescribeDBInstances", "rds-describe-db-instances.xml");
        query("DescribeLoadBalancers", "elb-describe-load-balancers.xml");
        query("DescribeListeners", "elb-describe-listeners.xml");
        query("DescribeTargetGroups", "elb-describe-target-groups.xml");
        query("DescribeTargetHealth", "elb-describe-target-health.xml");
        aws.stubFor(get(urlPathEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(body("s3-list-buckets.xml"))));
        s3("/small-assets\\?(.*&)?location.*", 200, "s3-get-bucket-location.xml");
        s3("/small-assets\\?(.*&)?encryption.*", 200, "s3-get-bucket-encryption.xml");
        s3("/small-assets\\?(.*&)?versioning.*", 200, "s3-get-bucket-versioning.xml");
        s3("/small-assets\\?(.*&)?publicAccessBlock.*", 404, "s3-no-public-access-block.xml");
        s3("/small-assets\\?(.*&)?policyStatus.*", 404, "s3-no-bucket-policy.xml");
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private InventorySource source() {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/EXAMPLEKEY"));
        return new AwsSource(
                new AwsClients(credentials, Region.US_EAST_1, Optional.of(URI.create(aws.baseUrl()))),
                Optional.empty(),
                "AWS (wire stub)");
    }

    private static final InventorySource.Progress QUIET = new InventorySource.Progress() {
        @Override
        public void step(int done, int total, String message) {}

        @Override
        public void checkCancelled() {}
    };

    @Test
    void theSdkPathReadsTheSameEstateAsTheHandWrittenFile() throws IOException {
        InventorySource source = source();
        var account = source.accounts().get(0);
        assertEquals("210987654321", account.id());
        assertEquals("sirsi-small", account.name());
        Inventory collected = source.collect(account, Optional.empty(), Set.of(), QUIET);
        Inventory expected;
        try (InputStream in = getClass().getResourceAsStream("/small-aws/expected-inventory.json")) {
            expected = InventoryJson.read(in.readAllBytes());
        }
        assertEquals(
                InventoryJson.comparable(expected).toPrettyString(),
                InventoryJson.comparable(collected).toPrettyString());
    }

    @Test
    void pagesThroughInstancesAndRetriesAThrottledCall() {
        InventorySource source = source();
        Inventory collected = source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET);
        assertEquals(
                2,
                collected.resources().stream()
                        .filter(r -> r.type().equals("aws.ec2.instance"))
                        .count());
        aws.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances&")));
        aws.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVolumes&")));
        var ssh = new Reachability(collected)
                .inbound("arn:aws:ec2:us-east-1:210987654321:instance/i-0aaa1111bbbb22221", "tcp", 22);
        assertEquals(
                List.of("203.0.113.0/24"),
                ssh.stream().map(Reachability.Grant::peer).toList());
    }

    @Test
    void aBucketSettingHiddenByABucketPolicyIsNamedNotGuessedAndDiscoveryGoesOn() {
        s3Denied("/small-assets\\?(.*&)?policyStatus.*");
        InventorySource source = source();
        Inventory collected = source.collect(source.accounts().get(0), Optional.empty(), Set.of(), QUIET);
        var bucket = collected.resource("arn:aws:s3:::small-assets").orElseThrow();
        assertEquals("[\"policyStatus\"]", bucket.property("accessDenied").toString());
        assertTrue(bucket.property("policyStatus").isMissingNode(), "not guessed as private");
        assertEquals(
                "AES256",
                bucket.property("serverSideEncryption").path("sseAlgorithm").asString());
        assertTrue(collected.resources().size() > 10, "the rest of the estate is there");
    }

    @Test
    void rejectedCredentialsGiveAClearMessage() {
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity&"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(body("sts-invalid-token.xml"))));
        var error = assertThrows(SourceException.class, () -> source().accounts());
        assertTrue(error.getMessage().contains("AWS refused sts:GetCallerIdentity"), error.getMessage());
        assertTrue(error.getMessage().contains("InvalidClientTokenId"), error.getMessage());
        assertTrue(error.getMessage().contains("--estate kulturio"), error.getMessage());
    }

    @Test
    void missingCredentialsGiveAClearMessage() {
        var credentials = ProfileCredentialsProvider.builder()
                .profileName("sirsi-no-such-profile")
                .build();
        var source = new AwsSource(
                new AwsClients(credentials, Region.US_EAST_1, Optional.of(URI.create(aws.baseUrl()))),
                Optional.empty(),
                "AWS");
        var error = assertThrows(SourceException.class, source::accounts);
        assertTrue(error.getMessage().startsWith("No usable AWS credentials"), error.getMessage());
        assertTrue(!error.getMessage().contains("\tat "), "no stack trace in the message");
    }
}
