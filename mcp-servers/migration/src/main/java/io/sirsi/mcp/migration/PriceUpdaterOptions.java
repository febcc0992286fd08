package io.sirsi.mcp.migration;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line of {@link PriceUpdater}: {@code --option value} or {@code --option=value}. */
record PriceUpdaterOptions(
        List<Cloud> clouds, Optional<Path> out, Map<Cloud, String> bases, String apiKeyEnv, boolean help) {

    /** @throws IllegalArgumentException saying what is wrong with {@code args} */
    static PriceUpdaterOptions parse(String[] args) {
        List<Cloud> clouds = List.of(Cloud.values());
        Optional<Path> out = Optional.empty();
        Map<Cloud, String> bases = new EnumMap<>(Cloud.class);
        bases.put(Cloud.AWS, PriceFetchAws.DEFAULT_BASE);
        bases.put(Cloud.AZURE, PriceFetchAzure.DEFAULT_BASE);
        bases.put(Cloud.GCP, PriceFetchGcp.DEFAULT_BASE);
        String keyEnv = PriceFetchGcp.DEFAULT_KEY_ENV;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new PriceUpdaterOptions(clouds, out, bases, keyEnv, true);
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--cloud" -> clouds = value.equalsIgnoreCase("all") ? List.of(Cloud.values()) : cloud(value);
                case "--out" -> out = Optional.of(Path.of(value));
                case "--aws-url" -> bases.put(Cloud.AWS, base(name, value));
                case "--azure-url" -> bases.put(Cloud.AZURE, base(name, value));
                case "--gcp-url" -> bases.put(Cloud.GCP, base(name, value));
                case "--gcp-api-key-env" -> keyEnv = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new PriceUpdaterOptions(clouds, out, Map.copyOf(bases), keyEnv, false);
    }

    private static List<Cloud> cloud(String value) {
        try {
            return List.of(Cloud.of(value));
        } catch (MigrationException e) {
            throw new IllegalArgumentException("--cloud is aws, azure, gcp or all, not '" + value + "'");
        }
    }

    private static String base(String option, String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(option + " is an http(s) URL, not '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " is an http(s) URL, not '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
