package io.sirsi.mcp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sirsi.mcp.inventory.Inventory;
import io.sirsi.mcp.inventory.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The operators of a rule file, one case a line: condition, properties, expected. */
class ComparisonTest {
    private static boolean holds(String condition, String properties) {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        Resource r = new Resource(
                "r",
                "aws.ec2.instance",
                "aws",
                "a",
                "us-east-1",
                "web-1",
                Map.of("Env", "prod"),
                JsonMapper.shared().readTree(properties),
                Optional.empty(),
                Optional.empty(),
                "t",
                at,
                at);
        Inventory inv = new Inventory(Inventory.SCHEMA_VERSION, "aws", "t", "t", at, List.of(), List.of(r), List.of());
        return Condition.parse(JsonMapper.shared().readTree(condition), "test")
                .test(Subject.of(r, new ScanContext(inv)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"path\":\"a\",\"notEquals\":\"x\"}                 | {}                                  | true",
                "{\"path\":\"a\",\"equals\":\"x\"}                    | {}                                  | false",
                "{\"path\":\"a\",\"exists\":false}                    | {\"a\":null}                         | true",
                "{\"path\":\"a\",\"equals\":\"X\"}                    | {\"a\":\"x\"}                        | true",
                "{\"path\":\"a\",\"equals\":2}                        | {\"a\":2.0}                          | true",
                "{\"path\":\"r.p\",\"equals\":22}                     | {\"r\":[{\"p\":80},{\"p\":22}]}      | true",
                "{\"path\":\"r.p\",\"notEquals\":22}                  | {\"r\":[{\"p\":80},{\"p\":22}]}      | false",
                "{\"path\":\"r\",\"every\":{\"path\":\"p\",\"gt\":10}} | {\"r\":[{\"p\":80},{\"p\":22}]}      | true",
                "{\"path\":\"r\",\"none\":{\"path\":\"p\",\"gt\":50}}  | {\"r\":[{\"p\":80},{\"p\":22}]}      | false",
                "{\"path\":\"a\",\"empty\":true}                      | {\"a\":[]}                           | true",
                "{\"path\":\"a\",\"rangeIncludes\":22}                | {\"a\":\"20-30\"}                    | true",
                "{\"path\":\"a\",\"rangeIncludes\":22}                | {\"a\":\"*\"}                        | true",
                "{\"path\":\"a\",\"rangeIncludes\":22}                | {\"a\":\"23-30\"}                    | false",
                "{\"path\":\"v\",\"versionBelow\":\"14\"}             | {\"v\":\"11.22\"}                    | true",
                "{\"path\":\"v\",\"versionBelow\":\"8.0\"}            | {\"v\":\"MYSQL_5_7\"}                | true",
                "{\"path\":\"v\",\"versionBelow\":\"8.0\"}            | {\"v\":\"8.0.35\"}                   | false",
                "{\"path\":\"v\",\"versionBelow\":\"5.10\"}           | {\"v\":\"5.9\"}                      | true",
                "{\"path\":\"d\",\"olderThanDays\":90}                | {\"d\":\"2026-01-01T00:00:00Z\"}     | true",
                "{\"path\":\"d\",\"olderThanDays\":90}                | {\"d\":\"2026-10-01T00:00:00Z\"}     | false",
                "{\"path\":\"$tag.env\",\"equals\":\"prod\"}          | {}                                  | true",
                "{\"path\":\"$name\",\"matches\":\"^web-\"}           | {}                                  | true",
                "{\"not\":{\"path\":\"a\",\"exists\":true}}           | {\"a\":1}                            | false"
            })
    void operatorsMeanWhatTheReadmeSays(String condition, String properties, boolean expected) {
        assertEquals(expected, holds(condition.strip(), properties.strip()), condition + " on " + properties);
    }
}
