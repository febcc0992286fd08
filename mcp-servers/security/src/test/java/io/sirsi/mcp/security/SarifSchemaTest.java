package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sirsi.mcp.migration.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SARIF output validates against the SARIF 2.1.0 JSON Schema (the final, rtm.5 schema, from the
 * committed npm lockfile: @microsoft/jest-sarif ships it), and a broken log does not.
 */
class SarifSchemaTest {
    private static final Path SCHEMA =
            Path.of("../../conformance/node/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

    private static Schema schema() throws IOException {
        assertTrue(Files.exists(SCHEMA), "run npm ci in conformance/node: " + SCHEMA.toAbsolutePath());
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(Files.readString(SCHEMA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kulturio", "tvfone", "uniedu"})
    void sarifValidatesAgainstTheSchema(String estate) throws IOException {
        CheckCatalog catalog = CheckCatalog.bundled();
        Scan scan = Scanner.run(estate, Planner.estate(estate), catalog.checks());
        ObjectNode log = Sarif.of(scan, catalog.checks(), Main.VERSION);
        List<Error> errors = schema().validate(log);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
        JsonNode run = log.path("runs").path(0);
        assertEquals(scan.findings().size(), run.path("results").size());
        JsonNode first = run.path("results").path(0);
        String ruleId = first.path("ruleId").asString();
        assertEquals(
                ruleId,
                run.path("tool")
                        .path("driver")
                        .path("rules")
                        .path(first.path("ruleIndex").asInt())
                        .path("id")
                        .asString());
        assertFalse(first.path("partialFingerprints")
                .path("sirsiFinding/v1")
                .asString()
                .isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aBrokenLogFailsTheSchema() throws IOException {
        CheckCatalog catalog = CheckCatalog.bundled();
        ObjectNode log =
                Sarif.of(Scanner.run("kulturio", Planner.estate("kulturio"), catalog.checks()), catalog.checks(), "1");
        ((ObjectNode) log.path("runs").path(0).path("results").path(0)).put("level", "catastrophic");
        assertFalse(schema().validate(log).isEmpty(), "the schema test can fail");
    }
}
