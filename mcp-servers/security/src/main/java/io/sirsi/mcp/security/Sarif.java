package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.InventoryJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scan as a SARIF 2.1.0 log: one run, the checks that ran as rules (with help text, framework tags and
 * a {@code security-severity} score, as code-scanning tools read it), and one result per finding.
 * Cloud resources have no file, so results carry a logical location (the resource) and a stable
 * fingerprint of check and resource, so the same finding is recognised across scans.
 */
public final class Sarif {
    /** The schema a SARIF log names. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {}

    /** The log for {@code scan}, whose rules are taken from {@code checks}. */
    public static ObjectNode of(Scan scan, List<Check> checks, String toolVersion) {
        ObjectNode log = InventoryJson.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sirsi-security")
                .put("semanticVersion", toolVersion)
                .put("informationUri", "https://github.com/sirsi/sirsi/tree/main/mcp-servers/security");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Check c : checks) {
            if (!c.provider().equals(scan.provider())) {
                continue;
            }
            index.put(c.id(), index.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", c.id()).put("name", camel(c.id()));
            rule.putObject("shortDescription").put("text", c.title());
            rule.putObject("fullDescription").put("text", c.description());
            rule.putObject("help")
                    .put("text", c.risk() + "\n\nRemediation: " + c.remediation())
                    .put("markdown", "**Risk.** " + c.risk() + "\n\n**Remediation.** " + c.remediation());
            rule.putObject("defaultConfiguration").put("level", c.severity().sarifLevel());
            c.references().stream().findFirst().ifPresent(u -> rule.put("helpUri", u));
            ObjectNode props = rule.putObject("properties");
            ArrayNode tags = props.putArray("tags").add("security").add(c.category());
            c.frameworks().forEach((f, controls) -> controls.forEach(ctl -> tags.add(f + ":" + ctl)));
            props.put("security-severity", score(c.severity()));
            props.put(
                    "problem.severity",
                    c.severity().sarifLevel().equals("note")
                            ? "recommendation"
                            : c.severity().sarifLevel());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : scan.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.checkId());
            Integer i = index.get(f.checkId());
            if (i != null) {
                r.put("ruleIndex", i);
            }
            r.put("level", f.severity().sarifLevel()).put("kind", "fail");
            r.putObject("message").put("text", f.message());
            ObjectNode logical = r.putArray("locations")
                    .addObject()
                    .putArray("logicalLocations")
                    .addObject();
            logical.put("name", f.resourceName())
                    .put("fullyQualifiedName", f.resourceId())
                    .put("kind", "resource");
            r.putObject("partialFingerprints").put("sirsiFinding/v1", fingerprint(f));
            ObjectNode props = r.putObject("properties");
            props.put("severity", f.severity().id())
                    .put("resourceType", f.resourceType())
                    .put("account", f.account())
                    .put("region", f.region());
            ArrayNode evidence = props.putArray("evidence");
            f.evidence().forEach(evidence::add);
        }
        run.putObject("automationDetails").put("id", "sirsi-security/" + scan.estate() + "/");
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        return log;
    }

    /** The CVSS-like score GitHub code scanning reads from {@code security-severity}. */
    private static String score(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    static String fingerprint(Finding f) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((f.checkId() + "\n" + f.resourceId()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
