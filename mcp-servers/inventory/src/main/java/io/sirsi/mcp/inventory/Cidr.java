package io.sirsi.mcp.inventory;

/** IPv4 address ranges in CIDR notation, as firewall rules name them ({@code 10.0.0.0/8}, or a bare address). */
final class Cidr {
    private Cidr() {}

    /** Whether the text is an IPv4 range or address. */
    static boolean isCidr(String text) {
        return parse(text) != null;
    }

    /** Whether {@code inner} lies wholly inside {@code outer}. */
    static boolean within(String inner, String outer) {
        long[] in = parse(inner);
        long[] out = parse(outer);
        return in != null && out != null && in[1] >= out[1] && (in[0] & mask(out[1])) == out[0];
    }

    /** Whether {@code range} holds {@code address}. */
    static boolean contains(String range, String address) {
        return within(address, range);
    }

    /** Whether a range lies inside the private address space (RFC 1918). */
    static boolean isPrivate(String range) {
        return within(range, "10.0.0.0/8") || within(range, "172.16.0.0/12") || within(range, "192.168.0.0/16");
    }

    /** The network address and prefix length, or null if the text is not IPv4 CIDR. */
    private static long[] parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            return null;
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long address = 0;
        try {
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255 || octet.isEmpty()) {
                    return null;
                }
                address = (address << 8) | value;
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
            if (prefix < 0 || prefix > 32) {
                return null;
            }
            return new long[] {address & mask(prefix), prefix};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long mask(long prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }
}
