package io.sirsi.mcp.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients, one per service and region, sharing credentials, one HTTP client and the standard
 * retry mode (which retries throttling). An endpoint override sends every call to one URL, for
 * LocalStack-style emulators and wire stubs.
 */
final class AwsClients {
    private final AwsCredentialsProvider credentials;
    private final Region home;
    private final Optional<URI> endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    AwsClients(AwsCredentialsProvider credentials, Region home, Optional<URI> endpoint) {
        this.credentials = credentials;
        this.home = home;
        this.endpoint = endpoint;
    }

    Region home() {
        return home;
    }

    private <B extends AwsClientBuilder<B, C>, C> C build(String key, B builder, Region region) {
        @SuppressWarnings("unchecked")
        C client = (C) clients.computeIfAbsent(key + "@" + region.id(), k -> {
            builder.credentialsProvider(credentials)
                    .region(region)
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .retryStrategy(RetryMode.STANDARD)
                            .apiCallTimeout(Duration.ofMinutes(2))
                            .build());
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
        return client;
    }

    StsClient sts() {
        return build("sts", StsClient.builder().httpClient(http), home);
    }

    IamClient iam() {
        return build("iam", IamClient.builder().httpClient(http), Region.AWS_GLOBAL);
    }

    Ec2Client ec2(Region region) {
        return build("ec2", Ec2Client.builder().httpClient(http), region);
    }

    RdsClient rds(Region region) {
        return build("rds", RdsClient.builder().httpClient(http), region);
    }

    ElasticLoadBalancingV2Client elb(Region region) {
        return build("elb", ElasticLoadBalancingV2Client.builder().httpClient(http), region);
    }

    S3Client s3(Region region) {
        return build("s3", S3Client.builder().httpClient(http).forcePathStyle(endpoint.isPresent()), region);
    }
}
