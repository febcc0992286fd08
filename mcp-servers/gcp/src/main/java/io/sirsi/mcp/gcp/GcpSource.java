package io.sirsi.mcp.gcp;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.httpjson.HttpJsonStatusCode;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.BaseServiceException;
import com.google.cloud.ServiceOptions;
import com.google.cloud.compute.v1.ListRegionsRequest;
import io.sirsi.mcp.discovery.InventorySource;
import io.sirsi.mcp.discovery.SourceException;
import io.sirsi.mcp.inventory.Account;
import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.InventoryJson;
import io.sirsi.mcp.kit.ServerOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A real Google Cloud estate, read through the Google Cloud client libraries over HTTP/JSON with
 * Application Default Credentials. One tenant per project named on the command line (or the default
 * project of the environment). Read-only calls only; nothing is contacted before a client asks.
 */
final class GcpSource implements InventorySource {
    /** The types this source collects. */
    static final Set<String> TYPES = new TreeSet<>(List.of(
            "gcp.project",
            "gcp.compute.network",
            "gcp.compute.subnetwork",
            "gcp.compute.firewall",
            "gcp.compute.instance",
            "gcp.compute.disk",
            "gcp.storage.bucket"));

    private final GcpClients clients;
    private final Optional<List<String>> projects;
    private final Optional<List<String>> onlyRegions;
    private final String description;
    private volatile List<Account> accounts;

    GcpSource(
            GcpClients clients,
            Optional<List<String>> projects,
            Optional<List<String>> onlyRegions,
            String description) {
        this.clients = clients;
        this.projects = projects;
        this.onlyRegions = onlyRegions;
        this.description = description;
    }

    /** The source the command line asks for: {@code --project}, {@code --regions}, {@code --endpoint-url}. */
    static InventorySource fromEnvironment(ServerOptions options) {
        return fromEnvironment(options, GcpClients.APPLICATION_DEFAULT, GcpClients.RETRY);
    }

    /** The same with other credentials and retry settings (tests: fixed credentials, short delays). */
    static InventorySource fromEnvironment(
            ServerOptions options, GcpClients.CredentialsLoader credentials, RetrySettings retry) {
        Optional<List<String>> projects = options.extra("project").map(GcpSource::list);
        Optional<List<String>> regions = options.extra("regions").map(GcpSource::list);
        Optional<String> endpoint = options.extra("endpoint-url");
        String what = "Google Cloud ("
                + projects.map(p -> (p.size() == 1 ? "project " : "projects ") + String.join(", ", p))
                        .orElse("default project")
                + ", Application Default Credentials)";
        return new GcpSource(new GcpClients(credentials, endpoint, retry), projects, regions, what);
    }

    private static List<String> list(String value) {
        return List.of(value.split(",")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
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
        List<Account> known = accounts;
        if (known == null) {
            List<Account> found = new ArrayList<>();
            for (String project : projects.orElseGet(GcpSource::defaultProject)) {
                List<String> regions = onlyRegions.orElseGet(() -> call("compute.regions.list", project, () -> {
                    var request =
                            ListRegionsRequest.newBuilder().setProject(project).build();
                    List<String> names = new ArrayList<>();
                    clients.regions().list(request).iterateAll().forEach(r -> names.add(r.getName()));
                    return names.stream().sorted().toList();
                }));
                // The Compute and Storage APIs know a project by its id only; the display name needs
                // another API, so the id names it.
                found.add(new Account(project, project, regions));
            }
            known = List.copyOf(found);
            accounts = known;
        }
        return known;
    }

    private static List<String> defaultProject() {
        String project = ServiceOptions.getDefaultProjectId();
        if (project == null || project.isBlank()) {
            throw new SourceException("No Google Cloud project: pass --project ID (several: ID,ID), set "
                    + "GOOGLE_CLOUD_PROJECT, or use --estate uniedu for the demo estate");
        }
        return List.of(project);
    }

    @Override
    public Inventory collect(Account tenant, Optional<String> region, Set<String> types, Progress progress) {
        Instant now = Instant.now();
        var builder = new EstateBuilder("gcp", "sdk:gcp", "gcp-" + now, now);
        builder.account(tenant.id(), tenant.name(), tenant.regions());
        boolean globalOnly = region.isPresent() && region.get().equalsIgnoreCase("global");
        var collector = new GcpCollector(
                clients, builder, tenant.id(), types, region.filter(r -> !globalOnly), tenant.regions());
        record Step(String what, IntSupplier body) {}
        List<Step> steps = new ArrayList<>();
        if (region.isEmpty() || globalOnly) {
            steps.add(new Step("networks and firewall rules", collector::global));
        }
        if (!globalOnly) {
            steps.add(new Step("subnetworks", collector::subnetworks));
            steps.add(new Step("instances and disks", collector::instancesAndDisks));
            if (types.isEmpty() || types.contains("gcp.storage.bucket")) {
                steps.add(new Step(
                        "buckets",
                        () -> new BucketCollector(clients.storage(tenant.id()), builder, tenant.id()).collect(region)));
            }
        }
        int done = 0;
        for (Step step : steps) {
            progress.checkCancelled();
            int count = step.body().getAsInt();
            progress.step(++done, steps.size(), "Collected " + count + " " + step.what() + " in " + tenant.id());
        }
        collector.link();
        return builder.build();
    }

    /** Runs client library calls, turning their failures into messages a user can act on. */
    static <T> T call(String operation, String project, Supplier<T> body) {
        try {
            return body.get();
        } catch (ApiException e) {
            throw failure(operation, project, e.getStatusCode().getCode(), httpStatus(e), e);
        } catch (BaseServiceException e) {
            int status = e.getCode() > 0 ? e.getCode() : httpStatus(e);
            throw failure(operation, project, HttpJsonStatusCode.of(status).getCode(), status, e);
        }
    }

    private static SourceException failure(
            String operation, String project, StatusCode.Code code, int status, RuntimeException e) {
        if (status == 0) {
            return new SourceException(
                    "Cannot reach Google Cloud for " + operation + " in project " + project + ": " + rootMessage(e), e);
        }
        String detail = code + ", HTTP " + status + ": " + googleMessage(e);
        if (status == 401) {
            return new SourceException("Google Cloud rejected the credentials for " + operation + " in project "
                    + project + " (" + detail + "): they are invalid or expired; run "
                    + "`gcloud auth application-default login` again or point GOOGLE_APPLICATION_CREDENTIALS at a "
                    + "valid key, or use --estate uniedu for the demo estate");
        }
        if (status == 403) {
            return new SourceException("Google Cloud refused " + operation + " in project " + project + " ("
                    + detail + "): the credentials lack read access to the project, or its API is disabled; "
                    + "grant them a read-only role such as roles/viewer, or use --estate uniedu for the demo estate");
        }
        if (status == 404) {
            return new SourceException("Google Cloud " + operation + " found nothing for project " + project + " ("
                    + detail + "): check the --project id, or use --estate uniedu for the demo estate");
        }
        return new SourceException(
                "Google Cloud " + operation + " in project " + project + " failed (" + detail + ")", e);
    }

    /** The HTTP status of the answer behind a failure; 0 if no answer came. */
    private static int httpStatus(Throwable e) {
        return response(e).map(HttpResponseException::getStatusCode).orElse(0);
    }

    private static Optional<HttpResponseException> response(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http) {
                return Optional.of(http);
            }
        }
        return Optional.empty();
    }

    /** Google's own words from the error body ({@code error.message}), else the exception's. */
    private static String googleMessage(RuntimeException e) {
        if (e instanceof BaseServiceException) {
            return firstLine(String.valueOf(e.getMessage()));
        }
        return response(e)
                .map(HttpResponseException::getContent)
                .flatMap(GcpSource::errorMessage)
                .orElseGet(() -> firstLine(String.valueOf(e.getMessage())));
    }

    private static Optional<String> errorMessage(String body) {
        try {
            JsonNode message = InventoryJson.MAPPER.readTree(body).path("error").path("message");
            return message.isString() ? Optional.of(firstLine(message.asString())) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(String.valueOf(root.getMessage()));
    }

    static String firstLine(String text) {
        int cut = text.indexOf('\n');
        String line = cut < 0 ? text : text.substring(0, cut);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
