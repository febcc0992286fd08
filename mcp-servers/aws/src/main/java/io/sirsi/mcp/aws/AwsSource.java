package io.sirsi.mcp.aws;

import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.kit.ServerOptions;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * A real AWS estate, read through the AWS SDK for Java v2 with the default credential chain (or a
 * named profile). One account: the one the credentials belong to. Read-only calls only.
 */
final class AwsSource implements InventorySource {
    /** The types this source collects. */
    static final Set<String> TYPES = new TreeSet<>(List.of(
            "aws.account",
            "aws.ec2.vpc",
            "aws.ec2.subnet",
            "aws.ec2.security-group",
            "aws.ec2.instance",
            "aws.ec2.volume",
            "aws.rds.db-instance",
            "aws.elbv2.load-balancer",
            "aws.elbv2.target-group",
            "aws.s3.bucket",
            "aws.iam.role"));

    private final AwsClients clients;
    private final Optional<List<String>> onlyRegions;
    private final String description;
    private volatile Account account;

    AwsSource(AwsClients clients, Optional<List<String>> onlyRegions, String description) {
        this.clients = clients;
        this.onlyRegions = onlyRegions;
        this.description = description;
    }

    /** The source the command line asks for: {@code --profile}, {@code --regions}, {@code --endpoint-url}. */
    static InventorySource fromEnvironment(ServerOptions options) {
        AwsCredentialsProvider credentials = options.extra("profile")
                .<AwsCredentialsProvider>map(
                        p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Region home = options.extra("regions")
                .map(r -> Region.of(r.split(",")[0].trim()))
                .orElseGet(AwsSource::defaultRegion);
        Optional<URI> endpoint = options.extra("endpoint-url").map(URI::create);
        Optional<List<String>> regions = options.extra("regions").map(r -> List.of(r.split(",")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
        String what =
                "AWS (" + options.extra("profile").map(p -> "profile " + p).orElse("default credential chain") + ")";
        return new AwsSource(new AwsClients(credentials, home, endpoint), regions, what);
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
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
        Account known = account;
        if (known == null) {
            String id = call("sts:GetCallerIdentity", clients.home().id(), () -> clients.sts()
                    .getCallerIdentity()
                    .account());
            String alias = call(
                    "iam:ListAccountAliases",
                    "global",
                    () -> clients.iam().listAccountAliases().accountAliases().stream()
                            .findFirst()
                            .orElse(id));
            List<String> regions = onlyRegions.orElseGet(() -> call(
                    "ec2:DescribeRegions",
                    clients.home().id(),
                    () -> clients.ec2(clients.home()).describeRegions().regions().stream()
                            .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                            .sorted()
                            .toList()));
            known = new Account(id, alias, regions);
            account = known;
        }
        return List.of(known);
    }

    @Override
    public Inventory collect(Account tenant, Optional<String> region, Set<String> types, Progress progress) {
        Instant now = Instant.now();
        var builder = new EstateBuilder("aws", "sdk:aws", "aws-" + now.toString(), now);
        builder.account(tenant.id(), tenant.name(), tenant.regions());
        var collector = new AwsCollector(clients, builder, tenant.id(), types);
        List<String> regions = new ArrayList<>(region.map(List::of).orElse(tenant.regions()));
        boolean global = region.isEmpty() || region.get().equalsIgnoreCase("global");
        regions.removeIf(r -> r.equalsIgnoreCase("global"));
        int total = regions.size() + (global ? 1 : 0);
        int done = 0;
        for (String r : regions) {
            progress.checkCancelled();
            int count = call("ec2/rds/elbv2 describe", r, () -> collector.region(Region.of(r)));
            progress.step(++done, total, "Collected " + count + " resources in " + r);
        }
        if (global) {
            progress.checkCancelled();
            int count = call("s3/iam list", "global", collector::global);
            progress.step(++done, total, "Collected " + count + " global resources (S3, IAM)");
        }
        collector.link();
        return builder.build();
    }

    /** Runs SDK calls, turning their failures into messages a user can act on. */
    static <T> T call(String operation, String region, Supplier<T> body) {
        try {
            return body.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            int status = e.statusCode();
            if (status == 401
                    || status == 403
                    || Set.of(
                                    "AuthFailure",
                                    "UnauthorizedOperation",
                                    "AccessDenied",
                                    "AccessDeniedException",
                                    "InvalidClientTokenId",
                                    "SignatureDoesNotMatch",
                                    "ExpiredToken",
                                    "UnrecognizedClientException")
                            .contains(code)) {
                throw new SourceException(
                        "AWS refused " + operation + " in " + region + " (" + code + ", HTTP " + status
                                + "): the credentials are invalid or lack read access; grant them a read-only policy such as "
                                + "ReadOnlyAccess, or use --estate kulturio for the demo estate");
            }
            throw new SourceException(
                    "AWS " + operation + " in " + region + " failed (" + code + ", HTTP " + status + "): "
                            + (e.awsErrorDetails() == null
                                    ? e.getMessage()
                                    : e.awsErrorDetails().errorMessage()),
                    e);
        } catch (SdkClientException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("credentials") || message.contains("Profile file") || message.contains("profile")) {
                throw new SourceException("No usable AWS credentials: " + firstLine(message) + ". Configure a profile "
                        + "(--profile NAME, or AWS_PROFILE) or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables, "
                        + "or use --estate kulturio for the demo estate");
            }
            throw new SourceException(
                    "Cannot reach AWS for " + operation + " in " + region + ": " + firstLine(message), e);
        } catch (SdkException e) {
            throw new SourceException(
                    "AWS " + operation + " in " + region + " failed: " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static String firstLine(String text) {
        int cut = text.indexOf('\n');
        String line = cut < 0 ? text : text.substring(0, cut);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
