package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.concat;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * AWS decisions that Terraform, Pulumi and CloudFormation share: the availability zone of each subnet, RDS
 * version names, bucket names, the trust policy of a role, managed policy ARNs, a load balancer's name inside
 * its ARN.
 */
final class IacAws {
    /** A managed policy name, with the path some have ({@code service-role/AmazonEC2RoleforSSM}). */
    private static final Pattern POLICY_NAME = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}");
    /** A policy ARN, AWS managed or the account's own. */
    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}");

    /** Beyond this many subnets, zones simply alternate: the search below tries every placement. */
    private static final int ZONE_SEARCH_MAX = 16;

    private IacAws() {}

    /**
     * The availability zone of {@code subnet}: 0 or 1, the first or second of the region's. Zones alternate
     * within a network, unless that breaks what AWS asks of the resources in the subnets: a load balancer
     * sends traffic only to targets in the zones it has a subnet in, an application load balancer needs two
     * zones, and a DB subnet group needs two. Then the placement closest to alternating that meets them wins.
     */
    static int zone(TargetModel model, String subnet) {
        List<TargetResource> subnets = model.resources().stream()
                .filter(r -> r.kind().equals("subnet"))
                .toList();
        Map<String, Integer> index = new HashMap<>();
        int[] preferred = new int[subnets.size()];
        Map<String, Integer> perNetwork = new HashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            index.put(subnets.get(i).name(), i);
            int nth = perNetwork.merge(IacProps.of(subnets.get(i)).ref("network"), 1, Integer::sum);
            preferred[i] = (nth - 1) % 2;
        }
        List<Predicate<int[]>> rules = zoneRules(model, index);
        int[] best = preferred;
        if (subnets.size() <= ZONE_SEARCH_MAX && !rules.stream().allMatch(rule -> rule.test(preferred))) {
            int bestCost = Integer.MAX_VALUE;
            for (int mask = 0; mask < 1 << subnets.size(); mask++) {
                int[] zones = new int[subnets.size()];
                int cost = 0;
                for (int i = 0; i < zones.length; i++) {
                    zones[i] = mask >> i & 1;
                    cost += zones[i] == preferred[i] ? 0 : 1;
                }
                if (cost < bestCost && rules.stream().allMatch(rule -> rule.test(zones))) {
                    best = zones;
                    bestCost = cost;
                }
            }
        }
        return best[index.get(subnet)];
    }

    private static List<Predicate<int[]>> zoneRules(TargetModel model, Map<String, Integer> index) {
        List<Predicate<int[]>> rules = new ArrayList<>();
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "load-balancer" -> {
                    List<Integer> own = indexes(props.refs("subnets"), index);
                    List<Integer> targets = new ArrayList<>();
                    for (String target : props.refs("targets")) {
                        model.resource(target)
                                .flatMap(vm -> IacProps.of(vm).optionalRef("subnet"))
                                .map(index::get)
                                .ifPresent(targets::add);
                    }
                    rules.add(
                            zones -> targets.stream().allMatch(t -> own.stream().anyMatch(s -> zones[s] == zones[t])));
                    if (!props.choice("protocol", "http", "http", "https", "tcp")
                                    .equals("tcp")
                            && own.size() > 1) {
                        rules.add(zones -> spansTwo(zones, own));
                    }
                }
                case "database" -> {
                    List<Integer> own = indexes(props.refs("subnets"), index);
                    if (own.size() > 1) {
                        rules.add(zones -> spansTwo(zones, own));
                    }
                }
                default -> {}
            }
        }
        return rules;
    }

    private static List<Integer> indexes(List<String> subnets, Map<String, Integer> index) {
        return subnets.stream().map(index::get).filter(Objects::nonNull).toList();
    }

    private static boolean spansTwo(int[] zones, List<Integer> subnets) {
        return subnets.stream().map(s -> zones[s]).distinct().count() > 1;
    }

    /** RDS names SQL Server versions by their internal number; a plan may use the product year. */
    static Object engineVersion(String engine, Object version) {
        if (engine.equals("sqlserver") && version instanceof String year) {
            return switch (year) {
                case "2017" -> "14.00";
                case "2019" -> "15.00";
                case "2022" -> "16.00";
                default -> year;
            };
        }
        return version instanceof Number n ? String.valueOf(n) : version;
    }

    /** {@code <environment>-<bucketName>}, the bucket name made a valid S3 name. */
    static Object bucketName(IacProps props) {
        Object bucketName = props.value("bucketName");
        return bucketName instanceof String s
                ? concat(var(IacNames.ENVIRONMENT), "-" + IacNames.label(s, 46, "bucket"))
                : concat(var(IacNames.ENVIRONMENT), "-", bucketName);
    }

    /** The name inside a load balancer ARN ({@code ...:loadbalancer/app/NAME/ID}). */
    static Optional<String> loadBalancerName(String arn) {
        String[] parts = arn.split("/");
        return parts.length == 4 && arn.startsWith("arn:") ? Optional.of(parts[2]) : Optional.empty();
    }

    /** The trust policy letting {@code assumedBy} take the role. */
    static Map<String, Object> assumeRolePolicy(TargetResource r, IacProps props) {
        String service = props.text("assumedBy");
        String principal =
                switch (service) {
                    case "compute" -> "ec2.amazonaws.com";
                    default -> {
                        if (!service.contains(".")) {
                            throw new MigrationException("Role " + r.name() + " is assumed by '" + service
                                    + "'; use compute or a service principal such as lambda.amazonaws.com");
                        }
                        yield service;
                    }
                };
        return fields(
                "Version",
                "2012-10-17",
                "Statement",
                List.of(fields(
                        "Effect", "Allow",
                        "Principal", fields("Service", principal),
                        "Action", "sts:AssumeRole")));
    }

    /** An AWS managed policy by name, or an ARN as it is. */
    static String policyArn(TargetResource role, String policy) {
        return checkPolicy(role, policy).startsWith("arn:") ? policy : "arn:aws:iam::aws:policy/" + policy;
    }

    /**
     * {@code policy} when it is an AWS managed policy name or a policy ARN.
     *
     * @throws MigrationException for anything else, which AWS would refuse only when the stack is deployed
     */
    static String checkPolicy(TargetResource role, String policy) {
        boolean valid = policy.startsWith("arn:")
                ? POLICY_ARN.matcher(policy).matches()
                : POLICY_NAME.matcher(policy).matches();
        if (!valid) {
            throw new MigrationException("Role " + role.name() + " grants '" + policy
                    + "', which is neither an AWS managed policy name (such as CloudWatchAgentServerPolicy)"
                    + " nor a policy ARN (arn:aws:iam::123456789012:policy/NAME)");
        }
        return policy;
    }
}
