package io.sirsi.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON encoding that hashes are taken over: object keys sorted by their UTF-16 code units,
 * no insignificant whitespace, strings escaped minimally (quote, backslash and control characters only),
 * integers as plain digits and other numbers as Java prints doubles. One value has exactly one encoding,
 * so a verifier can demand that every line it reads is already canonical, and any edited byte is caught.
 */
final class Canonical {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Canonical() {}

    static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.size());
            boolean sorted = true;
            for (String k : node.propertyNames()) {
                if (!keys.isEmpty() && keys.get(keys.size() - 1).compareTo(k) > 0) {
                    sorted = false;
                }
                keys.add(k);
            }
            if (!sorted) {
                Collections.sort(keys);
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(keys.get(i), out);
                out.append(':');
                write(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            quote(node.stringValue(), out);
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            out.append(Double.toString(node.doubleValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new GraphException("cannot encode " + node.getNodeType() + " canonically");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Parses a line and insists it is already canonical; the error names what differs. */
    static JsonNode parseStrict(String line, String where) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (RuntimeException e) {
            throw new GraphException(where + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw new GraphException(where + ": empty");
        }
        String canonical = string(node);
        if (!canonical.equals(line)) {
            int at = 0;
            while (at < Math.min(canonical.length(), line.length()) && canonical.charAt(at) == line.charAt(at)) {
                at++;
            }
            throw new GraphException(where + ": not in canonical form at character " + at);
        }
        return node;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
