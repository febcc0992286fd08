package io.sirsi.mcp.migration;

import static io.sirsi.mcp.migration.IacExpr.attr;
import static io.sirsi.mcp.migration.IacExpr.concat;
import static io.sirsi.mcp.migration.IacExpr.var;
import static io.sirsi.mcp.migration.IacResource.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A target model as resources of the Terraform Google provider; {@link PulumiWriter} renders the same program
 * for Pulumi's bridged {@code gcp} provider. Firewalls select instances by network tag, every instance sits
 * in the region's first zone (an unmanaged instance group, which the load balancer needs, spans one zone),
 * and databases get a private address through private services access.
 */
final class TerraformGcp {
    /** The ranges Google's health checks for pass-through load balancers come from. */
    static final List<String> HEALTH_CHECK_RANGES = List.of("35.191.0.0/16", "209.85.152.0/22", "209.85.204.0/22");
    /** A predefined or custom IAM role. */
    private static final Pattern IAM_ROLE =
            Pattern.compile("(roles/|(projects|organizations)/[a-z0-9-]+/roles/)[A-Za-z0-9_.]{3,64}");
    /** A predefined role without its roles/ prefix ({@code logging.logWriter}). */
    private static final Pattern PREDEFINED_ROLE = Pattern.compile("[a-z][a-zA-Z0-9]*\\.[A-Za-z0-9_.]+");

    private final IacProgram p;

    private TerraformGcp(IacProgram program) {
        this.p = program;
    }

    static IacProgram build(TargetModel model) {
        IacProgram program = IacProgram.create(model, Set.of());
        program.require(new Variable(
                IacNames.PROJECT, "string", Optional.empty(), "Google Cloud project id to deploy into", false));
        TerraformGcp gcp = new TerraformGcp(program);
        for (TargetResource r : model.resources()) {
            IacProps props = IacProps.of(r);
            switch (r.kind()) {
                case "network" -> gcp.network(r);
                case "subnet" -> gcp.subnet(r, props);
                case "firewall" -> gcp.firewall(r, props);
                case "vm" -> gcp.vm(r, props);
                case "database" -> gcp.database(r, props);
                case "bucket" -> gcp.bucket(r, props);
                case "load-balancer" -> gcp.loadBalancer(r, props);
                case "role" -> gcp.role(r, props);
                default -> throw new IllegalStateException("unmapped kind " + r.kind());
            }
        }
        return gcp.p;
    }

    /** The network tag that a firewall's rules apply to, carried by the instances it guards. */
    static IacExpr.Concat tag(String firewall) {
        return IacNames.prefixed(firewall, 40);
    }

    private Object name(TargetResource r) {
        return r.existingId()
                .<Object>map(id -> id.substring(id.lastIndexOf('/') + 1))
                .orElse(IacNames.prefixed(r.name(), 46));
    }

    private Map<String, Object> labels(TargetResource r) {
        return r.workload().isEmpty() ? null : fields("workload", IacNames.label(r.workload(), 63, "workload"));
    }

    private String zones() {
        return p.lookup("google_compute_zones", "available", fields("region", var(IacNames.REGION), "status", "UP"));
    }

    private String networkOf(String subnet) {
        return IacProps.of(p.target(subnet)).ref("network");
    }

    private void network(TargetResource r) {
        IacResource network = p.resource("google_compute_network", r)
                .set("name", name(r))
                .set("auto_create_subnetworks", false)
                .set("routing_mode", "REGIONAL");
        adopt(network);
        p.output(r.name() + "_id", attr(network.symbol, "id"));
    }

    private void subnet(TargetResource r, IacProps props) {
        adopt(p.resource("google_compute_subnetwork", r)
                .set("name", name(r))
                .set("ip_cidr_range", props.value("cidr"))
                .set("region", var(IacNames.REGION))
                .set("network", attr(p.symbol(props.ref("network")), "id"))
                .set("private_ip_google_access", true));
    }

    /** Rules with the same sources share one Google firewall; Google firewalls have one source list each. */
    private void firewall(TargetResource r, IacProps props) {
        Map<List<Object>, List<IacRule>> bySources = new LinkedHashMap<>();
        for (IacRule rule : props.rules()) {
            IacRule through = rule.throughLoadBalancers(p.model);
            List<Object> key = new ArrayList<>(through.cidrs());
            key.addAll(through.firewalls());
            bySources.computeIfAbsent(key, k -> new ArrayList<>()).add(through);
        }
        Object network = attr(p.symbol(props.ref("network")), "self_link");
        int group = 0;
        for (List<IacRule> rules : bySources.values()) {
            IacRule first = rules.getFirst();
            IacResource firewall = group == 0
                    ? p.resource("google_compute_firewall", r).set("name", name(r))
                    : p.derivedResource("google_compute_firewall", r.name(), Integer.toString(group + 1))
                            .set("name", IacNames.prefixed(r.name(), Integer.toString(group + 1), 46));
            firewall.set("network", network)
                    .set("direction", "INGRESS")
                    .set(
                            "allow",
                            IacBlock.many(
                                    rules.stream().map(TerraformGcp::allow).toList()))
                    .set("source_ranges", first.cidrs().isEmpty() ? null : first.cidrs())
                    .set(
                            "source_tags",
                            first.firewalls().isEmpty()
                                    ? null
                                    : first.firewalls().stream()
                                            .map(TerraformGcp::tag)
                                            .toList())
                    .set("target_tags", List.of(tag(r.name())));
            adopt(firewall);
            group++;
        }
        if (bySources.isEmpty()) {
            p.resource("google_compute_firewall", r)
                    .set("name", name(r))
                    .set("network", network)
                    .set("direction", "INGRESS")
                    .set("priority", 65534)
                    .set("deny", IacBlock.many(fields("protocol", "all")))
                    .set("source_ranges", List.of("0.0.0.0/0"))
                    .set("target_tags", List.of(tag(r.name())));
        }
    }

    private static Map<String, Object> allow(IacRule rule) {
        return fields("protocol", rule.protocol(), "ports", rule.hasPorts() ? List.of(rule.portRange()) : null);
    }

    private void vm(TargetResource r, IacProps props) {
        Object size = props.value("size");
        boolean isPublic = IacProps.of(p.target(props.ref("subnet"))).flag("public", false);
        List<Object> tags = new ArrayList<>(
                props.refs("firewalls").stream().map(TerraformGcp::tag).toList());
        for (TargetResource lb : p.all("load-balancer")) {
            if (IacProps.of(lb).refs("targets").contains(r.name())) {
                tags.add(IacNames.prefixed(lb.name(), "backend", 40));
            }
        }
        IacResource vm = p.resource("google_compute_instance", r)
                .set("name", name(r))
                .set("machine_type", size)
                .set("zone", attr(zones(), "names[0]"))
                .set("tags", tags)
                .set("allow_stopping_for_update", true)
                .set("labels", labels(r))
                .set(
                        "boot_disk",
                        IacBlock.one(fields(
                                "initialize_params",
                                IacBlock.one(fields(
                                        "image", image(props.text("image"), IacImages.gcpArm(size)),
                                        "size", props.value("diskGb"),
                                        "type", "pd-balanced")))))
                .set(
                        "network_interface",
                        IacBlock.many(fields(
                                "subnetwork",
                                attr(p.symbol(props.ref("subnet")), "id"),
                                "access_config",
                                isPublic ? IacBlock.many(fields()) : null)));
        props.optionalRef("role")
                .ifPresent(role -> vm.set(
                        "service_account",
                        IacBlock.one(
                                fields("email", attr(p.symbol(role), "email"), "scopes", List.of("cloud-platform")))));
        adopt(vm, "boot_disk", "zone");
        p.output(r.name() + "_internal_ip", attr(vm.symbol, "network_interface[0].network_ip"));
    }

    private Object image(String image, boolean arm) {
        Optional<String> known = IacImages.gcp(image, arm);
        if (known.isPresent()) {
            return known.get();
        }
        Variable variable = IacImages.variable(image, "Google image (project/family or self link)");
        p.require(variable);
        return var(variable.name());
    }

    private void database(TargetResource r, IacProps props) {
        String engine = props.choice("engine", null, "postgres", "mysql", "sqlserver");
        String password = props.secret("password", p.model);
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Database " + r.name() + " lists no subnets");
        }
        String network = networkOf(subnets.getFirst());
        String peering = privateServicesAccess(network);
        String backupKey =
                switch (engine) {
                    case "postgres" -> "point_in_time_recovery_enabled";
                    case "mysql" -> "binary_log_enabled";
                    default -> null;
                };
        Map<String, Object> backup = fields("enabled", true);
        if (backupKey != null) {
            backup.put(backupKey, true);
        }
        IacResource db = p.resource("google_sql_database_instance", r)
                .set("name", name(r))
                .set("database_version", databaseVersion(engine, props.value("version")))
                .set("region", var(IacNames.REGION))
                .set("deletion_protection", true)
                .set("root_password", engine.equals("sqlserver") ? var(password) : null)
                .set(
                        "settings",
                        IacBlock.one(fields(
                                "tier", props.value("size"),
                                "edition", "ENTERPRISE",
                                "disk_size", props.value("storageGb"),
                                "disk_type", "PD_SSD",
                                "availability_type", props.flag("highAvailability", false) ? "REGIONAL" : "ZONAL",
                                "user_labels", labels(r),
                                "backup_configuration", IacBlock.one(backup),
                                "ip_configuration",
                                        IacBlock.one(fields(
                                                "ipv4_enabled",
                                                false,
                                                "private_network",
                                                attr(p.symbol(network), "id"))))));
        db.dependsOn.add(peering);
        adopt(db, "settings", "root_password");
        p.derivedResource("google_sql_user", r.name(), "admin")
                .set("name", "dbadmin")
                .set("instance", attr(db.symbol, "name"))
                .set("password", var(password));
        p.output(r.name() + "_private_ip", attr(db.symbol, "private_ip_address"));
    }

    /** The peering that gives Cloud SQL an address in {@code network}, added once per network. */
    private String privateServicesAccess(String network) {
        String peering = p.derived(network, "services");
        if (p.resources.stream().noneMatch(r -> r.symbol.equals(peering))) {
            IacResource range = p.derivedResource("google_compute_global_address", network, "services_range")
                    .set("name", IacNames.prefixed(network, "services", 46))
                    .set("purpose", "VPC_PEERING")
                    .set("address_type", "INTERNAL")
                    .set("prefix_length", 16)
                    .set("network", attr(p.symbol(network), "id"));
            p.derivedResource("google_service_networking_connection", network, "services")
                    .set("network", attr(p.symbol(network), "id"))
                    .set("service", "servicenetworking.googleapis.com")
                    .set("reserved_peering_ranges", List.of(attr(range.symbol, "name")));
        }
        return peering;
    }

    /** The Cloud SQL version name ({@code POSTGRES_16}, {@code MYSQL_8_0}, {@code SQLSERVER_2022_STANDARD}). */
    static Object databaseVersion(String engine, Object version) {
        if (!(version instanceof String) && !(version instanceof Number)) {
            return version;
        }
        String[] parts = String.valueOf(version).split("\\.");
        return switch (engine) {
            case "postgres" -> "POSTGRES_" + parts[0];
            case "mysql" ->
                "MYSQL_" + parts[0] + "_"
                        + (parts.length > 1 ? String.join("_", List.of(parts).subList(1, parts.length)) : "0");
            default -> "SQLSERVER_" + parts[0] + "_STANDARD";
        };
    }

    private void bucket(TargetResource r, IacProps props) {
        Object name = r.existingId().isPresent() ? r.existingId().get() : IacAws.bucketName(props);
        IacResource bucket = p.resource("google_storage_bucket", r)
                .set("name", name)
                .set("location", var(IacNames.REGION))
                .set("storage_class", IacStorageClass.of(props).gcp())
                .set("uniform_bucket_level_access", true)
                .set("public_access_prevention", "enforced")
                .set("force_destroy", false)
                .set("labels", labels(r))
                .set("versioning", IacBlock.one(fields("enabled", props.flag("versioning", false))));
        adopt(bucket);
        p.output(r.name() + "_url", attr(bucket.symbol, "url"));
    }

    /** A regional pass-through load balancer: instance group, health check, backend service, forwarding rule. */
    private void loadBalancer(TargetResource r, IacProps props) {
        String protocol = props.choice("protocol", "http", "http", "https", "tcp");
        Object port = props.value("port");
        List<String> subnets = props.refs("subnets");
        if (subnets.isEmpty()) {
            throw new MigrationException("Load balancer " + r.name() + " lists no subnets");
        }
        String network = networkOf(subnets.getFirst());
        boolean isPublic = props.flag("public", false);
        String scheme = isPublic ? "EXTERNAL" : "INTERNAL";
        IacResource group = p.derivedResource("google_compute_instance_group", r.name(), "group")
                .set("name", IacNames.prefixed(r.name(), "group", 46))
                .set("zone", attr(zones(), "names[0]"))
                .set(
                        "instances",
                        props.refs("targets").stream()
                                .map(t -> (Object) attr(p.symbol(t), "self_link"))
                                .toList())
                .set("named_port", IacBlock.many(fields("name", "traffic", "port", port)));
        IacResource health = p.derivedResource("google_compute_region_health_check", r.name(), "health")
                .set("name", IacNames.prefixed(r.name(), "health", 46))
                .set("region", var(IacNames.REGION))
                .set(
                        protocol.equals("http") ? "http_health_check" : "tcp_health_check",
                        IacBlock.one(fields("port", port, "request_path", protocol.equals("http") ? "/" : null)));
        IacResource backend = p.derivedResource("google_compute_region_backend_service", r.name(), "backend")
                .set("name", IacNames.prefixed(r.name(), "backend", 46))
                .set("region", var(IacNames.REGION))
                .set("load_balancing_scheme", scheme)
                .set("protocol", "TCP")
                .set("health_checks", List.of(attr(health.symbol, "id")))
                .set(
                        "backend",
                        IacBlock.many(fields("group", attr(group.symbol, "id"), "balancing_mode", "CONNECTION")));
        IacResource rule = p.resource("google_compute_forwarding_rule", r)
                .set("name", name(r))
                .set("region", var(IacNames.REGION))
                .set("load_balancing_scheme", scheme)
                .set("backend_service", attr(backend.symbol, "id"))
                .set("ip_protocol", "TCP")
                .set("ports", List.of(port instanceof Number ? String.valueOf(port) : port));
        if (!isPublic) {
            rule.set("network", attr(p.symbol(network), "id"))
                    .set("subnetwork", attr(p.symbol(subnets.getFirst()), "id"));
        }
        adopt(rule);
        p.derivedResource("google_compute_firewall", r.name(), "health_checks")
                .set("name", IacNames.prefixed(r.name(), "health", 46))
                .set("network", attr(p.symbol(network), "self_link"))
                .set("direction", "INGRESS")
                .set(
                        "allow",
                        IacBlock.many(fields(
                                "protocol",
                                "tcp",
                                "ports",
                                List.of(port instanceof Number ? String.valueOf(port) : port))))
                .set("source_ranges", HEALTH_CHECK_RANGES)
                .set("target_tags", List.of(IacNames.prefixed(r.name(), "backend", 40)));
        p.output(r.name() + "_ip", attr(rule.symbol, "ip_address"));
    }

    private void role(TargetResource r, IacProps props) {
        String part = IacNames.dashed(r.name(), 13);
        if (part.length() < 3) {
            part = part + "-sa";
        }
        Object accountId = r.existingId()
                .<Object>map(id -> id.substring(id.lastIndexOf('/') + 1).split("@")[0])
                .orElse(concat(var(IacNames.ENVIRONMENT), "-" + part));
        IacResource account = p.resource("google_service_account", r)
                .set("account_id", accountId)
                .set("display_name", "Sirsi " + r.name());
        adopt(account);
        List<String> roles = props.texts("policies");
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            p.derivedResource("google_project_iam_member", r.name(), "role_" + i)
                    .set("project", var(IacNames.PROJECT))
                    .set("role", iamRole(r, role))
                    .set("member", attr(account.symbol, "member"));
        }
        p.output(r.name() + "_email", attr(account.symbol, "email"));
    }

    /**
     * An IAM role as Google Cloud names it: {@code roles/storage.objectViewer}, a custom role under
     * {@code projects/P/roles/} or {@code organizations/O/roles/}, or a predefined role without its
     * {@code roles/} prefix.
     *
     * @throws MigrationException for anything else, which Google Cloud would refuse only at apply time
     */
    static String iamRole(TargetResource owner, String role) {
        if (IAM_ROLE.matcher(role).matches()) {
            return role;
        }
        if (PREDEFINED_ROLE.matcher(role).matches()) {
            return "roles/" + role;
        }
        throw new MigrationException("Role " + owner.name() + " grants '" + role
                + "', which is not a Google Cloud IAM role; use one such as roles/logging.logWriter,"
                + " or projects/PROJECT/roles/CUSTOM");
    }

    private static void adopt(IacResource resource, String... ignore) {
        if (resource.importId.isPresent()) {
            resource.ignoreChanges.addAll(List.of(ignore));
        }
    }
}
