package io.sirsi.mcp.kit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Pagination of the list methods with opaque cursors. A cursor names the list, the catalog epoch and
 * the offset; a cursor that does not decode, names another list, or predates a change of the list is
 * rejected with {@code -32602}.
 */
final class Pages {
    private static final String PREFIX = "sirsi1";

    record Page<T>(List<T> items, String nextCursor) {}

    private Pages() {}

    static <T> Page<T> page(Catalog.Snapshot<T> snapshot, Catalog.Kind kind, JsonNode params, int pageSize) {
        int offset = 0;
        JsonNode cursor = params == null ? null : params.get("cursor");
        if (cursor != null && !cursor.isNull()) {
            if (!cursor.isString()) {
                throw ProtocolException.invalidParams("Invalid cursor: it must be a string");
            }
            offset = decode(cursor.stringValue(), kind, snapshot);
        }
        List<T> items = snapshot.items();
        int end = Math.min(items.size(), offset + pageSize);
        String next = end < items.size() ? encode(kind, snapshot.epoch(), end) : null;
        return new Page<>(items.subList(offset, end), next);
    }

    static String encode(Catalog.Kind kind, long epoch, int offset) {
        String raw = PREFIX + ":" + kind.ordinal() + ":" + epoch + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String cursor, Catalog.Kind kind, Catalog.Snapshot<?> snapshot) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "it was not issued by this server");
        }
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw invalid(cursor, "it was not issued by this server");
        }
        int offset;
        long epoch;
        int kindOrdinal;
        try {
            kindOrdinal = Integer.parseInt(parts[1]);
            epoch = Long.parseLong(parts[2]);
            offset = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            throw invalid(cursor, "it was not issued by this server");
        }
        if (kindOrdinal != kind.ordinal()) {
            throw invalid(cursor, "it belongs to another list");
        }
        if (epoch != snapshot.epoch()) {
            throw invalid(cursor, "the list changed since it was issued; list again without a cursor");
        }
        if (offset <= 0 || offset > snapshot.items().size()) {
            throw invalid(cursor, "it points outside the list");
        }
        return offset;
    }

    private static ProtocolException invalid(String cursor, String why) {
        String shown = cursor.length() > 64 ? cursor.substring(0, 64) + "..." : cursor;
        return ProtocolException.invalidParams("Invalid cursor '" + shown + "': " + why);
    }
}
