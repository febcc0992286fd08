package io.sirsi.mcp.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A filter over an inventory's resources: by type (exact, or a glob such as {@code aws.ec2.*}), region,
 * account, tag ({@code key} or {@code key=value}) and name. Every criterion is checked against the
 * inventory, so that a typo is an error that names what exists instead of an empty answer.
 */
public record Filter(
        Optional<String> type,
        Optional<String> region,
        Optional<String> account,
        Optional<String> tag,
        Optional<String> name) {

    /** No criteria. */
    public static final Filter ALL =
            new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Requires the optionals to be present-or-empty. */
    public Filter {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(region, "region");
        java.util.Objects.requireNonNull(account, "account");
        java.util.Objects.requireNonNull(tag, "tag");
        java.util.Objects.requireNonNull(name, "name");
    }

    /**
     * The resources that match, in inventory order.
     *
     * @throws InventoryException naming the criterion that matches nothing the inventory has
     */
    public List<Resource> apply(Inventory inventory) {
        List<Predicate<Resource>> checks = new ArrayList<>();
        type.ifPresent(t -> {
            Pattern glob = glob(t);
            Set<String> known = new TreeSet<>();
            inventory.resources().forEach(r -> known.add(r.type()));
            if (known.stream().noneMatch(k -> glob.matcher(k).matches())) {
                throw new InventoryException(
                        "Unknown resource type '" + t + "'; this inventory has " + String.join(", ", known));
            }
            checks.add(r -> glob.matcher(r.type()).matches());
        });
        region.ifPresent(want -> {
            Set<String> known = new TreeSet<>();
            inventory.resources().forEach(r -> known.add(r.region()));
            inventory.accounts().forEach(a -> known.addAll(a.regions()));
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(want))) {
                throw new InventoryException(
                        "Unknown region '" + want + "'; this inventory has " + String.join(", ", known));
            }
            checks.add(r -> r.region().equalsIgnoreCase(want)
                    || r.region().toLowerCase(Locale.ROOT).startsWith(want.toLowerCase(Locale.ROOT) + "-"));
        });
        account.ifPresent(want -> {
            if (inventory.accounts().stream()
                    .noneMatch(a -> a.id().equals(want) || a.name().equalsIgnoreCase(want))) {
                throw new InventoryException("Unknown account '" + want + "'; this inventory has "
                        + inventory.accounts().stream()
                                .map(a -> a.id() + " (" + a.name() + ")")
                                .toList());
            }
            Set<String> ids = new TreeSet<>();
            inventory.accounts().stream()
                    .filter(a -> a.id().equals(want) || a.name().equalsIgnoreCase(want))
                    .forEach(a -> ids.add(a.id()));
            checks.add(r -> ids.contains(r.account()));
        });
        tag.ifPresent(spec -> {
            int eq = spec.indexOf('=');
            String key = (eq < 0 ? spec : spec.substring(0, eq)).trim();
            String value = eq < 0 ? null : spec.substring(eq + 1).trim();
            if (key.isEmpty()) {
                throw new InventoryException("Malformed tag filter '" + spec + "'; use key or key=value");
            }
            checks.add(r -> r.tag(key)
                    .filter(v -> value == null || v.equalsIgnoreCase(value))
                    .isPresent());
        });
        name.ifPresent(
                part -> checks.add(r -> r.name().toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT))));
        return inventory.resources().stream()
                .filter(r -> checks.stream().allMatch(c -> c.test(r)))
                .toList();
    }

    private static Pattern glob(String type) {
        if (!type.matches("[a-z0-9.*-]+")) {
            throw new InventoryException("Malformed type filter '" + type
                    + "'; use a provider-prefixed type such as aws.ec2.instance, or a glob such as aws.ec2.*");
        }
        return Pattern.compile(Pattern.quote(type).replace("*", "\\E.*\\Q"));
    }
}
