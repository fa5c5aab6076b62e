package dev.rightsplatform.worker.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The message schemas of the contract, read from infra/asyncapi.yaml itself, so the tests follow it as it changes. */
public final class AsyncApiSchemas {

    private static final Path FILE = Path.of("..", "infra", "asyncapi.yaml");

    private AsyncApiSchemas() {}

    /** The JSON schema of components.schemas.&lt;name&gt;, with format checks on (uuid, date-time). */
    public static Schema schema(String name) {
        JsonNode document = YAMLMapper.builder().build().readTree(FILE.toFile());
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalStateException("no schema " + name + " in " + FILE.toAbsolutePath());
        }
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config))
                .getSchema(schema);
    }
}
