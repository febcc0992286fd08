package io.sirsi.mcp.migration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Refreshes the price snapshots from the providers' public endpoints: the AWS Price List API, the Azure
 * Retail Prices API and the Cloud Billing Catalog API (which needs an API key, read from the environment).
 * It keeps the regions and sizes of the bundled snapshot, writes the same files in the same provider shapes
 * with today's date into a folder that {@link BundledPriceBook#load()} prefers when it is newer, and replaces
 * a cloud's previous snapshot only once the new one is complete and reads back.
 *
 * <pre>
 * java -cp sirsi-mcp-migration.jar io.sirsi.mcp.migration.PriceUpdater --cloud all
 * </pre>
 */
public final class PriceUpdater {
    static final String NOTE = "Refreshed by io.sirsi.mcp.migration.PriceUpdater from the provider's public "
            + "endpoint, keeping the regions and sizes of the bundled snapshot, in the provider's own format.";

    private static final String USAGE = """
            Usage: PriceUpdater [--cloud aws|azure|gcp|all] [--out DIR] [--aws-url BASE] [--azure-url BASE]
                                [--gcp-url BASE] [--gcp-api-key-env NAME]
              --cloud            which snapshots to refresh (default all)
              --out              where to write them (default $SIRSI_PRICES_DIR, else ~/.sirsi/prices)
              --aws-url          AWS Price List API (default %s)
              --azure-url        Azure Retail Prices API (default %s)
              --gcp-url          Cloud Billing Catalog API (default %s)
              --gcp-api-key-env  the environment variable holding a Google API key (default %s)
            """.formatted(
                    PriceFetchAws.DEFAULT_BASE,
                    PriceFetchAzure.DEFAULT_BASE,
                    PriceFetchGcp.DEFAULT_BASE,
                    PriceFetchGcp.DEFAULT_KEY_ENV);

    private final UnaryOperator<String> env;
    private final Clock clock;

    PriceUpdater(UnaryOperator<String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** Runs the updater and exits with its code: 0 done, 1 a cloud failed, 2 a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the updater: progress and the summary go to {@code out}, one line per failure to {@code err}.
     *
     * @return 0 when every cloud asked for was refreshed, 1 when one failed (its previous snapshot is left as
     *     it was), 2 for a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new PriceUpdater(System::getenv, Clock.systemUTC()).execute(args, out, err);
    }

    int execute(String[] args, PrintStream out, PrintStream err) {
        PriceUpdaterOptions options;
        try {
            options = PriceUpdaterOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("PriceUpdater: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        Path dir = options.out().orElseGet(PriceSnapshots::userDirectory);
        LocalDate asOf = LocalDate.now(clock);
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (PriceHttp http = new PriceHttp()) {
            for (Cloud cloud : options.clouds()) {
                String base = options.bases().get(cloud);
                out.printf("%s: refreshing from %s%n", cloud.id(), base);
                try {
                    refresh(cloud, new Target(dir, asOf), http, base, options.apiKeyEnv(), out);
                    done.add(cloud.id());
                } catch (MigrationException e) {
                    err.println(cloud.id() + ": " + e.getMessage());
                    failed.add(cloud.id());
                } catch (IOException | RuntimeException e) {
                    err.println(cloud.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    failed.add(cloud.id());
                }
            }
        }
        out.println((done.isEmpty() ? "Refreshed nothing" : "Refreshed " + String.join(", ", done))
                + (failed.isEmpty()
                        ? "."
                        : "; failed " + String.join(", ", failed) + ", whose previous snapshot is unchanged."));
        return failed.isEmpty() ? 0 : 1;
    }

    /** Where a refresh writes, and the date it gives the snapshot. */
    private record Target(Path dir, LocalDate asOf) {}

    private void refresh(Cloud cloud, Target target, PriceHttp http, String base, String apiKeyEnv, PrintStream out)
            throws IOException {
        PriceSnapshot bundled = PriceSnapshot.bundled(cloud);
        PriceTable kept = BundledPriceBook.read(bundled);
        PriceFetch.Context context =
                new PriceFetch.Context(http, base, bundled, kept, target.asOf(), out, env, apiKeyEnv);
        PriceFetch.Result result =
                switch (cloud) {
                    case AWS -> PriceFetchAws.fetch(context);
                    case AZURE -> PriceFetchAzure.fetch(context);
                    case GCP -> PriceFetchGcp.fetch(context);
                };
        PriceSnapshots.replace(
                target.dir(),
                cloud,
                result.files(cloud, target.asOf(), NOTE),
                staged -> check(staged, cloud, kept, out));
        out.printf(
                "%s: wrote %d files (%,d KB) to %s, as of %s%n",
                cloud.id(),
                result.size() + 1,
                result.bytes() / 1024,
                target.dir().resolve(cloud.id()),
                target.asOf());
    }

    /**
     * Refuses a staged snapshot that does not read back, or that lost a region's VM prices or storage; warns
     * about sizes the providers no longer price.
     */
    private static void check(Path staged, Cloud cloud, PriceTable kept, PrintStream out) {
        PriceTable fresh = BundledPriceBook.read(PriceSnapshot.at(staged, cloud));
        for (String region : kept.regions) {
            List<String> missing = new ArrayList<>();
            kept.computeSkus.stream()
                    .filter(s -> kept.compute(region, s.name(), "linux").isPresent())
                    .filter(s -> fresh.compute(region, s.name(), "linux").isEmpty())
                    .forEach(s -> missing.add(s.name()));
            if (missing.size() == kept.computeSkus.size() || !fresh.regions.contains(region)) {
                throw new MigrationException("the refreshed data has no VM prices in " + region);
            }
            if (kept.blockStorage(region).isPresent()
                    && fresh.blockStorage(region).isEmpty()) {
                throw new MigrationException("the refreshed data has no block storage price in " + region);
            }
            if (kept.objectStorage(region).isPresent()
                    && fresh.objectStorage(region).isEmpty()) {
                throw new MigrationException("the refreshed data has no object storage price in " + region);
            }
            kept.databaseSkusByEngine.forEach((engine, skus) -> skus.stream()
                    .filter(s -> kept.database(region, engine, s.name()).isPresent())
                    .filter(s -> fresh.database(region, engine, s.name()).isEmpty())
                    .forEach(s -> missing.add(s.name() + " (" + engine + ")")));
            if (!missing.isEmpty()) {
                out.printf(
                        "%s: warning: %d size%s no longer priced in %s: %s%n",
                        cloud.id(),
                        missing.size(),
                        missing.size() == 1 ? " is" : "s are",
                        region,
                        String.join(", ", missing));
            }
        }
    }
}
