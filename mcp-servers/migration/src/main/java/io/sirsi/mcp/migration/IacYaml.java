package io.sirsi.mcp.migration;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes YAML for CloudFormation and Pulumi through Jackson, so quoting is the library's business: strings
 * are left plain only when no YAML 1.1 or 1.2 reader could take them for anything else.
 */
final class IacYaml {
    /** Quotes what Jackson's default check lets through but a reader might take for a number ({@code 1e3}, {@code .5}). */
    private static final class Quoting extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteValue(String value) {
            if (super.needToQuoteValue(value) || value.isEmpty()) {
                return true;
            }
            char first = value.charAt(0);
            return Character.isDigit(first) || first == '.' || first == '+' || first == '-';
        }
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder(tools.jackson.dataformat.yaml.YAMLFactory.builder()
                    .stringQuotingChecker(new Quoting())
                    .build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private IacYaml() {}

    /** {@code document} (maps, lists, strings, numbers, booleans) as YAML. */
    static String write(Object document) {
        return MAPPER.writeValueAsString(document);
    }
}
