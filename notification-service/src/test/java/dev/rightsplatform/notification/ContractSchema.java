package dev.rightsplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The RequestEvent schema read from the platform's message contract, infra/asyncapi.yaml, so tests judge samples by
 * the document itself and not by a copy. Validated as JSON Schema 2020-12 with format assertions on: the schema's
 * keywords mean the same there as in AsyncAPI's draft-07 dialect, and 2020-12 is the draft that defines "uuid".
 */
public final class ContractSchema {

    /** Tests run in the module directory (Maven's basedir). */
    public static final Path ASYNCAPI = Path.of("..", "infra", "asyncapi.yaml");

    private static final JsonNode REQUEST_EVENT_NODE = read("RequestEvent");

    private static final Schema REQUEST_EVENT = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(REQUEST_EVENT_NODE);

    private ContractSchema() {}

    /** What the contract finds wrong with the event; empty when it is a valid RequestEvent. */
    public static List<String> violations(JsonNode event) {
        List<Error> errors = REQUEST_EVENT.validate(
                event, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    public static void assertValid(JsonNode event) {
        assertThat(violations(event))
                .as("violations of infra/asyncapi.yaml's RequestEvent")
                .isEmpty();
    }

    /** The RequestEvent schema itself, for tests that look at what it defines. */
    public static JsonNode requestEvent() {
        return REQUEST_EVENT_NODE;
    }

    private static JsonNode read(String name) {
        try {
            JsonNode contract = YAMLMapper.builder().build().readTree(Files.readString(ASYNCAPI));
            JsonNode schema = contract.at("/components/schemas/" + name);
            if (schema.isMissingNode()) {
                throw new IllegalStateException(ASYNCAPI + " has no components.schemas." + name);
            }
            return schema;
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("cannot read " + ASYNCAPI.toAbsolutePath(), ex);
        }
    }
}
