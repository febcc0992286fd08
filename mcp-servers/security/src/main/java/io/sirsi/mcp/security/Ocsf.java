package io.sirsi.mcp.security;

import io.sirsi.mcp.inventory.InventoryJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Findings as OCSF Compliance Finding records (class 2003, category Findings, schema 1.1): the
 * compliance block names the frameworks and controls, {@code finding_info} the check, {@code resources}
 * the cloud resource, {@code remediation} the fix, so a SIEM or security lake can take them as they are.
 */
public final class Ocsf {
    /** The OCSF schema version these records follow. */
    public static final String VERSION = "1.1.0";

    private static final int CLASS_UID = 2003;
    private static final int ACTIVITY_CREATE = 1;

    private Ocsf() {}

    /** One record per finding; {@code time} is when the inventory was collected, in epoch milliseconds. */
    public static ArrayNode of(Scan scan, long time, String toolVersion) {
        ArrayNode out = InventoryJson.MAPPER.createArrayNode();
        for (Finding f : scan.findings()) {
            ObjectNode r = out.addObject();
            r.put("class_uid", CLASS_UID)
                    .put("class_name", "Compliance Finding")
                    .put("category_uid", 2)
                    .put("category_name", "Findings")
                    .put("activity_id", ACTIVITY_CREATE)
                    .put("activity_name", "Create")
                    .put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE)
                    .put("time", time)
                    .put("severity_id", f.severity().ocsfId())
                    .put(
                            "severity",
                            f.severity() == Severity.INFO
                                    ? "Informational"
                                    : capitalised(f.severity().id()))
                    .put("status_id", 1)
                    .put("status", "New")
                    .put("message", f.message());
            ObjectNode meta = r.putObject("metadata");
            // The record's own id: the finding (stable across scans) at this scan's time.
            meta.put("version", VERSION).put("uid", Sarif.fingerprint(f) + "-" + time);
            meta.putObject("product")
                    .put("name", "Sirsi security agent")
                    .put("vendor_name", "Sirsi")
                    .put("version", toolVersion);
            ObjectNode info = r.putObject("finding_info");
            info.put("uid", f.checkId() + "/" + f.resourceId()).put("title", f.title());
            info.putArray("types").add(f.category());
            ObjectNode compliance = r.putObject("compliance");
            compliance.put("control", f.checkId()).put("status_id", 3).put("status", "Fail");
            ArrayNode standards = compliance.putArray("standards");
            ArrayNode requirements = compliance.putArray("requirements");
            f.frameworks().forEach((fw, controls) -> {
                standards.add(fw);
                controls.forEach(c -> requirements.add(fw + " " + c));
            });
            ObjectNode resource = r.putArray("resources").addObject();
            resource.put("uid", f.resourceId())
                    .put("name", f.resourceName())
                    .put("type", f.resourceType())
                    .put("region", f.region());
            resource.putObject("account").put("uid", f.account());
            ObjectNode cloud = r.putObject("cloud");
            cloud.put("provider", scan.provider()).put("region", f.region());
            cloud.putObject("account").put("uid", f.account());
            r.putObject("remediation").put("desc", f.remediation());
            ArrayNode evidence = r.putArray("evidences");
            f.evidence().forEach(e -> evidence.addObject().putObject("data").put("detail", e));
        }
        return out;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
