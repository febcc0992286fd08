package io.sirsi.mcp.migration;

import io.sirsi.mcp.inventory.Estates;
import io.sirsi.mcp.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The target models the writer tests run over. The fixtures are built by hand, one per cloud, holding every
 * kind: a network, two subnets (one public), two firewalls (the web one admits the load balancer's), a Linux
 * and a Windows VM, a database whose password is a secret variable, a bucket, a load balancer in front of the
 * VMs, and a role; one resource already exists. The planned models are what {@link Planner} makes of every
 * demo estate for every cloud, its own included; a same-cloud replan keeps the landing network that exists.
 */
final class IacFixtures {
    static final String SECRET = "db_password";

    /** The estate whose plan to AWS the real-tool tests (terraform validate, cfn-lint) also check. */
    static final String REAL_TOOL_ESTATE = "uniedu";

    private IacFixtures() {}

    /**
     * A model a writer test runs over, labelled for the report; a planned model carries its plan.
     *
     * @param label what the test report shows: {@code fixture aws}, {@code kulturio -> azure}
     */
    record Case(String label, TargetModel model, Optional<Plan> plan) {
        @Override
        public String toString() {
            return label;
        }

        Cloud cloud() {
            return model.cloud();
        }

        boolean hasExisting() {
            return model.resources().stream().anyMatch(r -> r.existingId().isPresent());
        }
    }

    /** The fixtures and the planned models of every cloud. */
    static Stream<Case> cases() {
        return Stream.concat(Stream.of(Cloud.values()).map(IacFixtures::fixture), Planned.ALL.stream());
    }

    /** The fixtures and the planned models on AWS. */
    static Stream<Case> awsCases() {
        return cases().filter(c -> c.cloud() == Cloud.AWS);
    }

    /** The fixtures and the planned models on Azure. */
    static Stream<Case> azureCases() {
        return cases().filter(c -> c.cloud() == Cloud.AZURE);
    }

    /** The cases in which a resource already exists: every fixture, and every same-cloud replan. */
    static Stream<Case> casesWithExisting() {
        return cases().filter(Case::hasExisting);
    }

    /** The planned models only. */
    static Stream<Case> planned() {
        return Planned.ALL.stream();
    }

    /** The fixture of every cloud, and the plan of {@link #REAL_TOOL_ESTATE} to AWS. */
    static Stream<Case> realToolCases() {
        return cases().filter(c -> c.plan().isEmpty() || c.label().equals(REAL_TOOL_ESTATE + " -> aws"));
    }

    static Case fixture(Cloud cloud) {
        return new Case("fixture " + cloud.id(), model(cloud), Optional.empty());
    }

    /** Planning takes a moment, so the nine plans are made once, when a test first asks for them. */
    private static final class Planned {
        static final List<Case> ALL = plan();

        private static List<Case> plan() {
            Planner planner = new Planner(BundledPriceBook.load());
            List<Case> cases = new ArrayList<>();
            for (String estate : List.of("kulturio", "tvfone", "uniedu")) {
                Inventory inventory = Estates.load(estate);
                Cloud source = Cloud.of(inventory.provider());
                for (Cloud target : Cloud.values()) {
                    Plan plan = planner.plan(inventory, estate, Planner.Options.of(target), Optional.empty());
                    Map<String, String> existing =
                            target == source ? Map.of("main_network", landingNetwork(target)) : Map.of();
                    cases.add(new Case(
                            estate + " -> " + target.id(),
                            planner.targetModel(inventory, plan, existing),
                            Optional.of(plan)));
                }
            }
            return List.copyOf(cases);
        }

        /** The id of a landing-zone network that exists already, as each cloud writes ids. */
        private static String landingNetwork(Cloud cloud) {
            return switch (cloud) {
                case AWS -> "vpc-0f1e2d3c4b5a69788";
                case AZURE ->
                    "/subscriptions/8f3c1d2e-5b6a-4c7d-9e8f-0a1b2c3d4e51/resourceGroups/rg-landing"
                            + "/providers/Microsoft.Network/virtualNetworks/vnet-landing";
                case GCP -> "projects/uniedu-host/global/networks/landing";
            };
        }
    }

    static TargetModel model(Cloud cloud) {
        return switch (cloud) {
            case AWS -> aws();
            case AZURE -> azure();
            case GCP -> gcp();
        };
    }

    static TargetModel aws() {
        return build(
                Cloud.AWS,
                "us-east-1",
                new Sizes("t3.medium", "db.t3.medium", "postgres", "16"),
                List.of("AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"),
                "network",
                "vpc-0a1b2c3d4e5f60789");
    }

    static TargetModel azure() {
        return build(
                Cloud.AZURE,
                "westeurope",
                new Sizes("Standard_D2s_v5", "GP_Gen5_2", "sqlserver", "2022"),
                List.of("Storage Blob Data Reader"),
                "network",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/landing-zone"
                        + "/providers/Microsoft.Network/virtualNetworks/landing-vnet");
    }

    static TargetModel gcp() {
        return build(
                Cloud.GCP,
                "europe-west1",
                new Sizes("e2-standard-2", "db-custom-2-7680", "mysql", "8.0"),
                List.of("roles/storage.objectViewer", "logging.logWriter"),
                "bucket",
                "acme-legacy-assets");
    }

    private record Sizes(String vm, String db, String engine, String version) {}

    private static TargetModel build(
            Cloud cloud, String region, Sizes sizes, List<String> policies, String existingKind, String existingId) {
        List<TargetResource.Builder> builders = List.of(
                TargetResource.builder("app_network", "network", "shop")
                        .replaces("vpc-legacy")
                        .with("cidr", "10.20.0.0/16"),
                TargetResource.builder("web_subnet", "subnet", "shop")
                        .with("network", Ref.to("app_network"))
                        .with("cidr", "10.20.1.0/24")
                        .with("public", true),
                TargetResource.builder("data_subnet", "subnet", "shop")
                        .with("network", Ref.to("app_network"))
                        .with("cidr", "10.20.2.0/24"),
                TargetResource.builder("lb_firewall", "firewall", "shop")
                        .with("network", Ref.to("app_network"))
                        .with(
                                "rules",
                                List.of(Map.of(
                                        "protocol",
                                        "tcp",
                                        "fromPort",
                                        80,
                                        "toPort",
                                        80,
                                        "sources",
                                        List.of("0.0.0.0/0")))),
                TargetResource.builder("web_firewall", "firewall", "shop")
                        .with("network", Ref.to("app_network"))
                        .with(
                                "rules",
                                List.of(
                                        Map.of(
                                                "protocol",
                                                "tcp",
                                                "fromPort",
                                                80,
                                                "toPort",
                                                80,
                                                "sources",
                                                List.of(Ref.to("lb_firewall"))),
                                        Map.of(
                                                "protocol",
                                                "tcp",
                                                "fromPort",
                                                22,
                                                "toPort",
                                                22,
                                                "sources",
                                                List.of(VarRef.to("admin_cidr"))),
                                        Map.of(
                                                "protocol",
                                                "tcp",
                                                "fromPort",
                                                5432,
                                                "toPort",
                                                5432,
                                                "sources",
                                                List.of(Ref.to("web_firewall"))))),
                TargetResource.builder("app_role", "role", "shop")
                        .with("assumedBy", "compute")
                        .with("policies", policies),
                TargetResource.builder("web1", "vm", "shop")
                        .replaces("i-0123456789abcdef0")
                        .with("size", sizes.vm())
                        .with("os", "linux")
                        .with("image", "ubuntu-22.04")
                        .with("subnet", Ref.to("web_subnet"))
                        .with("firewalls", List.of(Ref.to("web_firewall")))
                        .with("diskGb", 30)
                        .with("role", Ref.to("app_role")),
                TargetResource.builder("web2", "vm", "shop")
                        .with("size", sizes.vm())
                        .with("os", "windows")
                        .with("image", "windows-2022")
                        .with("subnet", Ref.to("web_subnet"))
                        .with("firewalls", List.of(Ref.to("web_firewall")))
                        .with("diskGb", 128),
                TargetResource.builder("orders_db", "database", "shop")
                        .with("engine", sizes.engine())
                        .with("version", sizes.version())
                        .with("size", sizes.db())
                        .with("storageGb", 50)
                        .with("subnets", List.of(Ref.to("data_subnet"), Ref.to("web_subnet")))
                        .with("firewalls", List.of(Ref.to("web_firewall")))
                        .with("encrypted", true)
                        .with("highAvailability", true)
                        .with("password", VarRef.to(SECRET)),
                TargetResource.builder("assets", "bucket", "shop")
                        .with("bucketName", "Acme-Assets_2019")
                        .with("versioning", true)
                        .with("encrypted", true)
                        .with("storageClass", "infrequent"),
                TargetResource.builder("web_lb", "load-balancer", "shop")
                        .with("public", true)
                        .with("subnets", List.of(Ref.to("web_subnet"), Ref.to("data_subnet")))
                        .with("firewalls", List.of(Ref.to("lb_firewall")))
                        .with("port", 80)
                        .with("protocol", "http")
                        .with("targets", List.of(Ref.to("web1"), Ref.to("web2"))));
        List<TargetResource> resources = builders.stream()
                .map(b -> {
                    TargetResource r = b.build();
                    return r.kind().equals(existingKind) ? rebuild(r, existingId) : r;
                })
                .toList();
        return new TargetModel(
                cloud,
                region,
                resources,
                List.of(
                        Variable.secret(SECRET, "Administrator password of the orders database"),
                        Variable.of("admin_cidr", "203.0.113.0/24", "Address range administrators connect from")));
    }

    private static TargetResource rebuild(TargetResource r, String existingId) {
        return new TargetResource(
                r.name(), r.kind(), r.workload(), r.sourceIds(), r.properties(), java.util.Optional.of(existingId));
    }

    /** The logical names of {@code model}'s resources. */
    static List<String> names(TargetModel model) {
        return model.resources().stream().map(TargetResource::name).toList();
    }

    /** The names of {@code model}'s secret variables (database passwords). */
    static List<String> secrets(TargetModel model) {
        return model.variables().stream()
                .filter(Variable::secret)
                .map(Variable::name)
                .toList();
    }
}
