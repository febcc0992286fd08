package io.sirsi.mcp.kit;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.ToolNameValidator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool as the kit serves it: its MCP definition and its handler.
 *
 * <p>Annotations are honest by default: a tool is read-only, non-destructive, idempotent and closed
 * world unless its builder says otherwise.
 */
public record KitTool(McpSchema.Tool definition, ToolHandler handler) {
    private static final Map<String, Object> EMPTY_OBJECT_SCHEMA = Map.of("type", "object", "properties", Map.of());

    /** Validates the definition: a legal name, and object schemas. */
    public KitTool {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(handler, "handler");
        ToolNameValidator.validate(definition.name(), true);
        requireObjectSchema(definition.name(), "inputSchema", definition.inputSchema());
        if (definition.outputSchema() != null) {
            requireObjectSchema(definition.name(), "outputSchema", definition.outputSchema());
        }
    }

    /** Starts a tool with the given name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The tool's name. */
    public String name() {
        return definition.name();
    }

    /** The output schema, if the tool declares structured output. */
    public Optional<Map<String, Object>> outputSchema() {
        return Optional.ofNullable(definition.outputSchema());
    }

    /** Whether the tool only reads. */
    public boolean readOnly() {
        return Boolean.TRUE.equals(definition.annotations().readOnlyHint());
    }

    private static void requireObjectSchema(String tool, String which, Map<String, Object> schema) {
        if (schema == null || !"object".equals(schema.get("type"))) {
            throw new KitException(
                    "Tool '" + tool + "': " + which + " must be a JSON Schema with \"type\": \"object\"");
        }
    }

    /** Builds a {@link KitTool}. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private Map<String, Object> inputSchema = EMPTY_OBJECT_SCHEMA;
        private Map<String, Object> outputSchema;
        private boolean readOnly = true;
        private Boolean destructive;
        private Boolean idempotent;
        private boolean openWorld;
        private ToolHandler handler;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A human-readable title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** What the tool does, written for a model choosing tools. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The JSON Schema of the arguments, as JSON text. */
        public Builder inputSchema(String json) {
            this.inputSchema = schemaMap(json);
            return this;
        }

        /** The JSON Schema of the arguments. */
        public Builder inputSchema(Map<String, Object> schema) {
            this.inputSchema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** The JSON Schema of {@code structuredContent}, as JSON text. */
        public Builder outputSchema(String json) {
            this.outputSchema = schemaMap(json);
            return this;
        }

        /** The JSON Schema of {@code structuredContent}. */
        public Builder outputSchema(Map<String, Object> schema) {
            this.outputSchema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Declares that the tool changes its environment. Such a tool is destructive and not idempotent
         * unless {@link #destructive(boolean)} and {@link #idempotent(boolean)} say otherwise.
         */
        public Builder mutating() {
            this.readOnly = false;
            return this;
        }

        /** For a mutating tool: whether it may destroy or overwrite. */
        public Builder destructive(boolean destructive) {
            this.destructive = destructive;
            return this;
        }

        /** Whether calling it twice with the same arguments has no further effect. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Declares that the tool reaches systems outside the server (clouds, the network). */
        public Builder openWorld() {
            this.openWorld = true;
            return this;
        }

        /** The code behind the tool. */
        public Builder handler(ToolHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Builds the tool; fails if the name, the schemas or the handler are missing or invalid. */
        public KitTool build() {
            if (handler == null) {
                throw new KitException("Tool '" + name + "' has no handler");
            }
            boolean isDestructive = !readOnly && (destructive == null || destructive);
            boolean isIdempotent = readOnly || (idempotent != null && idempotent);
            var annotations =
                    new McpSchema.ToolAnnotations(title, readOnly, isDestructive, isIdempotent, openWorld, null);
            var tool = McpSchema.Tool.builder(name)
                    .title(title)
                    .description(description)
                    .inputSchema(inputSchema)
                    .outputSchema(outputSchema)
                    .annotations(annotations)
                    .build();
            return new KitTool(tool, handler);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> schemaMap(String json) {
            return Json.MAPPER.convertValue(Json.parse(json), Map.class);
        }
    }
}
