package io.sirsi.mcp.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Snapshot folders as the updater writes them: a malformed one is refused with its file and its problem,
 * and a user folder's snapshot replaces the bundled one of its cloud only when it is newer.
 */
class PriceSnapshotsTest {
    static final LocalDate SNAPSHOT_DATE = BundledPriceBookTest.SNAPSHOT_DATE;
    static final double CENT = BundledPriceBookTest.CENT;

    @Test
    void malformedJsonIsReportedWithItsFileAndLine(@TempDir Path dir) throws IOException {
        Path aws = PriceTestFiles.copyBundled(Cloud.AWS, dir);
        Files.writeString(
                aws.resolve("AmazonS3-eu-west-1.json"), "{\n  \"formatVersion\": \"v1.0\",\n  \"products\": {,\n");

        MigrationException e = assertThrows(MigrationException.class, () -> BundledPriceBook.load(dir));

        assertTrue(
                e.getMessage().contains(aws.resolve("AmazonS3-eu-west-1.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not valid JSON at line 3"), e.getMessage());
    }

    @Test
    void priceThatIsNotANumberIsReportedWithItsProduct(@TempDir Path dir) throws IOException {
        Path aws = PriceTestFiles.copyBundled(Cloud.AWS, dir);
        Path ec2 = aws.resolve("AmazonEC2-us-west-2.json");
        String text = Files.readString(ec2, StandardCharsets.UTF_8);
        ObjectNode offer = (ObjectNode) PriceSnapshots.JSON.readTree(text);
        String sku = offer.path("products")
                .propertyStream()
                .filter(p -> p.getValue()
                        .path("attributes")
                        .path("instanceType")
                        .asString()
                        .equals("c6i.xlarge"))
                .findFirst()
                .orElseThrow()
                .getKey();
        ObjectNode dimension = (ObjectNode) offer.path("terms")
                .path("OnDemand")
                .path(sku)
                .values()
                .iterator()
                .next()
                .path("priceDimensions")
                .values()
                .iterator()
                .next();
        ((ObjectNode) dimension.path("pricePerUnit")).put("USD", "0.17 dollars");
        PriceSnapshots.JSON.writeValue(ec2, offer);

        MigrationException e = assertThrows(MigrationException.class, () -> BundledPriceBook.load(dir));

        assertTrue(e.getMessage().contains("AmazonEC2-us-west-2.json"), e.getMessage());
        assertTrue(e.getMessage().contains("product " + sku + " (c6i.xlarge)"), e.getMessage());
        assertTrue(e.getMessage().contains("'0.17 dollars' is not a number"), e.getMessage());
    }

    @Test
    void fileTheManifestNamesButIsMissingIsReported(@TempDir Path dir) throws IOException {
        Path gcp = PriceTestFiles.copyBundled(Cloud.GCP, dir);
        Files.delete(gcp.resolve("machine-types.json"));

        MigrationException e = assertThrows(MigrationException.class, () -> BundledPriceBook.load(dir));

        assertEquals("Price snapshot " + gcp.resolve("machine-types.json") + " is missing", e.getMessage());
    }

    @Test
    void newerUserSnapshotWinsAndAnOlderOneIsIgnored(@TempDir Path dir) throws IOException {
        Path aws = PriceTestFiles.copyBundled(Cloud.AWS, dir);
        Path s3 = aws.resolve("AmazonS3-us-east-1.json");
        Files.writeString(s3, Files.readString(s3).replace("\"0.0230000000\"", "\"0.0250000000\""));

        PriceTestFiles.redate(aws, "2027-01-15");
        BundledPriceBook newer = BundledPriceBook.preferNewer(dir);
        StoragePrice refreshed = newer.objectStorage(Cloud.AWS, "us-east-1").orElseThrow();
        assertEquals(0.025, refreshed.perGbMonth(), CENT);
        assertEquals(LocalDate.of(2027, 1, 15), refreshed.source().asOf());
        assertEquals(
                SNAPSHOT_DATE,
                newer.objectStorage(Cloud.GCP, "us-east1")
                        .orElseThrow()
                        .source()
                        .asOf());

        PriceTestFiles.redate(aws, "2026-10-01");
        BundledPriceBook older = BundledPriceBook.preferNewer(dir);
        assertEquals(
                0.023, older.objectStorage(Cloud.AWS, "us-east-1").orElseThrow().perGbMonth(), CENT);
        assertEquals(
                SNAPSHOT_DATE,
                older.objectStorage(Cloud.AWS, "us-east-1")
                        .orElseThrow()
                        .source()
                        .asOf());

        // an explicit folder is read whatever its date
        assertEquals(
                0.025,
                BundledPriceBook.load(dir)
                        .objectStorage(Cloud.AWS, "us-east-1")
                        .orElseThrow()
                        .perGbMonth(),
                CENT);
    }

    @Test
    void manifestOfAnotherCloudIsRefused(@TempDir Path dir) throws IOException {
        Path gcp = PriceTestFiles.copyBundled(Cloud.GCP, dir);
        Files.createDirectories(dir.resolve("azure"));
        Files.copy(gcp.resolve(PriceSnapshot.MANIFEST), dir.resolve("azure").resolve(PriceSnapshot.MANIFEST));

        MigrationException e = assertThrows(MigrationException.class, () -> BundledPriceBook.load(dir));

        assertEquals(
                "Price snapshot " + dir.resolve("azure").resolve(PriceSnapshot.MANIFEST)
                        + ": describes cloud 'gcp', not azure",
                e.getMessage());
    }

    @Test
    void refusedReplacementKeepsThePreviousFolder(@TempDir Path dir) throws IOException {
        Path aws = PriceTestFiles.copyBundled(Cloud.AWS, dir);
        byte[] manifest = Files.readAllBytes(aws.resolve(PriceSnapshot.MANIFEST));

        assertThrows(
                MigrationException.class,
                () -> PriceSnapshots.replace(
                        dir, Cloud.AWS, Map.of(PriceSnapshot.MANIFEST, new byte[] {'{'}), staged -> {
                            assertTrue(Files.isRegularFile(staged.resolve(PriceSnapshot.MANIFEST)));
                            throw new MigrationException("refused");
                        }));

        assertEquals(List.of("aws"), PriceTestFiles.names(dir));
        assertArrayEquals(manifest, Files.readAllBytes(aws.resolve(PriceSnapshot.MANIFEST)));

        PriceSnapshots.replace(dir, Cloud.AWS, Map.of("note.txt", new byte[] {'x'}), staged -> {});
        assertEquals(List.of("aws"), PriceTestFiles.names(dir));
        assertEquals(List.of("note.txt"), PriceTestFiles.names(aws));
    }
}
